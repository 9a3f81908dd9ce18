/// A scalar cost of a prediction against a target, with its gradient.
///
/// Both matrices are `[batch × outputs]`. `loss(of:target:)` is a mean over the batch (each
/// loss says what it averages) and `gradient(of:target:into:)` is ∂loss/∂prediction, already
/// divided by that count, so it feeds straight into `Module.backward`. A prediction and
/// target of different shapes stop the program with a message naming the loss and both
/// shapes; `check(_:_:)` reports the same thing as a thrown error.
public protocol Loss: Sendable, CustomStringConvertible {
    func loss<Scalar: BLASScalar>(of prediction: Matrix<Scalar>, target: Matrix<Scalar>) -> Scalar

    /// Writes ∂loss/∂prediction into `gradient`, reshaping it to the prediction's shape.
    func gradient<Scalar: BLASScalar>(of prediction: Matrix<Scalar>, target: Matrix<Scalar>, into gradient: inout Matrix<Scalar>)
}

extension Loss {
    /// ∂loss/∂prediction as a new matrix.
    public func gradient<Scalar: BLASScalar>(of prediction: Matrix<Scalar>, target: Matrix<Scalar>) -> Matrix<Scalar> {
        var result = Matrix<Scalar>()
        gradient(of: prediction, target: target, into: &result)
        return result
    }

    /// Throws if prediction and target cannot be compared.
    public func check<Scalar: BLASScalar>(_ prediction: Matrix<Scalar>, _ target: Matrix<Scalar>) throws(ShapeMismatch) {
        guard prediction.shape == target.shape else {
            throw ShapeMismatch(site: description, expected: "target of the prediction's shape \(prediction.shape)", actual: "target \(target.shape)")
        }
    }

    /// Stops with `check`'s message (in every build) when the shapes differ.
    func requireSameShape<Scalar: BLASScalar>(_ prediction: Matrix<Scalar>, _ target: Matrix<Scalar>) {
        do { try check(prediction, target) } catch { Misuse.fail("\(error)") }
    }
}

/// Where a probability is clamped before its logarithm: log(ε) is finite and 1 − ε < 1 in
/// the type's own precision (ε is one unit in the last place of 1).
@inline(__always)
func probabilityFloor<Scalar: BLASScalar>(_: Scalar.Type) -> Scalar { Scalar.ulpOfOne }
