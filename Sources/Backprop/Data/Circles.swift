/// A two-class data set for binary classification: points uniform in the square
/// [−1, 1]², labelled 1 inside the circle of the given radius and 0 outside.
///
/// Gaussian noise of standard deviation `noise` is added to each coordinate *after*
/// labelling, so with noise the classes overlap near the border. Radius 0.7 puts about
/// 38 % of the points inside.
public struct Circles: Sendable {
    /// `[m × 2]` coordinates.
    public var inputs: Matrix<Double>
    /// `[m × 1]` labels, 0 or 1.
    public var labels: Matrix<Double>

    public init(count m: Int, radius: Double, noise: Double, using generator: inout SeededGenerator) {
        Misuse.check(m > 0 && radius > 0 && noise >= 0, "Circles: need m > 0, radius > 0, noise ≥ 0")
        var points = [Double](), classes = [Double]()
        points.reserveCapacity(2 * m)
        for _ in 0..<m {
            let x = generator.uniform(-1, 1), y = generator.uniform(-1, 1)
            classes.append(x * x + y * y < radius * radius ? 1 : 0)
            points.append(x + noise * generator.normal())
            points.append(y + noise * generator.normal())
        }
        inputs = Matrix(rows: m, columns: 2, elements: points)
        labels = Matrix(rows: m, columns: 1, elements: classes)
    }
}
