import AccessControl
import S3Documents

extension Owner {
    /// The `Owner` element of a principal by its stored name: its canonical user id and its name.
    init(principal name: String) {
        let principal = Principal(storedName: name)
        self.init(id: principal.canonicalId, displayName: principal.displayName)
    }
}
