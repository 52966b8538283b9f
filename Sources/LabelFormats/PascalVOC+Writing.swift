import Foundation

extension PascalVOC {
    /// A PASCAL VOC document ModelArts can import; `parse` gives back the same annotations.
    ///
    /// Every annotation needs a shape. `pose` and the flags are written only when set. Properties are written as
    /// `properties/<key>` (`@modelarts:color` as `properties/color`), `@modelarts:hard` and
    /// `@modelarts:hard_coefficient` as the object's `hard` and `hard-coefficient`; other keys must be XML names.
    public static func write(
        _ annotations: [Annotation],
        imageSize: ImageSize? = nil,
        filename: String? = nil,
        folder: String? = nil
    ) throws(FormatError) -> Data {
        var xml = XMLWriter()
        xml.line(#"<?xml version="1.0" encoding="UTF-8" standalone="no"?>"#)
        xml.open("annotation")
        if let folder {
            try TextLines.checkWritable(folder, what: "folder", position: "annotation/folder")
            xml.leaf("folder", folder)
        }
        if let filename {
            try TextLines.checkWritable(filename, what: "filename", position: "annotation/filename")
            xml.leaf("filename", filename)
        }
        if let imageSize {
            xml.open("size")
            xml.leaf("width", String(imageSize.width))
            xml.leaf("height", String(imageSize.height))
            if let depth = imageSize.depth {
                xml.leaf("depth", String(depth))
            }
            xml.close("size")
        }
        xml.leaf("segmented", "0")
        for (index, annotation) in annotations.enumerated() {
            try Self.writeObject(annotation, path: "annotation/object[\(index + 1)]", to: &xml)
        }
        xml.close("annotation")
        return Data(xml.text.utf8)
    }

    private static func writeObject(_ annotation: Annotation, path: String, to xml: inout XMLWriter) throws(FormatError) {
        try TextLines.checkWritable(annotation.name, what: "label name", position: "\(path)/name")
        guard let shape = annotation.shape else {
            throw FormatError(.notRepresentable, position: path, reason: "'\(annotation.name)' has no shape")
        }
        xml.open("object")
        xml.leaf("name", annotation.name)
        if let pose = annotation.pose {
            try TextLines.checkWritable(pose, what: "pose", position: "\(path)/pose")
            xml.leaf("pose", pose)
        }
        for (flag, value) in zip(Self.flagElements, [annotation.truncated, annotation.occluded, annotation.difficult]) {
            if let value {
                xml.leaf(flag, value ? "1" : "0")
            }
        }
        let objectElements = Dictionary(uniqueKeysWithValues: Self.objectPropertyKeys.map { ($1, $0) })
        let propertiesElements = Dictionary(uniqueKeysWithValues: Self.propertiesPropertyKeys.map { ($1, $0) })
        var nested: [(String, String)] = []
        for (key, value) in annotation.properties.sorted(by: { $0.key < $1.key }) {
            try TextLines.checkWritable(value, what: "property '\(key)'", position: "\(path)/properties", allowEmpty: true)
            if let element = objectElements[key] {
                xml.leaf(element, value)
            } else if let element = propertiesElements[key] {
                nested.append((element, value))
            } else if Self.isWritableKey(key) {
                nested.append((key, value))
            } else {
                throw FormatError(.notRepresentable, position: "\(path)/properties", reason: "property key '\(key)' is not an XML name")
            }
        }
        try Self.writeShape(shape, path: "\(path)/\(shape.modelArtsName)", to: &xml)
        if !nested.isEmpty {
            xml.open("properties")
            for (element, value) in nested {
                xml.leaf(element, value)
            }
            xml.close("properties")
        }
        xml.close("object")
    }

    private static func writeShape(_ shape: Shape, path: String, to xml: inout XMLWriter) throws(FormatError) {
        let values = shape.feature.joined()
        guard values.allSatisfy(\.isFinite) else {
            throw FormatError(.notRepresentable, position: path, reason: "a coordinate is not a finite number")
        }
        var fields: [(String, Double)] = []
        switch shape {
        case .boundingBox(let xmin, let ymin, let xmax, let ymax):
            guard xmin <= xmax, ymin <= ymax else {
                throw FormatError(.notRepresentable, position: path, reason: "the box's minimum is greater than its maximum")
            }
            fields = [("xmin", xmin), ("ymin", ymin), ("xmax", xmax), ("ymax", ymax)]
        case .point(let point):
            fields = [("x", point.x), ("y", point.y)]
        case .circle(let center, let radius):
            guard radius >= 0 else { throw FormatError(.notRepresentable, position: path, reason: "the radius is negative") }
            fields = [("cx", center.x), ("cy", center.y), ("r", radius)]
        case .polygon(let points), .line(let points):
            let minimum = shape.modelArtsName == "polygon" ? 3 : 2
            guard points.count >= minimum else {
                throw FormatError(.notRepresentable, position: path, reason: "a \(shape.modelArtsName) needs at least \(minimum) points")
            }
            for (index, point) in points.enumerated() {
                fields += [("x\(index + 1)", point.x), ("y\(index + 1)", point.y)]
            }
        }
        xml.open(shape.modelArtsName)
        for (name, value) in fields {
            xml.leaf(name, Self.format(value))
        }
        xml.close(shape.modelArtsName)
    }

    /// A key that can be an element name and reads back as itself: an XML name, not one of the object's own elements.
    private static func isWritableKey(_ key: String) -> Bool {
        guard let first = key.unicodeScalars.first, first.properties.isAlphabetic || first == "_" else { return false }
        guard !Self.propertiesPropertyKeys.keys.contains(key), !key.lowercased().hasPrefix("xml") else { return false }
        return key.unicodeScalars.allSatisfy { $0.properties.isAlphabetic || $0.properties.numericType != nil || "-_.".unicodeScalars.contains($0) }
    }
}

/// Indented XML text with escaped content.
struct XMLWriter {
    private(set) var text = ""
    private var depth = 0

    mutating func line(_ line: String) {
        self.text += String(repeating: "    ", count: self.depth) + line + "\n"
    }

    mutating func open(_ name: String) {
        self.line("<\(name)>")
        self.depth += 1
    }

    mutating func close(_ name: String) {
        self.depth -= 1
        self.line("</\(name)>")
    }

    mutating func leaf(_ name: String, _ value: String) {
        self.line("<\(name)>\(Self.escape(value))</\(name)>")
    }

    static func escape(_ value: String) -> String {
        var escaped = ""
        escaped.reserveCapacity(value.utf8.count)
        for character in value.unicodeScalars {
            switch character {
            case "&": escaped += "&amp;"
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            case "\"": escaped += "&quot;"
            case "'": escaped += "&apos;"
            default: escaped.unicodeScalars.append(character)
            }
        }
        return escaped
    }
}
