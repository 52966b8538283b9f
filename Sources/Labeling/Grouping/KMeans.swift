/// k-means clustering with k-means++ seeding (Arthur and Vassilvitskii, 2007) and Lloyd's iterations, deterministic for
/// a seed: the points' order and the seed decide everything, so callers pass points in a stable order.
struct KMeans {
    var k: Int
    var seed: UInt64
    var maxIterations = 100

    /// The cluster of each point. Clusters are numbered by their first point: the first point is in cluster 0, the
    /// first point not in cluster 0 is in cluster 1, and so on, so the numbering does not depend on the seeding order.
    /// Every cluster gets at least one point.
    /// - Precondition: at least `k` points, all of one dimension.
    func assign(_ points: [[Double]]) -> [Int] {
        precondition(k >= 1 && points.count >= k, "k-means needs at least k points")
        var generator = SeededGenerator(seed: seed)
        var centers = seedCenters(points, generator: &generator)
        var assignment = [Int](repeating: -1, count: points.count)
        for _ in 0..<maxIterations {
            var changed = false
            for (index, point) in points.enumerated() {
                let nearest = Self.nearest(point, among: centers).index
                if assignment[index] != nearest {
                    assignment[index] = nearest
                    changed = true
                }
            }
            fillEmptyClusters(points, centers: centers, assignment: &assignment)
            centers = Self.means(points, assignment: assignment, k: k, previous: centers)
            if !changed { break }
        }
        return Self.numberedByFirstPoint(assignment)
    }

    /// k-means++: the first center uniformly at random, each next one a point drawn with probability proportional to
    /// its squared distance to the nearest center chosen.
    private func seedCenters(_ points: [[Double]], generator: inout SeededGenerator) -> [[Double]] {
        var centers = [points[Int(generator.next() % UInt64(points.count))]]
        var distances = points.map { Self.squaredDistance($0, centers[0]) }
        while centers.count < k {
            let total = distances.reduce(0, +)
            var chosen = distances.firstIndex { $0 > 0 } ?? 0
            if total > 0 {
                var target = generator.nextUnit() * total
                for (index, distance) in distances.enumerated() where distance > 0 {
                    chosen = index
                    target -= distance
                    if target < 0 { break }
                }
            }
            centers.append(points[chosen])
            for index in points.indices {
                distances[index] = min(distances[index], Self.squaredDistance(points[index], points[chosen]))
            }
        }
        return centers
    }

    /// A cluster left without points takes the point farthest from its own center, from a cluster that has others.
    private func fillEmptyClusters(_ points: [[Double]], centers: [[Double]], assignment: inout [Int]) {
        for cluster in 0..<k where !assignment.contains(cluster) {
            var sizes = [Int](repeating: 0, count: k)
            for owner in assignment { sizes[owner] += 1 }
            let candidates = points.indices.filter { sizes[assignment[$0]] > 1 }
            guard
                let farthest = candidates.max(by: {
                    Self.squaredDistance(points[$0], centers[assignment[$0]]) < Self.squaredDistance(points[$1], centers[assignment[$1]])
                })
            else { continue }
            assignment[farthest] = cluster
        }
    }

    static func means(_ points: [[Double]], assignment: [Int], k: Int, previous: [[Double]]) -> [[Double]] {
        let dimension = points[0].count
        var sums = [[Double]](repeating: [Double](repeating: 0, count: dimension), count: k)
        var counts = [Int](repeating: 0, count: k)
        for (point, cluster) in zip(points, assignment) {
            counts[cluster] += 1
            for axis in 0..<dimension { sums[cluster][axis] += point[axis] }
        }
        return (0..<k).map { cluster in
            counts[cluster] == 0 ? previous[cluster] : sums[cluster].map { $0 / Double(counts[cluster]) }
        }
    }

    /// The nearest center; the lower index on a tie.
    static func nearest(_ point: [Double], among centers: [[Double]]) -> (index: Int, distance: Double) {
        var best = (index: 0, distance: Double.infinity)
        for (index, center) in centers.enumerated() {
            let distance = squaredDistance(point, center)
            if distance < best.distance { best = (index, distance) }
        }
        return best
    }

    static func squaredDistance(_ a: [Double], _ b: [Double]) -> Double {
        var sum = 0.0
        for index in a.indices {
            let difference = a[index] - b[index]
            sum += difference * difference
        }
        return sum
    }

    static func numberedByFirstPoint(_ assignment: [Int]) -> [Int] {
        var numbers: [Int: Int] = [:]
        return assignment.map { cluster in
            if let number = numbers[cluster] { return number }
            numbers[cluster] = numbers.count
            return numbers.count - 1
        }
    }
}
