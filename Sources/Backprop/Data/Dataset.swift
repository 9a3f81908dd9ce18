import RealModule

/// Inputs and targets of a supervised problem, one sample per row.
public struct Dataset<Scalar: BLASScalar>: Sendable {
    public var name: String
    /// `[samples × features]`.
    public var inputs: Matrix<Scalar>
    /// `[samples × outputs]`.
    public var targets: Matrix<Scalar>

    public init(name: String, inputs: Matrix<Scalar>, targets: Matrix<Scalar>) {
        Misuse.check(inputs.rows == targets.rows, "Dataset '\(name)': \(inputs.rows) input rows but \(targets.rows) target rows")
        self.name = name
        self.inputs = inputs
        self.targets = targets
    }

    public var count: Int { inputs.rows }

    /// The class of each row: the label of a one-hot target row, or 0/1 for a single column
    /// (see ``classes(of:)``). Shape: `[count]`.
    public var classLabels: [Int] { classes(of: targets) }

    /// The same data in another precision.
    public init<Other: BLASScalar>(_ other: Dataset<Other>) {
        self.init(name: other.name, inputs: Matrix(other.inputs), targets: Matrix(other.targets))
    }
}

extension Dataset {
    /// The AND truth table: (1,1) → 1, others → 0. The rows are in the notebook's order.
    public static func and() -> Dataset {
        Dataset(name: "AND", inputs: Matrix([[1, 1], [1, 0], [0, 1], [0, 0]]), targets: Matrix([[1], [0], [0], [0]]))
    }

    /// The XOR truth table, which no linear border separates.
    public static func xor() -> Dataset {
        Dataset(name: "XOR", inputs: Matrix([[1, 1], [1, 0], [0, 1], [0, 0]]), targets: Matrix([[0], [1], [1], [0]]))
    }

    /// AND on float-valued inputs: `perCorner` points scattered with Gaussian noise of
    /// standard deviation `noise` around each corner of the unit square, labelled by their corner.
    public static func noisyAnd(perCorner: Int, noise: Double, using generator: inout SeededGenerator) -> Dataset {
        var inputs: [Scalar] = [], targets: [Scalar] = []
        for (x, y) in [(1.0, 1.0), (1.0, 0.0), (0.0, 1.0), (0.0, 0.0)] {
            for _ in 0..<perCorner {
                inputs.append(Scalar(x + noise * generator.normal()))
                inputs.append(Scalar(y + noise * generator.normal()))
                targets.append(x == 1 && y == 1 ? 1 : 0)
            }
        }
        return Dataset(name: "noisy AND", inputs: Matrix(rows: 4 * perCorner, columns: 2, elements: inputs),
                       targets: Matrix(rows: 4 * perCorner, columns: 1, elements: targets))
    }

    /// y = sin²(4πx) on `count` evenly spaced points of [0, 1] (notebook 001's target).
    public static func sineSquared(count: Int) -> Dataset {
        Misuse.check(count >= 2, "sineSquared: need at least 2 points, got \(count)")
        let xs = (0..<count).map { Double($0) / Double(count - 1) }
        return Dataset(name: "sin²(4πx)",
                       inputs: Matrix(rows: count, columns: 1, elements: xs.map { Scalar($0) }),
                       targets: Matrix(rows: count, columns: 1, elements: xs.map { x in
                           let s = Double.sin(4 * Double.pi * x)
                           return Scalar(s * s)
                       }))
    }

    /// The circles problem (see `Circles`) as a data set.
    public static func circles(count: Int, radius: Double, noise: Double, using generator: inout SeededGenerator) -> Dataset {
        let data = Circles(count: count, radius: radius, noise: noise, using: &generator)
        return Dataset(name: "circles", inputs: Matrix(data.inputs), targets: Matrix(data.labels))
    }
}
