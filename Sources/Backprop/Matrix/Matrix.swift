/// A dense row-major matrix of `Float` or `Double`.
///
/// By convention the first dimension is the batch: a `[batch × features]` matrix holds one
/// sample per row. Storage is a Swift array, so copies are cheap and copy-on-write.
///
/// ```swift
/// let x = Matrix<Double>([[1, 1], [0, 1]])      // 2×2
/// let y = x * x.transposed()                    // matrix product through BLAS
/// ```
public struct Matrix<Scalar: BLASScalar>: Equatable, Sendable {
    public private(set) var rows: Int
    public private(set) var columns: Int
    /// Row-major elements: element (r, c) is at `r * columns + c`.
    /// Set through the subscript or `update(elements:)`, which keep the count equal to rows × columns.
    public internal(set) var elements: [Scalar]

    /// The empty 0×0 matrix (a buffer that a first `assign` or `setElements` will size).
    public init() {
        self.init(rows: 0, columns: 0)
    }

    /// A `rows × columns` matrix with every element equal to `value`.
    public init(rows: Int, columns: Int, repeating value: Scalar = 0) {
        Misuse.check(rows >= 0 && columns >= 0, "Matrix: negative shape \(rows)×\(columns)")
        self.rows = rows
        self.columns = columns
        self.elements = [Scalar](repeating: value, count: rows * columns)
    }

    /// A `rows × columns` matrix over the given row-major elements.
    public init(rows: Int, columns: Int, elements: [Scalar]) {
        Misuse.check(elements.count == rows * columns,
                     "Matrix: \(elements.count) elements cannot fill \(rows)×\(columns)")
        self.rows = rows
        self.columns = columns
        self.elements = elements
    }

    /// A matrix from nested rows; every row must have the same length.
    public init(_ nestedRows: [[Scalar]]) {
        let columns = nestedRows.first?.count ?? 0
        for (index, row) in nestedRows.enumerated() {
            Misuse.check(row.count == columns, "Matrix: row \(index) has \(row.count) elements, row 0 has \(columns)")
        }
        self.init(rows: nestedRows.count, columns: columns, elements: nestedRows.flatMap { $0 })
    }

    /// Converts between precisions, e.g. a `Matrix<Double>` fixture into `Matrix<Float>`.
    public init<Other: BLASScalar>(_ other: Matrix<Other>) {
        self.init(rows: other.rows, columns: other.columns, elements: other.elements.map { Scalar($0) })
    }

    public var shape: Shape { Shape(rows, columns) }
    public var count: Int { elements.count }

    public subscript(row: Int, column: Int) -> Scalar {
        get {
            Misuse.check(row >= 0 && row < rows && column >= 0 && column < columns,
                         "Matrix: index (\(row), \(column)) outside \(shape)")
            return elements[row * columns + column]
        }
        set {
            Misuse.check(row >= 0 && row < rows && column >= 0 && column < columns,
                         "Matrix: index (\(row), \(column)) outside \(shape)")
            elements[row * columns + column] = newValue
        }
    }

    /// The elements of one row.
    public func row(_ index: Int) -> [Scalar] {
        Misuse.check(index >= 0 && index < rows, "Matrix: row \(index) outside \(shape)")
        return Array(elements[index * columns ..< (index + 1) * columns])
    }

    /// The rows as nested arrays (for printing and JSON).
    public var nestedRows: [[Scalar]] { (0..<rows).map(row) }

    /// The given rows, in the given order, as a new matrix (mini-batch gathering).
    public func gatheringRows<Indices: Collection<Int>>(_ indices: Indices) -> Matrix {
        var result = Matrix(rows: indices.count, columns: columns)
        result.gatherRows(from: self, indices: indices)
        return result
    }

    /// Overwrites this matrix with the given rows of `source`, reusing its storage when the
    /// shape is unchanged (no allocation in a training loop).
    public mutating func gatherRows<Indices: Collection<Int>>(from source: Matrix, indices: Indices) {
        reshape(rows: indices.count, columns: source.columns)
        // Arrays and slices (what `Trainer` passes) are read as a buffer of Int: iterating an
        // unspecialised generic collection heap-allocates per element.
        let copied: Void? = indices.withContiguousStorageIfAvailable { buffer in
            copyRows(from: source, indices: buffer)
        }
        if copied == nil { Array(indices).withUnsafeBufferPointer { copyRows(from: source, indices: $0) } }
    }

    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    private mutating func copyRows(from source: Matrix, indices: UnsafeBufferPointer<Int>) {
        let width = columns
        elements.withUnsafeMutableBufferPointer { destination in
            source.elements.withUnsafeBufferPointer { origin in
                for (target, index) in indices.enumerated() {
                    Misuse.check(index >= 0 && index < source.rows, "Matrix: row \(index) outside \(source.shape)")
                    let from = origin.baseAddress! + index * width
                    (destination.baseAddress! + target * width).update(from: from, count: width)
                }
            }
        }
    }

    /// Overwrites this matrix with rows `range` of `source`: one contiguous copy into the
    /// existing storage (a contiguous mini-batch's targets).
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public mutating func replaceWithRows(_ range: Range<Int>, of source: Matrix) {
        Misuse.check(range.lowerBound >= 0 && range.upperBound <= source.rows, "Matrix: rows \(range) outside \(source.shape)")
        reshape(rows: range.count, columns: source.columns)
        let width = source.columns
        elements.withUnsafeMutableBufferPointer { destination in
            source.elements.withUnsafeBufferPointer { origin in
                guard let to = destination.baseAddress, let from = origin.baseAddress else { return }
                to.update(from: from + range.lowerBound * width, count: range.count * width)
            }
        }
    }

    /// Rows `range` as a new matrix.
    public func rows(_ range: Range<Int>) -> Matrix {
        var result = Matrix(rows: 0, columns: 0)
        result.replaceWithRows(range, of: self)
        return result
    }

    /// Changes the shape, keeping the allocation when the element count does not grow.
    /// Contents are unspecified afterwards; used for reusable output buffers.
    ///
    /// Shrinking keeps the capacity, so a ragged last batch followed by a full one grows
    /// back without allocating. Elements are removed and appended one at a time on purpose:
    /// `append(contentsOf: repeatElement(…))` and `removeLast(_:)` run the standard
    /// library's generic sequence code when Scalar is not known at compile time, which
    /// heap-allocated once per element.
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public mutating func reshape(rows newRows: Int, columns newColumns: Int) {
        if newRows == rows && newColumns == columns { return }
        let newCount = newRows * newColumns
        rows = 0
        columns = 0
        if newCount > elements.count {
            elements.reserveCapacity(newCount)
            while elements.count < newCount { elements.append(0) }
        } else {
            while elements.count > newCount { elements.removeLast() }
        }
        rows = newRows
        columns = newColumns
    }

    /// The transpose, as a new matrix. Hot paths never call this: products take transpose flags.
    public func transposed() -> Matrix {
        var result = Matrix(rows: columns, columns: rows)
        for r in 0..<rows {
            for c in 0..<columns { result.elements[c * rows + r] = elements[r * columns + c] }
        }
        return result
    }

    /// Replaces all elements, keeping the shape.
    public mutating func update(elements newElements: [Scalar]) {
        Misuse.check(newElements.count == count, "Matrix: \(newElements.count) elements cannot fill \(shape)")
        elements = newElements
    }

    /// Sets every element to zero without reallocating.
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public mutating func setZero() {
        elements.withUnsafeMutableBufferPointer { $0.update(repeating: 0) }
    }
}

extension Matrix: CustomStringConvertible {
    public var description: String {
        let body = nestedRows.map { row in "[" + row.map { "\($0)" }.joined(separator: ", ") + "]" }
        return "Matrix \(shape) [" + body.joined(separator: ",\n" + String(repeating: " ", count: 8 + "\(shape)".count)) + "]"
    }
}
