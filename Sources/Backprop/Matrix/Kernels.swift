import RealModule

/// The element-wise loops every module runs, on raw contiguous buffers.
///
/// They are generic so that each is written once, and pre-specialised for `Float` and
/// `Double`: a generic module (called through `any Module<Scalar>`) then jumps to the
/// specialised loop at run time instead of running the unspecialised generic one,
/// which is an order of magnitude slower.
@usableFromInline
enum Kernels {
    @_specialize(where T == Float)
    @_specialize(where T == Double)
    static func addRow<T: BLASScalar>(_ row: UnsafePointer<T>, to target: UnsafeMutablePointer<T>, rows: Int, columns: Int) {
        for r in 0..<rows {
            let line = target + r * columns
            for c in 0..<columns { line[c] += row[c] }
        }
    }

    @_specialize(where T == Float)
    @_specialize(where T == Double)
    static func sumColumns<T: BLASScalar>(_ source: UnsafePointer<T>, rows: Int, columns: Int, into target: UnsafeMutablePointer<T>) {
        for r in 0..<rows {
            let line = source + r * columns
            for c in 0..<columns { target[c] += line[c] }
        }
    }

    @_specialize(where T == Float)
    @_specialize(where T == Double)
    static func scale<T: BLASScalar>(_ buffer: UnsafeMutableBufferPointer<T>, by factor: T) {
        for i in buffer.indices { buffer[i] *= factor }
    }

    /// y ← y + α·x
    @_specialize(where T == Float)
    @_specialize(where T == Double)
    static func axpy<T: BLASScalar>(_ alpha: T, _ x: UnsafeBufferPointer<T>, _ y: UnsafeMutableBufferPointer<T>) {
        for i in y.indices { y[i] += alpha * x[i] }
    }

    // MARK: Activations (forward writes `output`, backward writes `inputGradient`)

    @_specialize(where T == Float)
    @_specialize(where T == Double)
    static func sigmoid<T: BLASScalar>(_ x: UnsafeBufferPointer<T>, _ y: UnsafeMutableBufferPointer<T>) {
        for i in x.indices { y[i] = 1 / (1 + T.exp(-x[i])) }
    }

    @_specialize(where T == Float)
    @_specialize(where T == Double)
    static func sigmoidBackward<T: BLASScalar>(_ y: UnsafeBufferPointer<T>, _ dy: UnsafeBufferPointer<T>, _ dx: UnsafeMutableBufferPointer<T>) {
        for i in y.indices { dx[i] = dy[i] * y[i] * (1 - y[i]) }
    }

    @_specialize(where T == Float)
    @_specialize(where T == Double)
    static func tanh<T: BLASScalar>(_ x: UnsafeBufferPointer<T>, _ y: UnsafeMutableBufferPointer<T>) {
        for i in x.indices { y[i] = T.tanh(x[i]) }
    }

    @_specialize(where T == Float)
    @_specialize(where T == Double)
    static func tanhBackward<T: BLASScalar>(_ y: UnsafeBufferPointer<T>, _ dy: UnsafeBufferPointer<T>, _ dx: UnsafeMutableBufferPointer<T>) {
        for i in y.indices { dx[i] = dy[i] * (1 - y[i] * y[i]) }
    }

    @_specialize(where T == Float)
    @_specialize(where T == Double)
    static func relu<T: BLASScalar>(_ x: UnsafeBufferPointer<T>, _ y: UnsafeMutableBufferPointer<T>) {
        for i in x.indices { y[i] = x[i] > 0 ? x[i] : 0 }
    }

    /// Uses the output: y > 0 exactly where x > 0. ∂L/∂y is read whatever the sign, so that
    /// the choice compiles to a vector select instead of a branch per element (half of them
    /// mispredicted on real activations: 8 % of an MNIST MLP epoch).
    @_specialize(where T == Float)
    @_specialize(where T == Double)
    static func reluBackward<T: BLASScalar>(_ y: UnsafeBufferPointer<T>, _ dy: UnsafeBufferPointer<T>, _ dx: UnsafeMutableBufferPointer<T>) {
        for i in y.indices {
            let gradient = dy[i]
            dx[i] = y[i] > 0 ? gradient : 0
        }
    }

    /// Row-wise softmax, shifted by each row's maximum so exp never overflows.
    @_specialize(where T == Float)
    @_specialize(where T == Double)
    static func softmaxRows<T: BLASScalar>(_ x: UnsafePointer<T>, _ y: UnsafeMutablePointer<T>, rows: Int, columns: Int) {
        for r in 0..<rows {
            let input = x + r * columns, output = y + r * columns
            var maximum = -T.infinity
            for c in 0..<columns { maximum = Swift.max(maximum, input[c]) }
            var total: T = 0
            for c in 0..<columns {
                output[c] = T.exp(input[c] - maximum)
                total += output[c]
            }
            let inverse = 1 / total
            for c in 0..<columns { output[c] *= inverse }
        }
    }

    /// dx = y ⊙ (dy − ⟨dy, y⟩) row by row.
    @_specialize(where T == Float)
    @_specialize(where T == Double)
    static func softmaxBackward<T: BLASScalar>(_ y: UnsafePointer<T>, _ dy: UnsafePointer<T>, _ dx: UnsafeMutablePointer<T>, rows: Int, columns: Int) {
        for r in 0..<rows {
            let offset = r * columns
            var dot: T = 0
            for c in 0..<columns { dot += dy[offset + c] * y[offset + c] }
            for c in 0..<columns { dx[offset + c] = y[offset + c] * (dy[offset + c] - dot) }
        }
    }
}
