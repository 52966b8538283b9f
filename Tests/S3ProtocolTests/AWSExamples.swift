import Foundation
import S3Protocol

/// The requests of AWS's published SigV4 and SigV2 examples for S3.
enum AWSExamples {
    static let accessKey = "AKIAIOSFODNN7EXAMPLE"
    static let secretKey = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"
    static let credentials = StaticCredentialProvider([accessKey: secretKey])
    static let authenticator = RequestAuthenticator(credentials: credentials)
    /// 20130524T000000Z, the time of every SigV4 example.
    static let now = SignatureDate.parseAmzDate("20130524T000000Z")!
    static let scope = "20130524/us-east-1/s3/aws4_request"
    static let emptySHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"

    static func authorization(signedHeaders: String, signature: String) -> String {
        "AWS4-HMAC-SHA256 Credential=\(accessKey)/\(scope),SignedHeaders=\(signedHeaders),Signature=\(signature)"
    }

    /// GET /test.txt with `Range: bytes=0-9`.
    static let getObjectSignature = "f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41"
    static func getObject(signature: String = getObjectSignature) -> SignableRequest {
        SignableRequest(
            method: "GET",
            rawPath: "/test.txt",
            headers: [
                ("Host", "examplebucket.s3.amazonaws.com"),
                ("Authorization", authorization(signedHeaders: "host;range;x-amz-content-sha256;x-amz-date", signature: signature)),
                ("Range", "bytes=0-9"),
                ("x-amz-content-sha256", emptySHA256),
                ("x-amz-date", "20130524T000000Z"),
            ]
        )
    }

    /// PUT /test$file.text with the body "Welcome to Amazon S3.".
    static let putObjectSignature = "98ad721746da40c64f1a55b78f14c238d841ea1380cd77a1b5971af0ece108bd"
    static let putObjectBody = "Welcome to Amazon S3."
    static let putObjectBodySHA256 = "44ce7dd67c959e0d3524ffac1771dfbba87d2b6b4b4e99e42034a8b803f8b072"
    static func putObject() -> SignableRequest {
        SignableRequest(
            method: "PUT",
            rawPath: "/test%24file.text",
            headers: [
                ("Host", "examplebucket.s3.amazonaws.com"),
                ("Date", "Fri, 24 May 2013 00:00:00 GMT"),
                (
                    "Authorization",
                    authorization(
                        signedHeaders: "date;host;x-amz-content-sha256;x-amz-date;x-amz-storage-class",
                        signature: putObjectSignature
                    )
                ),
                ("x-amz-date", "20130524T000000Z"),
                ("x-amz-storage-class", "REDUCED_REDUNDANCY"),
                ("x-amz-content-sha256", putObjectBodySHA256),
            ]
        )
    }

    /// GET /?lifecycle.
    static let getLifecycleSignature = "fea454ca298b7da1c68078a5d1bdbfbbe0d65c699e0f91ac7a200a0136783543"
    static func getLifecycle() -> SignableRequest {
        SignableRequest(
            method: "GET",
            rawPath: "/",
            rawQuery: "lifecycle",
            headers: [
                ("Host", "examplebucket.s3.amazonaws.com"),
                ("Authorization", authorization(signedHeaders: "host;x-amz-content-sha256;x-amz-date", signature: getLifecycleSignature)),
                ("x-amz-content-sha256", emptySHA256),
                ("x-amz-date", "20130524T000000Z"),
            ]
        )
    }

    /// GET /?max-keys=2&prefix=J.
    static let listObjectsSignature = "34b48302e7b5fa45bde8084f4b7868a86f0a534bc59db6670ed5711ef69dc6f7"
    static func listObjects() -> SignableRequest {
        SignableRequest(
            method: "GET",
            rawPath: "/",
            rawQuery: "max-keys=2&prefix=J",
            headers: [
                ("Host", "examplebucket.s3.amazonaws.com"),
                ("Authorization", authorization(signedHeaders: "host;x-amz-content-sha256;x-amz-date", signature: listObjectsSignature)),
                ("x-amz-content-sha256", emptySHA256),
                ("x-amz-date", "20130524T000000Z"),
            ]
        )
    }

    /// The presigned GET /test.txt valid for 86400 seconds.
    static let presignedSignature = "aeeed9bbccd4d02ee5c0109b86d86835f995330da4c265957d157751f604d404"
    static func presigned(signature: String = presignedSignature) -> SignableRequest {
        SignableRequest(
            method: "GET",
            rawPath: "/test.txt",
            rawQuery: "X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F20130524%2Fus-east-1%2Fs3%2Faws4_request"
                + "&X-Amz-Date=20130524T000000Z&X-Amz-Expires=86400&X-Amz-SignedHeaders=host&X-Amz-Signature=\(signature)",
            headers: [("Host", "examplebucket.s3.amazonaws.com")]
        )
    }

    /// The streaming upload of 65536 + 1024 'a' bytes in chunks of 64 KiB, with its chained signatures.
    enum Streaming {
        static let seedSignature = "4f232c4386841ef735655705268965c44a0e4690baa4adea153f7db9fa80a0a9"
        static let firstChunkSignature = "ad80c730a21e5b8d04586a2213dd63b9a0e99e0e2307b0ade35a65485a288648"
        static let secondChunkSignature = "0055627c9e194cb4542bae2aa5492e3c1575bbb81b612b7d234b86a503ef5497"
        static let finalChunkSignature = "b6c6ea8a5354eaf15b3cb7646744f4275b71ea724fed81ceb9323e279d449df9"
        static let signedHeaders =
            "content-encoding;content-length;host;x-amz-content-sha256;x-amz-date;x-amz-decoded-content-length;"
            + "x-amz-storage-class"

        static func request() -> SignableRequest {
            SignableRequest(
                method: "PUT",
                rawPath: "/examplebucket/chunkObject.txt",
                headers: [
                    ("Host", "s3.amazonaws.com"),
                    ("x-amz-date", "20130524T000000Z"),
                    ("x-amz-storage-class", "REDUCED_REDUNDANCY"),
                    ("Authorization", authorization(signedHeaders: signedHeaders, signature: seedSignature)),
                    ("x-amz-content-sha256", "STREAMING-AWS4-HMAC-SHA256-PAYLOAD"),
                    ("Content-Encoding", "aws-chunked"),
                    ("x-amz-decoded-content-length", "66560"),
                    ("Content-Length", "66824"),
                ]
            )
        }

        static func body(firstChunk: [UInt8] = Array(repeating: UInt8(ascii: "a"), count: 65536)) -> [UInt8] {
            Array("10000;chunk-signature=\(firstChunkSignature)\r\n".utf8) + firstChunk + Array("\r\n".utf8)
                + Array("400;chunk-signature=\(secondChunkSignature)\r\n".utf8) + Array(repeating: UInt8(ascii: "a"), count: 1024)
                + Array("\r\n0;chunk-signature=\(finalChunkSignature)\r\n\r\n".utf8)
        }
    }
}
