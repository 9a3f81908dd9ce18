import Backprop

/// A classifier's output sampled on a grid, ready for `Axes.heatmap` and `Axes.contour`.
public struct DecisionField {
    public var x: ClosedRange<Double>
    public var y: ClosedRange<Double>
    /// `values[i][j]` is the output at (x.lower + j·Δx, y.lower + i·Δy): rows go up in y.
    public var values: [[Double]]

    /// Runs the whole grid through `model` as one batch and keeps output column `column`.
    public init<Scalar: BLASScalar>(model: any Module<Scalar>, x: ClosedRange<Double>, y: ClosedRange<Double>,
                                    resolution: Int = 200, column: Int = 0) {
        let n = max(resolution, 2)
        var points = [Scalar]()
        points.reserveCapacity(2 * n * n)
        for i in 0..<n {
            let yValue = y.lowerBound + (y.upperBound - y.lowerBound) * Double(i) / Double(n - 1)
            for j in 0..<n {
                points.append(Scalar(x.lowerBound + (x.upperBound - x.lowerBound) * Double(j) / Double(n - 1)))
                points.append(Scalar(yValue))
            }
        }
        let output = model.forward(Matrix(rows: n * n, columns: 2, elements: points))
        self.x = x
        self.y = y
        values = (0..<n).map { i in (0..<n).map { j in Double(output[i * n + j, column]) } }
    }
}
