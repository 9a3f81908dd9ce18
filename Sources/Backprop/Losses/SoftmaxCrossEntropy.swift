/// Softmax and cross-entropy fused, on logits z (the last `Linear`'s output, no `Softmax`
/// module after it): L = mean over rows of Σₖ tₖ·(logΣⱼe^{zⱼ} − zₖ). PyTorch's `CrossEntropyLoss`.
///
/// The log-sum-exp is shifted by the row maximum, so logits of ±1000 give exact finite
/// values; the gradient never divides by a probability.
public struct SoftmaxCrossEntropy: Loss {
    public init() {}

    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public func loss<Scalar: BLASScalar>(of prediction: Matrix<Scalar>, target: Matrix<Scalar>) -> Scalar {
        requireSameShape(prediction, target)
        guard prediction.rows > 0 else { return 0 }
        let columns = prediction.columns
        var sum: Scalar = 0
        prediction.elements.withUnsafeBufferPointer { z in
            target.elements.withUnsafeBufferPointer { t in
                for r in 0..<prediction.rows {
                    let offset = r * columns
                    let logSumExp = Self.logSumExp(z.baseAddress! + offset, count: columns)
                    for k in 0..<columns where t[offset + k] != 0 {
                        sum += t[offset + k] * (logSumExp - z[offset + k])
                    }
                }
            }
        }
        return sum / Scalar(prediction.rows)
    }

    /// ∂L/∂zₖ = (softmax(z)ₖ · Σⱼtⱼ − tₖ) / batch, which is (pₖ − tₖ)/batch for one-hot targets.
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public func gradient<Scalar: BLASScalar>(of prediction: Matrix<Scalar>, target: Matrix<Scalar>, into gradient: inout Matrix<Scalar>) {
        requireSameShape(prediction, target)
        gradient.reshape(rows: prediction.rows, columns: prediction.columns)
        guard prediction.count > 0 else { return }
        let columns = prediction.columns
        let batch = Scalar(prediction.rows)
        prediction.elements.withUnsafeBufferPointer { z in
            target.elements.withUnsafeBufferPointer { t in
                gradient.elements.withUnsafeMutableBufferPointer { g in
                    Kernels.softmaxRows(z.baseAddress!, g.baseAddress!, rows: prediction.rows, columns: columns)
                    for r in 0..<prediction.rows {
                        let offset = r * columns
                        var mass: Scalar = 0
                        for k in 0..<columns { mass += t[offset + k] }
                        for k in 0..<columns { g[offset + k] = (g[offset + k] * mass - t[offset + k]) / batch }
                    }
                }
            }
        }
    }

    @inline(__always)
    static func logSumExp<Scalar: BLASScalar>(_ z: UnsafePointer<Scalar>, count: Int) -> Scalar {
        var maximum = -Scalar.infinity
        for k in 0..<count { maximum = Swift.max(maximum, z[k]) }
        var total: Scalar = 0
        for k in 0..<count { total += Scalar.exp(z[k] - maximum) }
        return maximum + Scalar.log(total)
    }

    public var averagesRows: Bool { true }

    public var description: String { "SoftmaxCrossEntropy" }
}
