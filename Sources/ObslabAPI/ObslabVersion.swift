/// obslab's version, as `obslab --version` prints it. Bumped by hand with each release (git describe is not
/// available to a built binary).
public enum ObslabVersion {
    public static let current = "0.1.0"
}
