import Testing

@testable import S3Server

/// User metadata beyond US-ASCII travels as RFC 2047 encoded words, as S3 documents it.
struct MetadataEncodingTests {
    @Test func asciiValuesTravelAsTheyAre() {
        #expect(MetadataEncoding.encode("plain value") == "plain value")
        #expect(MetadataEncoding.decode("plain value") == "plain value")
    }

    @Test func nonASCIIValuesAreOneBase64Word() {
        #expect(MetadataEncoding.encode("Hello Worldé") == "=?UTF-8?B?SGVsbG8gV29ybGTDqQ==?=")
        #expect(MetadataEncoding.decode("=?UTF-8?B?SGVsbG8gV29ybGTDqQ==?=") == "Hello Worldé")
    }

    @Test(arguments: [
        ("=?utf-8?q?caf=C3=A9_au_lait?=", "café au lait"),
        ("=?ISO-8859-1?Q?caf=E9?=", "café"),
        ("=?UTF-8?B?5pel5pys?= =?UTF-8?B?6Kqe?=", "日本語"),
    ])
    func encodedWordsAreDecoded(sent: String, stored: String) {
        #expect(MetadataEncoding.decode(sent) == stored)
    }

    @Test(arguments: ["=?UTF-8?B?not base64?=", "=?KOI8-R?B?AAAA?=", "=?UTF-8?Q?bad=ZZ?=", "=?UTF-8?B?SGk=?= plain", "=?x?="])
    func anythingElseIsKeptAsSent(value: String) {
        #expect(MetadataEncoding.decode(value) == value)
    }

    @Test func encodingThenDecodingGivesTheValueBack() {
        for value in ["ü", "naïve résumé", "日本語のメタデータ", "emoji 🎉"] {
            #expect(MetadataEncoding.decode(MetadataEncoding.encode(value)) == value)
        }
    }
}
