/// Matrix products written as the math reads, evaluated into existing storage.
///
/// `x * weight.T + bias`, `dy.T * x` and `dy * weight` build a `MatrixProduct` instead of a
/// new matrix; `y.assign(…)` and `g += …` then run it as one call into the engine
/// (`Product`), which picks loops, OpenBLAS or two threads by shape. Nothing is copied: a
/// transpose or a range of rows is a flag and an offset, not a new matrix.
///
/// ```swift
/// output.assign(input * weight.T + bias)          // y = x·Wᵀ + b
/// weight.gradient += outputGradient.T * input     // ∂L/∂W += (∂L/∂y)ᵀ·x
/// inputGradient.assign(outputGradient * weight)   // ∂L/∂x = ∂L/∂y·W
/// ```
///
/// `Matrix * Matrix` stays an ordinary product that returns a new matrix.
public struct MatrixProduct<Scalar: BLASScalar> {
    let left: MatrixOperand<Scalar>
    let right: MatrixOperand<Scalar>
    /// A `1 × columns` row added to every row of the product (a bias), or nil.
    let row: Matrix<Scalar>?

    /// Rows × columns of the result.
    public var shape: Shape { Shape(left.shape.rows, right.shape.columns) }
}

/// A matrix as one side of a product: all of it or some of its rows, possibly transposed.
public struct MatrixOperand<Scalar: BLASScalar> {
    let matrix: Matrix<Scalar>
    let rows: Range<Int>
    let isTransposed: Bool

    /// The shape of the operand as the product sees it (after the transpose).
    public var shape: Shape { isTransposed ? Shape(matrix.columns, rows.count) : Shape(rows.count, matrix.columns) }

    /// The transpose of this operand, without a copy.
    @inline(__always) public var T: MatrixOperand { MatrixOperand(matrix: matrix, rows: rows, isTransposed: !isTransposed) }

    @inline(__always) init(_ matrix: Matrix<Scalar>) {
        self.init(matrix: matrix, rows: 0..<matrix.rows, isTransposed: false)
    }

    @inline(__always) init(matrix: Matrix<Scalar>, rows: Range<Int>, isTransposed: Bool) {
        self.matrix = matrix
        self.rows = rows
        self.isTransposed = isTransposed
    }
}

extension Matrix {
    /// The transpose as a product operand, without a copy: `x * weight.T`.
    @inline(__always) public var T: MatrixOperand<Scalar> { MatrixOperand(self).T }

    /// Rows `range` as a product operand, without a copy: `dy.T * x[rows: batch]`.
    @inline(__always) public subscript(rows range: Range<Int>) -> MatrixOperand<Scalar> {
        Misuse.check(range.lowerBound >= 0 && range.upperBound <= rows, "Matrix: rows \(range) outside \(shape)")
        return MatrixOperand(matrix: self, rows: range, isTransposed: false)
    }
}

extension Parameter {
    /// The transpose of the parameter's value as a product operand: `x * weight.T`.
    @inline(__always) public var T: MatrixOperand<Scalar> { value.T }
}

// MARK: Building products

@inline(__always) public func * <S>(a: MatrixOperand<S>, b: MatrixOperand<S>) -> MatrixProduct<S> { MatrixProduct(left: a, right: b, row: nil) }
@inline(__always) public func * <S>(a: Matrix<S>, b: MatrixOperand<S>) -> MatrixProduct<S> { MatrixOperand(a) * b }
@inline(__always) public func * <S>(a: MatrixOperand<S>, b: Matrix<S>) -> MatrixProduct<S> { a * MatrixOperand(b) }
/// A product with a parameter's value: `outputGradient * weight`.
@inline(__always) public func * <S>(a: Matrix<S>, b: Parameter<S>) -> MatrixProduct<S> { MatrixOperand(a) * MatrixOperand(b.value) }
@inline(__always) public func * <S>(a: MatrixOperand<S>, b: Parameter<S>) -> MatrixProduct<S> { a * MatrixOperand(b.value) }

/// The product with a `1 × columns` row added to every row of it: `x * weight.T + bias`.
@inline(__always) public func + <S>(product: MatrixProduct<S>, row: Matrix<S>) -> MatrixProduct<S> {
    Misuse.check(product.row == nil, "Matrix product: only one row can be added")
    return MatrixProduct(left: product.left, right: product.right, row: row)
}

@inline(__always) public func + <S>(product: MatrixProduct<S>, row: Parameter<S>) -> MatrixProduct<S> { product + row.value }

// MARK: Evaluating products

extension Matrix {
    /// self = the product (plus its row), reshaping self and reusing its storage.
    @inline(__always)
    public mutating func assign(_ product: MatrixProduct<Scalar>) {
        let shape = product.shape
        reshape(rows: shape.rows, columns: shape.columns)
        if let row = product.row {
            Misuse.check(row.rows == 1 && row.columns == shape.columns,
                         "Matrix product: the added row is \(row.shape), the product \(shape)")
            fillRows(with: row)
            run(product, beta: 1)
        } else {
            run(product, beta: 0)
        }
    }

    /// self += the product: accumulates, as parameter gradients do.
    @inline(__always)
    public static func += (accumulator: inout Matrix, product: MatrixProduct<Scalar>) {
        Misuse.check(product.row == nil, "Matrix product: += takes a product without an added row")
        Misuse.check(accumulator.shape == product.shape, "Matrix product: accumulator is \(accumulator.shape), product is \(product.shape)")
        accumulator.run(product, beta: 1)
    }

    /// C ← op(A)·op(B) + β·C through the engine.
    @inline(__always)
    private mutating func run(_ product: MatrixProduct<Scalar>, beta: Scalar) {
        let a = product.left, b = product.right
        let m = a.shape.rows, k = a.shape.columns, n = b.shape.columns
        Misuse.check(k == b.shape.rows, "Matrix product: inner dimensions differ, \(a.description) · \(b.description)")
        if m == 0 || n == 0 { return }
        if k == 0 {
            if beta == 0 { setZero() }
            return
        }
        let columns = self.columns
        a.matrix.elements.withUnsafeBufferPointer { pa in
            b.matrix.elements.withUnsafeBufferPointer { pb in
                elements.withUnsafeMutableBufferPointer { pc in
                    Product.run(transposeA: a.isTransposed, transposeB: b.isTransposed, m: m, n: n, k: k,
                                alpha: 1, a: pa.baseAddress! + a.rows.lowerBound * a.matrix.columns, lda: a.matrix.columns,
                                b: pb.baseAddress! + b.rows.lowerBound * b.matrix.columns, ldb: b.matrix.columns,
                                beta: beta, c: pc.baseAddress!, ldc: columns)
                }
            }
        }
    }
}

extension MatrixOperand: CustomStringConvertible {
    public var description: String {
        let base = rows == 0..<matrix.rows ? "\(matrix.shape)" : "rows \(rows) of \(matrix.shape)"
        return isTransposed ? "(\(base))ᵀ" : base
    }
}

// MARK: Column sums

/// The sum over the rows (the batch) of each column, not yet evaluated: `bias.gradient += dy.columnSums`.
public struct ColumnSums<Scalar: BLASScalar> {
    let matrix: Matrix<Scalar>
}

extension Matrix {
    /// Σ over rows of each column, a `1 × columns` row once evaluated (`Matrix(m.columnSums)`).
    @inline(__always) public var columnSums: ColumnSums<Scalar> { ColumnSums(matrix: self) }

    /// The `1 × columns` row of column sums.
    public init(_ sums: ColumnSums<Scalar>) {
        self.init(rows: 1, columns: sums.matrix.columns)
        self += sums
    }

    /// Adds the column sums into a `1 × columns` accumulator.
    @inline(__always)
    public static func += (accumulator: inout Matrix, sums: ColumnSums<Scalar>) {
        let source = sums.matrix, width = source.columns
        Misuse.check(accumulator.rows == 1 && accumulator.columns == width,
                     "column sums: accumulator is \(accumulator.shape), need 1×\(width)")
        source.elements.withUnsafeBufferPointer { x in
            accumulator.elements.withUnsafeMutableBufferPointer { total in
                for r in 0..<source.rows {
                    let row = x.baseAddress! + r * width
                    for c in 0..<width { total[c] += row[c] }
                }
            }
        }
    }
}
