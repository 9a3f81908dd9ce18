/// Element-wise and row-wise loops that take the formula as a closure: what the modules and
/// losses write their math with.
///
/// `y.setElements(x) { x in 1 / (1 + .exp(-x)) }` writes σ(x) into y's existing storage.
/// The loops are `@inline(__always)`, so a module's specialised `forward` gets the closure
/// inlined into a plain loop over contiguous memory: the formula is written once, in the
/// module, and compiled as if hand-written there.
extension Matrix {
    /// self[i] = f(a[i]) for every element; self takes a's shape.
    @inline(__always)
    public mutating func setElements(_ a: Matrix, _ f: (Scalar) -> Scalar) {
        reshape(rows: a.rows, columns: a.columns)
        a.elements.withUnsafeBufferPointer { a in
            elements.withUnsafeMutableBufferPointer { out in
                for i in 0..<out.count { out[i] = f(a[i]) }
            }
        }
    }

    /// self[i] = f(a[i], b[i]) for every element; a and b have one shape, which self takes.
    @inline(__always)
    public mutating func setElements(_ a: Matrix, _ b: Matrix, _ f: (Scalar, Scalar) -> Scalar) {
        Misuse.check(a.shape == b.shape, "element-wise: shapes differ, \(a.shape) and \(b.shape)")
        reshape(rows: a.rows, columns: a.columns)
        a.elements.withUnsafeBufferPointer { a in
            b.elements.withUnsafeBufferPointer { b in
                elements.withUnsafeMutableBufferPointer { out in
                    for i in 0..<out.count { out[i] = f(a[i], b[i]) }
                }
            }
        }
    }

    /// self[i] = f(self[i], a[i]) for every element, in place.
    @inline(__always)
    public mutating func updateElements(with a: Matrix, _ f: (Scalar, Scalar) -> Scalar) {
        Misuse.check(a.shape == shape, "element-wise: shapes differ, \(shape) and \(a.shape)")
        a.elements.withUnsafeBufferPointer { a in
            elements.withUnsafeMutableBufferPointer { out in
                for i in 0..<out.count { out[i] = f(out[i], a[i]) }
            }
        }
    }

    /// Σᵢ f(self[i], b[i]) over every element.
    @inline(__always)
    public func sum(with b: Matrix, _ f: (Scalar, Scalar) -> Scalar) -> Scalar {
        Misuse.check(b.shape == shape, "element-wise: shapes differ, \(shape) and \(b.shape)")
        var total: Scalar = 0
        elements.withUnsafeBufferPointer { a in
            b.elements.withUnsafeBufferPointer { b in
                for i in 0..<a.count { total += f(a[i], b[i]) }
            }
        }
        return total
    }

    /// Runs f on each row of a and the same row of self (which takes a's shape): row-wise
    /// functions such as softmax.
    @inline(__always)
    public mutating func setRows(_ a: Matrix, _ f: (MatrixRow<Scalar>, MutableMatrixRow<Scalar>) -> Void) {
        reshape(rows: a.rows, columns: a.columns)
        let width = columns
        guard width > 0 else { return }
        a.elements.withUnsafeBufferPointer { a in
            elements.withUnsafeMutableBufferPointer { out in
                for r in 0..<rows {
                    f(MatrixRow(a.baseAddress! + r * width, width), MutableMatrixRow(out.baseAddress! + r * width, width))
                }
            }
        }
    }

    /// Runs f on each row of a, b and self (which takes their shape).
    @inline(__always)
    public mutating func setRows(_ a: Matrix, _ b: Matrix,
                                 _ f: (MatrixRow<Scalar>, MatrixRow<Scalar>, MutableMatrixRow<Scalar>) -> Void) {
        Misuse.check(a.shape == b.shape, "row-wise: shapes differ, \(a.shape) and \(b.shape)")
        reshape(rows: a.rows, columns: a.columns)
        let width = columns
        guard width > 0 else { return }
        a.elements.withUnsafeBufferPointer { a in
            b.elements.withUnsafeBufferPointer { b in
                elements.withUnsafeMutableBufferPointer { out in
                    for r in 0..<rows {
                        let offset = r * width
                        f(MatrixRow(a.baseAddress! + offset, width), MatrixRow(b.baseAddress! + offset, width),
                          MutableMatrixRow(out.baseAddress! + offset, width))
                    }
                }
            }
        }
    }

    /// Σ over rows of f(row of self, same row of b).
    @inline(__always)
    public func sumOverRows(with b: Matrix, _ f: (MatrixRow<Scalar>, MatrixRow<Scalar>) -> Scalar) -> Scalar {
        Misuse.check(b.shape == shape, "row-wise: shapes differ, \(shape) and \(b.shape)")
        let width = columns
        guard width > 0 else { return 0 }
        var total: Scalar = 0
        elements.withUnsafeBufferPointer { a in
            b.elements.withUnsafeBufferPointer { b in
                for r in 0..<rows { total += f(MatrixRow(a.baseAddress! + r * width, width), MatrixRow(b.baseAddress! + r * width, width)) }
            }
        }
        return total
    }
}

/// One row of a matrix, read in place during a row-wise loop (valid only inside it).
public struct MatrixRow<Scalar: BLASScalar> {
    @usableFromInline let start: UnsafePointer<Scalar>
    public let count: Int

    @inlinable init(_ start: UnsafePointer<Scalar>, _ count: Int) {
        self.start = start
        self.count = count
    }

    public var indices: Range<Int> { 0..<count }

    @inlinable public subscript(index: Int) -> Scalar { start[index] }

    /// The largest element (−∞ for an empty row).
    @inlinable public func maximum() -> Scalar {
        var largest = -Scalar.infinity
        for k in 0..<count { largest = Swift.max(largest, start[k]) }
        return largest
    }

    /// Σₖ f(self[k], other[k]).
    @inlinable public func sum(with other: MatrixRow, _ f: (Scalar, Scalar) -> Scalar) -> Scalar {
        var total: Scalar = 0
        for k in 0..<count { total += f(start[k], other[k]) }
        return total
    }

    /// Σₖ f(self[k]).
    @inlinable public func sum(_ f: (Scalar) -> Scalar) -> Scalar {
        var total: Scalar = 0
        for k in 0..<count { total += f(start[k]) }
        return total
    }
}

/// One row of a matrix being written during a row-wise loop (valid only inside it).
public struct MutableMatrixRow<Scalar: BLASScalar> {
    @usableFromInline let start: UnsafeMutablePointer<Scalar>
    public let count: Int

    @inlinable init(_ start: UnsafeMutablePointer<Scalar>, _ count: Int) {
        self.start = start
        self.count = count
    }

    public var indices: Range<Int> { 0..<count }

    @inlinable public subscript(index: Int) -> Scalar {
        get { start[index] }
        nonmutating set { start[index] = newValue }
    }

    /// Σₖ self[k].
    @inlinable public func sum() -> Scalar {
        var total: Scalar = 0
        for k in 0..<count { total += start[k] }
        return total
    }
}
