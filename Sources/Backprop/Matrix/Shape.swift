/// The shape of a matrix: rows (samples in a batch) × columns (features).
public struct Shape: Hashable, Sendable, CustomStringConvertible {
    public var rows: Int
    public var columns: Int

    public init(_ rows: Int, _ columns: Int) {
        self.rows = rows
        self.columns = columns
    }

    public var count: Int { rows * columns }
    public var description: String { "\(rows)×\(columns)" }
}

/// A shape that does not fit where it was used, naming who rejected it and both shapes.
///
/// Modules and losses trap with this message when misused in `forward`/`loss`, and
/// `Sequential.outputShape(forInput:)` throws it so that a network can be validated
/// before training starts.
public struct ShapeMismatch: Error, CustomStringConvertible, Equatable {
    /// The module or loss that rejected the shape, e.g. "Linear 'Dense_2' (3 → 4)".
    public var site: String
    /// What it accepts, e.g. "N×3".
    public var expected: String
    /// The shape it was given.
    public var actual: String

    public init(site: String, expected: String, actual: String) {
        self.site = site
        self.expected = expected
        self.actual = actual
    }

    public var description: String { "\(site): expected \(expected), got \(actual)" }
}
