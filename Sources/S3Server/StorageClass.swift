import HTTPTypes

/// Storage classes, stored under S3's names. OBS calls S3's STANDARD_IA and GLACIER `WARM` and `COLD`: an OBS request
/// names them the OBS way and gets them back the same way, while S3 clients see the S3 names of the same objects.
/// obslab keeps the class as an attribute only: every class reads at once (no restore of archived objects).
enum StorageClass {
    static let standard = "STANDARD"

    /// The classes S3 accepts in `x-amz-storage-class`.
    static let s3Names: Set<String> = [
        "STANDARD", "REDUCED_REDUNDANCY", "STANDARD_IA", "ONEZONE_IA", "INTELLIGENT_TIERING", "GLACIER", "GLACIER_IR",
        "DEEP_ARCHIVE", "OUTPOSTS", "SNOW", "EXPRESS_ONEZONE",
    ]
    private static let obsToS3 = ["WARM": "STANDARD_IA", "COLD": "GLACIER"]
    private static let s3ToOBS = Dictionary(uniqueKeysWithValues: obsToS3.map { ($1, $0) })

    static func s3Name(fromOBS name: String) -> String { obsToS3[name] ?? name }

    static func obsName(fromS3 name: String) -> String { s3ToOBS[name] ?? name }

    /// The class a write asks for in `x-amz-storage-class` (OBS names already translated); nil when it names none.
    /// - Throws: `InvalidStorageClass` for a name S3 does not know.
    static func requested(by headers: HTTPFields) throws(S3Error) -> String? {
        guard let name = headers[.amzStorageClass] else { return nil }
        guard s3Names.contains(name) else {
            throw S3Error("InvalidStorageClass", status: .badRequest, message: "The storage class you specified is not valid")
        }
        return name
    }

    /// A stored class as the dialect of the request being answered names it, for listings.
    static func presented(_ stored: String) -> String {
        Dialect.current == .obs ? obsName(fromS3: stored) : stored
    }
}

extension HTTPField.Name {
    static let amzStorageClass = HTTPField.Name("x-amz-storage-class")!
}
