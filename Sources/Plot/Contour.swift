/// A straight piece of a contour line, in data coordinates.
public struct Segment: Sendable, Equatable {
    /// Start point.
    public var x0: Double, y0: Double
    /// End point.
    public var x1: Double, y1: Double

    /// A segment from (x0, y0) to (x1, y1).
    public init(x0: Double, y0: Double, x1: Double, y1: Double) {
        self.x0 = x0; self.y0 = y0; self.x1 = x1; self.y1 = y1
    }
}

/// Iso-lines by marching squares.
public enum Contour {
    /// The segments where a sampled field crosses `level`.
    ///
    /// `values[i][j]` is the field at x = x.lower + j·Δx, y = y.lower + i·Δy (inclusive grid,
    /// rows are y). Cells touching a non-finite sample are skipped so NaNs leave a gap rather
    /// than a wrong line; saddle cells are resolved by the mean of their corners.
    public static func segments(values: [[Double]], x: ClosedRange<Double>, y: ClosedRange<Double>,
                                level: Double) -> [Segment] {
        let rows = values.count
        let columns = values.map(\.count).min() ?? 0
        guard rows >= 2, columns >= 2 else { return [] }
        let dx = (x.upperBound - x.lowerBound) / Double(columns - 1)
        let dy = (y.upperBound - y.lowerBound) / Double(rows - 1)
        var result: [Segment] = []
        for i in 0..<(rows - 1) {
            for j in 0..<(columns - 1) {
                let v00 = values[i][j], v01 = values[i][j + 1]
                let v10 = values[i + 1][j], v11 = values[i + 1][j + 1]
                guard v00.isFinite, v01.isFinite, v10.isFinite, v11.isFinite else { continue }
                let x0 = x.lowerBound + Double(j) * dx, x1 = x0 + dx
                let y0 = y.lowerBound + Double(i) * dy, y1 = y0 + dy
                func cross(_ a: Double, _ b: Double) -> Double? {
                    (a < level) != (b < level) ? (level - a) / (b - a) : nil
                }
                // Edge order: bottom, right, top, left.
                var points: [(Double, Double)] = []
                if let t = cross(v00, v01) { points.append((x0 + t * dx, y0)) }
                if let t = cross(v01, v11) { points.append((x1, y0 + t * dy)) }
                if let t = cross(v10, v11) { points.append((x0 + t * dx, y1)) }
                if let t = cross(v00, v10) { points.append((x0, y0 + t * dy)) }
                func add(_ p: (Double, Double), _ q: (Double, Double)) {
                    result.append(Segment(x0: p.0, y0: p.1, x1: q.0, y1: q.1))
                }
                if points.count == 2 {
                    add(points[0], points[1])
                } else if points.count == 4 {
                    let centreBelow = (v00 + v01 + v10 + v11) / 4 < level
                    if centreBelow == (v00 < level) {
                        add(points[0], points[1]); add(points[2], points[3])
                    } else {
                        add(points[0], points[3]); add(points[1], points[2])
                    }
                }
            }
        }
        return result
    }
}
