/// Matrix products, broadcasting and reductions for readable one-off code and tests. The
/// operators allocate their result; training code writes into existing storage instead
/// (`assign`, `+=` with a `MatrixProduct`, `setElements`).
extension Matrix {
    /// C ← α·op(A)·op(B) + β·C, where op(X) is X or Xᵀ. With β = 1 the product is
    /// *accumulated* into C. C is reshaped to fit when β = 0.
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
        Misuse.check(k == kB, "Matrix product: inner dimensions differ, \(transposeA ? "(\(a.shape))ᵀ" : "\(a.shape)") · \(transposeB ? "(\(b.shape))ᵀ" : "\(b.shape)")")
        if beta == 0 {
            c.reshape(rows: m, columns: n)
        } else {
            Misuse.check(c.rows == m && c.columns == n, "Matrix product: accumulator is \(c.shape), product is \(Shape(m, n))")
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

    /// The matrix product A·B, as a new matrix.
    public static func * (a: Matrix, b: Matrix) -> Matrix {
        var c = Matrix()
        multiply(a, b, into: &c)
        return c
    }

    /// Adds the `1 × columns` row vector to every row (bias broadcasting).
    public mutating func addRow(_ vector: Matrix) {
        Misuse.check(vector.rows == 1 && vector.columns == columns, "addRow: vector is \(vector.shape), rows have \(columns) columns")
        for r in 0..<rows {
            for c in 0..<columns { self[r, c] += vector.elements[c] }
        }
    }

    /// Sets every row to the `1 × columns` row vector (the start of a product plus a bias).
    @inline(__always)
    public mutating func fillRows(with vector: Matrix) {
        Misuse.check(vector.rows == 1 && vector.columns == columns, "fillRows: vector is \(vector.shape), rows have \(columns) columns")
        let width = columns
        elements.withUnsafeMutableBufferPointer { target in
            vector.elements.withUnsafeBufferPointer { row in
                for r in 0..<rows { (target.baseAddress! + r * width).update(from: row.baseAddress!, count: width) }
            }
        }
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
        elements.withUnsafeMutableBufferPointer { buffer in
            for i in 0..<buffer.count { buffer[i] *= factor }
        }
    }

    /// self ← self + α·other, element-wise (BLAS axpy semantics).
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public mutating func add(_ other: Matrix, scaledBy alpha: Scalar = 1) {
        updateElements(with: other) { x, y in x + alpha * y }
    }

    /// A new matrix with `transform` applied to every element.
    public func map(_ transform: (Scalar) throws -> Scalar) rethrows -> Matrix {
        Matrix(rows: rows, columns: columns, elements: try elements.map(transform))
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
        Misuse.check(other.shape == shape, "maxAbsoluteDifference: shapes differ, \(shape) and \(other.shape)")
        return zip(elements, other.elements).reduce(0) { Swift.max($0, Swift.abs($1.0 - $1.1)) }
    }

    /// True when every element is finite (no NaN, no infinity).
    public var isFinite: Bool { elements.allSatisfy(\.isFinite) }
}
