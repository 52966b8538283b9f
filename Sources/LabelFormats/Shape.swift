/// A point in image pixels, the origin at the upper left corner.
public struct Point: Sendable, Hashable, Codable {
    public var x: Double
    public var y: Double

    public init(x: Double, y: Double) {
        self.x = x
        self.y = y
    }
}

/// The shape of an object detection annotation, as PASCAL VOC and ModelArts's `@modelarts:feature` describe it.
public enum Shape: Sendable, Hashable, Codable {
    case boundingBox(xmin: Double, ymin: Double, xmax: Double, ymax: Double)
    case polygon([Point])
    case point(Point)
    case line([Point])
    case circle(center: Point, radius: Double)

    /// The ModelArts shape name (`@modelarts:shape`), which is also the PASCAL VOC element name.
    public var modelArtsName: String {
        switch self {
        case .boundingBox: "bndbox"
        case .polygon: "polygon"
        case .point: "point"
        case .line: "line"
        case .circle: "circle"
        }
    }

    /// The `@modelarts:feature` list: `[[xmin,ymin],[xmax,ymax]]` for a box, `[[cx,cy],[r]]` for a circle, the points otherwise.
    public var feature: [[Double]] {
        switch self {
        case .boundingBox(let xmin, let ymin, let xmax, let ymax): [[xmin, ymin], [xmax, ymax]]
        case .polygon(let points), .line(let points): points.map { [$0.x, $0.y] }
        case .point(let point): [[point.x, point.y]]
        case .circle(let center, let radius): [[center.x, center.y], [radius]]
        }
    }

    /// The shape from a `@modelarts:shape` name and a `@modelarts:feature` list; nil when they do not fit together.
    public init?(modelArtsName name: String, feature: [[Double]]) {
        let points = feature.compactMap { $0.count == 2 ? Point(x: $0[0], y: $0[1]) : nil }
        switch name {
        case "bndbox":
            guard feature.count == 2, points.count == 2 else { return nil }
            self = .boundingBox(xmin: points[0].x, ymin: points[0].y, xmax: points[1].x, ymax: points[1].y)
        case "polygon":
            guard feature.count >= 3, points.count == feature.count else { return nil }
            self = .polygon(points)
        case "line", "dashed", "polyline":
            guard feature.count >= 2, points.count == feature.count else { return nil }
            self = .line(points)
        case "point":
            guard feature.count == 1, points.count == 1 else { return nil }
            self = .point(points[0])
        case "circle":
            guard feature.count == 2, feature[0].count == 2, feature[1].count == 1 else { return nil }
            self = .circle(center: Point(x: feature[0][0], y: feature[0][1]), radius: feature[1][0])
        default:
            return nil
        }
    }
}
