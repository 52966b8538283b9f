/// Groups a sorted stream of listed items into one page of items and CommonPrefixes, as S3 listings do.
///
/// It knows no database: `fetch` returns the next items in key order from a bound, below an exclusive upper bound.
/// When an item yields a CommonPrefix, the pager skips everything under it with one seek (`.atKey` of the
/// prefix's successor), so a page never repeats nor skips a key or a CommonPrefix, whatever `maxKeys` is.
struct ListingPager: Sendable {
    var prefix: String
    var delimiter: String?
    /// Items and CommonPrefixes together.
    var maxKeys: Int

    static let batchLimit = 1000

    init(prefix: String, delimiter: String?, maxKeys: Int) {
        self.prefix = prefix
        // An empty delimiter groups nothing, as in S3.
        self.delimiter = delimiter?.isEmpty == true ? nil : delimiter
        self.maxKeys = maxKeys
    }

    /// Where a page starts, exclusive: after a key (or CommonPrefix) or after a given item.
    enum Marker<Item> {
        case key(String)
        case item(Item)
    }

    /// Where a fetch starts.
    enum Bound<Item> {
        /// Items whose key is >= the string.
        case atKey(String)
        /// Items whose key is > the string.
        case afterKey(String)
        /// Items after this one in listing order (for versions: the older versions of the same key, then later keys).
        case afterItem(Item)
    }

    enum Entry<Item> {
        case item(Item)
        case commonPrefix(String)
    }

    struct Page<Item> {
        var entries: [Entry<Item>]
        var isTruncated: Bool

        var items: [Item] {
            entries.compactMap { if case .item(let item) = $0 { item } else { nil } }
        }

        var commonPrefixes: [String] {
            entries.compactMap { if case .commonPrefix(let prefix) = $0 { prefix } else { nil } }
        }

        /// Where the next page of a truncated listing starts, as S3's key and id markers (version id, upload id):
        /// after the last item, or after the last CommonPrefix (no id). Both nil when the listing is complete.
        func nextMarkers(key: (Item) -> String, id: (Item) -> String) -> (key: String?, id: String?) {
            guard isTruncated else { return (nil, nil) }
            switch entries.last {
            case .item(let item): return (key(item), id(item))
            case .commonPrefix(let prefix): return (prefix, nil)
            case nil: return (nil, nil)
            }
        }
    }

    /// The CommonPrefix a key belongs to: the key up to and including the first delimiter after the prefix.
    func commonPrefix(of key: String) -> String? {
        guard let delimiter, key.hasBytePrefix(prefix) else { return nil }
        return key.bytePrefix(throughFirst: delimiter, from: prefix.utf8.count)
    }

    /// The first bound of a page.
    func start<Item>(after marker: Marker<Item>?) -> Bound<Item>? {
        switch marker {
        case nil:
            return .atKey(prefix)
        case .item(let item):
            return .afterItem(item)
        case .key(let key):
            if key.bytesPrecede(prefix) { return .atKey(prefix) }
            if let group = commonPrefix(of: key), group.bytesEqual(key) {
                return Self.successor(of: key).map { .atKey($0) }
            }
            return .afterKey(key)
        }
    }

    /// One page.
    /// - Parameters:
    ///   - marker: exclusive start; a key that is a CommonPrefix continues after everything under it.
    ///   - key: the key of an item.
    ///   - fetch: up to `limit` items from `bound`, in listing order, all with keys below `upperBound` (exclusive) when given.
    func page<Item>(
        after marker: Marker<Item>?,
        key: (Item) -> String,
        fetch: (_ bound: Bound<Item>, _ upperBound: String?, _ limit: Int) throws -> [Item]
    ) rethrows -> Page<Item> {
        var page = Page<Item>(entries: [], isTruncated: false)
        guard maxKeys > 0, var bound = start(after: marker) else { return page }
        let upperBound = prefix.isEmpty ? nil : Self.successor(of: prefix)
        while true {
            // One more than needed, to know whether the page is truncated; batches stay bounded whatever maxKeys is.
            let limit = min(maxKeys - page.entries.count, Self.batchLimit) + 1
            let batch = try fetch(bound, upperBound, limit)
            var skipping: String?
            for item in batch {
                let itemKey = key(item)
                if let skipping, itemKey.hasBytePrefix(skipping) { continue }
                skipping = nil
                if page.entries.count == maxKeys {
                    page.isTruncated = true
                    return page
                }
                if let group = commonPrefix(of: itemKey) {
                    page.entries.append(.commonPrefix(group))
                    guard let next = Self.successor(of: group) else { return page }
                    bound = .atKey(next)
                    skipping = group
                } else {
                    page.entries.append(.item(item))
                    bound = .afterItem(item)
                }
            }
            if batch.count < limit { return page }
        }
    }

    /// The smallest string greater than every string that starts with `prefix`, or nil when there is none.
    ///
    /// UTF-8 byte order is code point order, so incrementing the last scalar (past the surrogates) is enough.
    static func successor(of prefix: String) -> String? {
        var scalars = Array(prefix.unicodeScalars)
        while let last = scalars.popLast() {
            var value = last.value + 1
            if value == 0xD800 { value = 0xE000 }
            if let next = Unicode.Scalar(value) {
                scalars.append(next)
                var result = String.UnicodeScalarView()
                result.append(contentsOf: scalars)
                return String(result)
            }
        }
        return nil
    }
}
