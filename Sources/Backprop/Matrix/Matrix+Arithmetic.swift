/// Matrix products (through BLAS), broadcasting and reductions.
///
/// The in-place forms (`multiply(_:_:into:)`, `addRow(_:)`, `sumColumns(into:)`) write into
/// existing storage and are what modules use in training loops; the operators allocate and
/// are for readable one-off code.
extension Matrix {
    /// C ← α·op(A)·op(B) + β·C, where op(X) is X or Xᵀ. With β = 1 the product is
    /// *accumulated* into C, which is how parameter gradients add up across calls.
    /// C is reshaped to fit when β = 0.
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public static func multiply(
        _ a: Matrix, _ b: Matrix,
        transposingA transposeA: Bool = false, transposingB transposeB: Bool = false,
        into c: inout Matrix, alpha: Scalar = 1, beta: Scalar = 0
    ) {
        let m = transposeA ? a.columns : a.rows
        let k = transposeA ? a.rows : a.columns
        let kB = transposeB ? b.columns : b.rows
        let n = transposeB ? b.rows : b.columns
        precondition(k == kB, "Matrix product: inner dimensions differ, \(transposeA ? "(\(a.shape))ᵀ" : "\(a.shape)") · \(transposeB ? "(\(b.shape))ᵀ" : "\(b.shape)")")
        if beta == 0 {
            c.reshape(rows: m, columns: n)
        } else {
            precondition(c.rows == m && c.columns == n, "Matrix product: accumulator is \(c.shape), product is \(Shape(m, n))")
        }
        if m == 0 || n == 0 { return }
        if k == 0 {
            if beta == 0 { c.setZero() } else { c.scale(by: beta) }
            return
        }
        a.elements.withUnsafeBufferPointer { pa in
            b.elements.withUnsafeBufferPointer { pb in
                c.elements.withUnsafeMutableBufferPointer { pc in
                    Product.run(transposeA: transposeA, transposeB: transposeB, m: m, n: n, k: k,
                                alpha: alpha, a: pa.baseAddress!, lda: a.columns,
                                b: pb.baseAddress!, ldb: b.columns,
                                beta: beta, c: pc.baseAddress!, ldc: n)
                }
            }
        }
    }

    /// The matrix product A·B.
    public static func * (a: Matrix, b: Matrix) -> Matrix {
        var c = Matrix(rows: 0, columns: 0)
        multiply(a, b, into: &c)
        return c
    }

    /// Adds the `1 × columns` row vector to every row (bias broadcasting).
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public mutating func addRow(_ vector: Matrix) {
        precondition(vector.rows == 1 && vector.columns == columns, "addRow: vector is \(vector.shape), rows have \(columns) columns")
        let width = columns
        elements.withUnsafeMutableBufferPointer { target in
            vector.elements.withUnsafeBufferPointer { row in
                Kernels.addRow(row.baseAddress!, to: target.baseAddress!, rows: rows, columns: width)
            }
        }
    }

    /// Sets every row to the `1 × columns` row vector (the start of a fused bias + product).
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public mutating func fillRows(with vector: Matrix) {
        precondition(vector.rows == 1 && vector.columns == columns, "fillRows: vector is \(vector.shape), rows have \(columns) columns")
        let width = columns
        elements.withUnsafeMutableBufferPointer { target in
            vector.elements.withUnsafeBufferPointer { row in
                for r in 0..<rows { (target.baseAddress! + r * width).update(from: row.baseAddress!, count: width) }
            }
        }
    }

    /// Adds the column sums (a `1 × columns` row: the sum over the batch) into `accumulator`.
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public func sumColumns(into accumulator: inout Matrix) {
        precondition(accumulator.rows == 1 && accumulator.columns == columns, "sumColumns: accumulator is \(accumulator.shape), need 1×\(columns)")
        let width = columns
        elements.withUnsafeBufferPointer { source in
            accumulator.elements.withUnsafeMutableBufferPointer { target in
                Kernels.sumColumns(source.baseAddress!, rows: rows, columns: width, into: target.baseAddress!)
            }
        }
    }

    /// The `1 × columns` row of column sums.
    public func columnSums() -> Matrix {
        var result = Matrix(rows: 1, columns: columns)
        sumColumns(into: &result)
        return result
    }

    /// The `rows × 1` column of row sums.
    public func rowSums() -> Matrix {
        var result = Matrix(rows: rows, columns: 1)
        for r in 0..<rows {
            var sum: Scalar = 0
            for c in 0..<columns { sum += elements[r * columns + c] }
            result.elements[r] = sum
        }
        return result
    }

    /// The sum of every element.
    public func sum() -> Scalar { elements.reduce(0, +) }

    /// Multiplies every element by `factor` in place.
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public mutating func scale(by factor: Scalar) {
        elements.withUnsafeMutableBufferPointer { buffer in Kernels.scale(buffer, by: factor) }
    }

    /// self ← self + α·other, element-wise (BLAS axpy semantics).
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public mutating func add(_ other: Matrix, scaledBy alpha: Scalar = 1) {
        precondition(other.shape == shape, "add: shapes differ, \(shape) and \(other.shape)")
        elements.withUnsafeMutableBufferPointer { target in
            other.elements.withUnsafeBufferPointer { source in Kernels.axpy(alpha, source, target) }
        }
    }

    /// A new matrix with `transform` applied to every element.
    public func map(_ transform: (Scalar) throws -> Scalar) rethrows -> Matrix {
        Matrix(rows: rows, columns: columns, elements: try elements.map(transform))
    }

    /// Element-wise combination of two matrices of the same shape.
    public func zipMap(_ other: Matrix, _ combine: (Scalar, Scalar) throws -> Scalar) rethrows -> Matrix {
        precondition(other.shape == shape, "zipMap: shapes differ, \(shape) and \(other.shape)")
        return Matrix(rows: rows, columns: columns, elements: try zip(elements, other.elements).map(combine))
    }

    public static func + (a: Matrix, b: Matrix) -> Matrix {
        var result = a
        result.add(b)
        return result
    }

    public static func - (a: Matrix, b: Matrix) -> Matrix {
        var result = a
        result.add(b, scaledBy: -1)
        return result
    }

    public static func * (factor: Scalar, a: Matrix) -> Matrix {
        var result = a
        result.scale(by: factor)
        return result
    }

    /// The index of the largest element of each row (predicted class).
    public func argmaxPerRow() -> [Int] {
        (0..<rows).map { r in
            var best = 0
            var bestValue = -Scalar.infinity
            for c in 0..<columns where elements[r * columns + c] > bestValue {
                bestValue = elements[r * columns + c]
                best = c
            }
            return best
        }
    }

    /// The largest absolute element-wise difference to `other` (for test reports).
    public func maxAbsoluteDifference(_ other: Matrix) -> Scalar {
        precondition(other.shape == shape, "maxAbsoluteDifference: shapes differ, \(shape) and \(other.shape)")
        return zip(elements, other.elements).reduce(0) { Swift.max($0, Swift.abs($1.0 - $1.1)) }
    }

    /// True when every element is finite (no NaN, no infinity).
    public var isFinite: Bool { elements.allSatisfy(\.isFinite) }
}
