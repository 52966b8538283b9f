import Testing

@testable import S3Protocol

/// Raw queries split into name/value pairs on `&` and each pair's first `=`, as bytes, before any decoding.
struct QueryItemTests {
    @Test(arguments: [
        ("", [] as [[String]]),
        ("a=1&b=2", [["a", "1"], ["b", "2"]]),
        ("acl", [["acl", ""]]),
        ("a=&=b", [["a", ""], ["", "b"]]),
        ("&&x=1&&", [["x", "1"]]),
        ("k=v=w", [["k", "v=w"]]),
        ("prefix=caf%C3%A9&n=é&e\u{301}=1", [["prefix", "caf%C3%A9"], ["n", "é"], ["e\u{301}", "1"]]),
        ("&\u{301}=x", [["\u{301}", "x"]]),
    ])
    func rawPairsSplitOnAmpersandAndTheFirstEquals(query: String, expected: [[String]]) {
        #expect(QueryItem.rawPairs(query).map { [String($0.name), String($0.value)] } == expected)
    }

    @Test func parseDecodesWhatRawPairsSplit() {
        #expect(
            QueryItem.parse("prefix=a%2Fb+c&list-type=2")
                == [QueryItem(name: "prefix", value: "a/b c"), QueryItem(name: "list-type", value: "2")]
        )
    }
}
