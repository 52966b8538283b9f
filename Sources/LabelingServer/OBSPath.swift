/// Converts between ModelArts's OBS paths (`/bucket/prefix/`) and the `obs://bucket/prefix/` form of the Labeling module.
enum OBSPath {
    /// `obs://bucket/prefix/` from either form; a 400 naming `field` for anything else.
    static func obsURL(_ path: String, field: String) throws -> String {
        if path.hasPrefix("obs://") { return path }
        guard path.hasPrefix("/"), path.count > 1 else {
            throw ModelArtsError.invalidParameter(field, "must be an OBS path such as /bucket/folder/ or obs://bucket/folder/, not \(path)")
        }
        return "obs:/" + path
    }

    /// `/bucket/prefix/`, ModelArts's form, from `obs://bucket/prefix/` (other forms are returned as they are).
    static func modelArtsPath(_ url: String) -> String {
        url.hasPrefix("obs://") ? String(url.dropFirst("obs:/".count)) : url
    }
}
