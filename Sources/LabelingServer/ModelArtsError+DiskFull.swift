import HTTPTypes

extension ModelArtsError {
    /// A write (a sync, a label edit) refused because the disk is full: 507, with the generic ModelArts code and words
    /// that say what to do. Nothing of it was kept; the same request works once space returns.
    static let insufficientStorage = ModelArtsError(
        status: HTTPResponse.Status(code: 507, reasonPhrase: "Insufficient Storage"),
        code: "ModelArts.0010",
        message: "Insufficient storage space: the labeling service's disk is full, so nothing was written. Free space and retry."
    )
}
