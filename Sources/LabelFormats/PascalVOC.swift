import Foundation

/// The PASCAL VOC XML ModelArts uses for object detection (`IMG_1.xml` next to `IMG_1.jpg`), with its shape variants.
///
/// Parsing is lenient, as real files omit "mandatory" fields: a missing `size`, `pose` or `truncated` is fine,
/// coordinates may be decimals; an object without a name or a usable shape is skipped with an issue naming
/// `annotation/object[i]`. Object-level leaf elements the format does not define (`mask_color`, `confidence`) and the
/// children of `properties` become annotation properties; `properties/color` becomes `@modelarts:color`,
/// `hard` and `hard-coefficient` become `@modelarts:hard` and `@modelarts:hard_coefficient`.
public enum PascalVOC {
    static let shapeElements: Set<String> = ["bndbox", "polygon", "point", "line", "circle"]
    static let flagElements = ["truncated", "occluded", "difficult"]
    /// Object children with a meaning of their own, never copied into properties.
    static let reservedElements: Set<String> = shapeElements.union(flagElements).union(["name", "pose", "properties"])
    /// Element name ↔ property key, where they differ.
    static let objectPropertyKeys = ["hard": "@modelarts:hard", "hard-coefficient": "@modelarts:hard_coefficient"]
    static let propertiesPropertyKeys = ["color": Annotation.colorProperty]

    public static func parse(_ bytes: some DataProtocol) throws(FormatError) -> ParsedLabels {
        let root = try XMLTree.parse(bytes)
        guard root.name == "annotation" else {
            throw FormatError(.unexpectedDocument, position: root.name, reason: "the root element is <\(root.name)>, not <annotation>")
        }
        var skipped: [ParseIssue] = []
        var annotations: [Annotation] = []
        let imageSize = root.child("size").flatMap { Self.parseSize($0, skipped: &skipped) }
        var index = 0
        for element in root.children where element.name == "object" {
            index += 1
            if let annotation = Self.parseObject(element, path: "annotation/object[\(index)]", skipped: &skipped) {
                annotations.append(annotation)
            }
        }
        return ParsedLabels(annotations: annotations, skipped: skipped, imageSize: imageSize)
    }

    private static func parseSize(_ size: XMLTree, skipped: inout [ParseIssue]) -> ImageSize? {
        var dimensions: [String: Int] = [:]
        for name in ["width", "height", "depth"] {
            guard let element = size.child(name) else { continue }
            let text = element.trimmedText
            guard let value = Double(text), value.isFinite, value >= 0, value.rounded() == value, value < 1e9 else {
                skipped.append(ParseIssue(position: "annotation/size/\(name)", reason: "'\(text)' is not a size in pixels; size ignored"))
                return nil
            }
            dimensions[name] = Int(value)
        }
        guard let width = dimensions["width"], let height = dimensions["height"] else {
            let missing = dimensions["width"] == nil ? "width" : "height"
            skipped.append(ParseIssue(position: "annotation/size", reason: "size has no <\(missing)>; size ignored"))
            return nil
        }
        return ImageSize(width: width, height: height, depth: dimensions["depth"])
    }

    private static func parseObject(_ object: XMLTree, path: String, skipped: inout [ParseIssue]) -> Annotation? {
        let name = object.child("name")?.trimmedText ?? ""
        guard !name.isEmpty else {
            skipped.append(ParseIssue(position: path, reason: "object has no <name>; skipped"))
            return nil
        }
        let shapes = object.children.filter { Self.shapeElements.contains($0.name) }
        guard let shapeElement = shapes.first else {
            skipped.append(ParseIssue(position: path, reason: "object '\(name)' has no bndbox, polygon, point, line or circle; skipped"))
            return nil
        }
        let shape: Shape
        switch Self.parseShape(shapeElement) {
        case .success(let parsed):
            shape = parsed
        case .failure(let error):
            skipped.append(ParseIssue(position: "\(path)/\(shapeElement.name)", reason: "\(error.message); object '\(name)' skipped"))
            return nil
        }
        for extra in shapes.dropFirst() {
            skipped.append(ParseIssue(position: "\(path)/\(extra.name)", reason: "a second shape in one object; ignored"))
        }
        var annotation = Annotation(name: name, shape: shape)
        if let pose = object.child("pose")?.trimmedText, !pose.isEmpty {
            annotation.pose = pose
        }
        for flag in Self.flagElements {
            guard let element = object.child(flag) else { continue }
            let value: Bool?
            switch element.trimmedText.lowercased() {
            case "0", "false": value = false
            case "1", "true": value = true
            default:
                value = nil
                skipped.append(ParseIssue(position: "\(path)/\(flag)", reason: "'\(element.trimmedText)' is not 0 or 1; ignored"))
            }
            switch flag {
            case "truncated": annotation.truncated = value
            case "occluded": annotation.occluded = value
            default: annotation.difficult = value
            }
        }
        var properties: [(key: String, value: String)] = []
        for element in object.children where !Self.reservedElements.contains(element.name) {
            if element.isLeaf {
                properties.append((Self.objectPropertyKeys[element.name] ?? element.name, element.trimmedText))
            } else {
                skipped.append(ParseIssue(position: "\(path)/\(element.name)", reason: "unknown element with children; ignored"))
            }
        }
        for element in object.child("properties")?.children ?? [] {
            if element.isLeaf {
                properties.append((Self.propertiesPropertyKeys[element.name] ?? element.name, element.trimmedText))
            } else {
                skipped.append(ParseIssue(position: "\(path)/properties/\(element.name)", reason: "a property with children; ignored"))
            }
        }
        for (key, value) in properties {
            if let previous = annotation.properties.updateValue(value, forKey: key), previous != value {
                skipped.append(ParseIssue(position: path, reason: "property '\(key)' given twice; '\(previous)' ignored"))
            }
        }
        return annotation
    }

    private static func parseShape(_ element: XMLTree) -> Result<Shape, ShapeError> {
        func number(_ name: String) -> Result<Double, ShapeError> {
            guard let child = element.child(name) else { return .failure(ShapeError("<\(element.name)> has no <\(name)>")) }
            return Self.number(child.trimmedText, name: name)
        }
        do throws(ShapeError) {
            switch element.name {
            case "bndbox":
                let (xmin, ymin) = (try number("xmin").get(), try number("ymin").get())
                let (xmax, ymax) = (try number("xmax").get(), try number("ymax").get())
                guard xmin <= xmax else { return .failure(ShapeError("xmin \(Self.format(xmin)) is greater than xmax \(Self.format(xmax))")) }
                guard ymin <= ymax else { return .failure(ShapeError("ymin \(Self.format(ymin)) is greater than ymax \(Self.format(ymax))")) }
                return .success(.boundingBox(xmin: xmin, ymin: ymin, xmax: xmax, ymax: ymax))
            case "point":
                // ModelArts's own example writes the point as x1/y1.
                let x = element.child("x") != nil ? try number("x").get() : try number("x1").get()
                let y = element.child("y") != nil ? try number("y").get() : try number("y1").get()
                return .success(.point(Point(x: x, y: y)))
            case "circle":
                let (cx, cy, r) = (try number("cx").get(), try number("cy").get(), try number("r").get())
                guard r >= 0 else { return .failure(ShapeError("radius \(Self.format(r)) is negative")) }
                return .success(.circle(center: Point(x: cx, y: cy), radius: r))
            case "polygon":
                let points = try Self.numberedPoints(element).get()
                guard points.count >= 3 else { return .failure(ShapeError("a polygon needs at least 3 points, it has \(points.count)")) }
                return .success(.polygon(points))
            default:
                let points = try Self.numberedPoints(element).get()
                guard points.count >= 2 else { return .failure(ShapeError("a line needs at least 2 points, it has \(points.count)")) }
                return .success(.line(points))
            }
        } catch {
            return .failure(error)
        }
    }

    /// The points of `<x1>…<y1>…<x2>…`, in the order of their numbers.
    private static func numberedPoints(_ element: XMLTree) -> Result<[Point], ShapeError> {
        var xs: [Int: Double] = [:]
        var ys: [Int: Double] = [:]
        for child in element.children {
            guard let axis = child.name.first, axis == "x" || axis == "y", let number = Int(child.name.dropFirst()), number >= 0 else {
                continue
            }
            switch Self.number(child.trimmedText, name: child.name) {
            case .success(let value):
                if axis == "x" { xs[number] = value } else { ys[number] = value }
            case .failure(let error):
                return .failure(error)
            }
        }
        var points: [Point] = []
        for number in Set(xs.keys).union(ys.keys).sorted() {
            guard let x = xs[number] else { return .failure(ShapeError("<y\(number)> has no <x\(number)>")) }
            guard let y = ys[number] else { return .failure(ShapeError("<x\(number)> has no <y\(number)>")) }
            points.append(Point(x: x, y: y))
        }
        return .success(points)
    }

    private static func number(_ text: String, name: String) -> Result<Double, ShapeError> {
        guard let value = Double(text), value.isFinite else { return .failure(ShapeError("\(name) '\(text)' is not a number")) }
        return .success(value)
    }

    /// A coordinate as VOC files write it: integers without a decimal point, other values in their shortest exact form.
    static func format(_ value: Double) -> String {
        if value.rounded() == value, abs(value) < 1e15 {
            return String(Int64(value))
        }
        return "\(value)"
    }

    struct ShapeError: Error {
        let message: String

        init(_ message: String) {
            self.message = message
        }
    }
}
