import Foundation
import Testing

@testable import ObjectStore

/// The pager runs against an in-memory source here: no database.
struct ListingPagerTests {
    /// An item of the fake source: a key and, for version-like listings, a sequence (newest first within a key).
    struct Item: Equatable, CustomStringConvertible {
        var key: String
        var sequence: Int
        var description: String { "\(key)#\(sequence)" }

        /// By bytes: Swift's `==` would find "é" and "e\u{301}" equal.
        static func == (lhs: Item, rhs: Item) -> Bool {
            lhs.key.bytesEqual(rhs.key) && lhs.sequence == rhs.sequence
        }
    }

    enum Entry: Equatable, CustomStringConvertible {
        case item(Item)
        case commonPrefix(String)

        static func == (lhs: Entry, rhs: Entry) -> Bool {
            switch (lhs, rhs) {
            case (.item(let left), .item(let right)): left == right
            case (.commonPrefix(let left), .commonPrefix(let right)): left.bytesEqual(right)
            default: false
            }
        }

        var description: String {
            switch self {
            case .item(let item): item.description
            case .commonPrefix(let prefix): "CP(\(prefix))"
            }
        }
    }

    static let keys = [
        "a", "a/b", "a//b", "a/b/c", "a/c", "a/", "b", "b/", "b/x", "b//y", "c/d/e", "../x", " ", "+", "%",
        "photos/2023/jan.jpg", "photos/2023/feb.jpg", "photos/2024/x.jpg", "photos/readme", "photos/",
        "z", "é", "e\u{301}", "日本/語", "日本/", "x--y--z", "x--y", "x-", "\u{10FFFF}a", "\u{10FFFF}/b",
    ]

    /// Sorted by UTF-8 bytes, with one to three versions per key, newest (highest sequence) first.
    static let items: [Item] = {
        var items: [Item] = []
        for (index, key) in keys.enumerated() {
            for version in 0...(index % 3) { items.append(Item(key: key, sequence: 100 - version)) }
        }
        return items.sorted { $0.key.bytesEqual($1.key) ? $0.sequence > $1.sequence : $0.key.bytesPrecede($1.key) }
    }()

    static let cases: [(prefix: String, delimiter: String?)] = [
        ("", nil), ("", "/"), ("a", "/"), ("a/", "/"), ("a/", nil), ("b/", "/"), ("photos/", "/"), ("photos/2023/", "/"),
        ("ph", "/"), ("", "//"), ("a/", "b"), ("", "2023/"), ("", "--"), ("x", "-"), ("nothing", "/"), ("", ""),
        ("日本", "/"), ("\u{10FFFF}", "/"), ("e", "/"), ("", "e"),
    ]

    /// The fake cursor: items from a bound, below an exclusive upper bound, at most `limit`.
    static func fetch(_ source: [Item], _ bound: ListingPager.Bound<Item>, _ upperBound: String?, _ limit: Int) -> [Item] {
        let start: Int
        switch bound {
        case .atKey(let key): start = source.firstIndex { !$0.key.bytesPrecede(key) } ?? source.count
        case .afterKey(let key): start = source.firstIndex { key.bytesPrecede($0.key) } ?? source.count
        case .afterItem(let item): start = source.firstIndex(of: item).map { $0 + 1 } ?? source.count
        }
        return Array(source[start...].prefix { upperBound == nil || $0.key.bytesPrecede(upperBound!) }.prefix(limit))
    }

    /// What S3 lists, computed the naive way.
    static func expected(_ source: [Item], prefix: String, delimiter: String?) -> [Entry] {
        var entries: [Entry] = []
        for item in source where item.key.hasBytePrefix(prefix) {
            let rest = Array(item.key.utf8.dropFirst(prefix.utf8.count))
            if let delimiter, !delimiter.isEmpty, let range = findBytes(Array(delimiter.utf8), in: rest) {
                let group = prefix + String(decoding: rest[..<range], as: UTF8.self)
                if !entries.contains(.commonPrefix(group)) { entries.append(.commonPrefix(group)) }
            } else {
                entries.append(.item(item))
            }
        }
        return entries
    }

    static func findBytes(_ needle: [UInt8], in haystack: [UInt8]) -> Int? {
        guard haystack.count >= needle.count else { return nil }
        for start in 0...(haystack.count - needle.count) where Array(haystack[start..<start + needle.count]) == needle {
            return start + needle.count
        }
        return nil
    }

    /// Lists everything page by page, continuing from the last entry of each page, as a client does.
    static func pageThrough(_ source: [Item], prefix: String, delimiter: String?, maxKeys: Int, byItem: Bool) -> [Entry] {
        let pager = ListingPager(prefix: prefix, delimiter: delimiter, maxKeys: maxKeys)
        var marker: ListingPager.Marker<Item>?
        var all: [Entry] = []
        for _ in 0..<1000 {
            let page = pager.page(after: marker, key: \.key) { fetch(source, $0, $1, $2) }
            #expect(page.entries.count <= maxKeys)
            for entry in page.entries {
                switch entry {
                case .item(let item): all.append(.item(item))
                case .commonPrefix(let group): all.append(.commonPrefix(group))
                }
            }
            guard page.isTruncated, let last = page.entries.last else { return all }
            switch last {
            case .item(let item): marker = byItem ? .item(item) : .key(item.key)
            case .commonPrefix(let group): marker = .key(group)
            }
        }
        Issue.record("paging did not end")
        return all
    }

    @Test(arguments: 0..<cases.count)
    func pagingNeverRepeatsNorSkipsKeys(caseIndex: Int) {
        let (prefix, delimiter) = Self.cases[caseIndex]
        // One version per key: an object listing, continued by key.
        let latest = Self.items.filter { item in Self.items.first { $0.key.bytesEqual(item.key) } == item }
        let expected = Self.expected(latest, prefix: prefix, delimiter: delimiter)
        let onePage = Self.pageThrough(latest, prefix: prefix, delimiter: delimiter, maxKeys: 1000, byItem: false)
        #expect(onePage == expected, "prefix \(prefix) delimiter \(delimiter ?? "nil")")
        for maxKeys in 1...max(1, expected.count + 1) {
            let paged = Self.pageThrough(latest, prefix: prefix, delimiter: delimiter, maxKeys: maxKeys, byItem: false)
            #expect(paged == expected, "prefix \(prefix) delimiter \(delimiter ?? "nil") maxKeys \(maxKeys)")
        }
    }

    @Test(arguments: 0..<cases.count)
    func versionPagingNeverRepeatsNorSkipsItems(caseIndex: Int) {
        let (prefix, delimiter) = Self.cases[caseIndex]
        let expected = Self.expected(Self.items, prefix: prefix, delimiter: delimiter)
        for maxKeys in 1...max(1, expected.count + 1) {
            let paged = Self.pageThrough(Self.items, prefix: prefix, delimiter: delimiter, maxKeys: maxKeys, byItem: true)
            #expect(paged == expected, "prefix \(prefix) delimiter \(delimiter ?? "nil") maxKeys \(maxKeys)")
        }
    }

    @Test func zeroMaxKeysIsAnEmptyCompletePage() {
        let pager = ListingPager(prefix: "", delimiter: "/", maxKeys: 0)
        let page = pager.page(after: nil, key: \Item.key) { Self.fetch(Self.items, $0, $1, $2) }
        #expect(page.entries.isEmpty)
        #expect(!page.isTruncated)
    }

    @Test func commonPrefixIsSkippedWithOneSeek() {
        // Many keys under one prefix: the pager must not walk them.
        let source = (0..<5000).map { Item(key: "big/\($0)", sequence: 0) } + [Item(key: "small", sequence: 0)]
        let sorted = source.sorted { $0.key.bytesPrecede($1.key) }
        var fetched = 0
        let pager = ListingPager(prefix: "", delimiter: "/", maxKeys: 10)
        let page = pager.page(after: nil, key: \.key) { bound, upper, limit in
            let batch = Self.fetch(sorted, bound, upper, limit)
            fetched += batch.count
            return batch
        }
        #expect(page.commonPrefixes == ["big/"])
        #expect(page.items.map(\.key) == ["small"])
        #expect(fetched <= 12)
    }

    @Test func markerInsideAPrefixOrBeforeIt() {
        let latest = ["a/1", "a/2", "b", "c/1"].map { Item(key: $0, sequence: 0) }
        let pager = ListingPager(prefix: "", delimiter: "/", maxKeys: 10)
        let afterGroup = pager.page(after: .key("a/"), key: \.key) { Self.fetch(latest, $0, $1, $2) }
        #expect(afterGroup.items.map(\.key) == ["b"])
        #expect(afterGroup.commonPrefixes == ["c/"])
        let prefixed = ListingPager(prefix: "c/", delimiter: "/", maxKeys: 10)
        let beforePrefix = prefixed.page(after: .key("a"), key: \.key) { Self.fetch(latest, $0, $1, $2) }
        #expect(beforePrefix.items.map(\.key) == ["c/1"])
    }

    @Test func successorBoundsEveryStringWithThePrefix() {
        #expect(ListingPager.successor(of: "a/") == "a0")
        #expect(ListingPager.successor(of: "a\u{D7FF}") == "a\u{E000}")
        #expect(ListingPager.successor(of: "a\u{10FFFF}") == "b")
        #expect(ListingPager.successor(of: "\u{10FFFF}\u{10FFFF}") == nil)
        #expect(ListingPager.successor(of: "") == nil)
    }
}

extension ListingPagerTests {
    @Test func hugeMaxKeysListsEverythingInBoundedBatches() {
        let source = (0..<2500).map { Item(key: String(format: "k%05d", $0), sequence: 0) }
        var largest = 0
        let pager = ListingPager(prefix: "", delimiter: nil, maxKeys: .max)
        let page = pager.page(after: nil, key: \.key) { bound, upper, limit in
            largest = max(largest, limit)
            return Self.fetch(source, bound, upper, limit)
        }
        #expect(page.items.count == 2500)
        #expect(!page.isTruncated)
        #expect(largest == ListingPager.batchLimit + 1)
    }
}
