/// The comparison of back-propagated gradients with central finite differences.
public struct GradientCheckResult: Sendable {
    /// One parameter's comparison.
    public struct Entry: Sendable {
        /// A qualified name such as "Dense_1.weight" (or "input").
        public var name: String
        /// ‖g − g_num‖ / (‖g‖ + ‖g_num‖) over this parameter's elements.
        public var relativeDifference: Double
        /// The largest |g − g_num| over its elements.
        public var maxAbsoluteDifference: Double
        public var count: Int
    }

    /// ‖g − g_num‖ / (‖g‖ + ‖g_num‖) over all parameters concatenated, the measure of the
    /// notebook's `gradient_check`. 0 when both gradients are zero.
    public var relativeDifference: Double
    public var entries: [Entry]

    /// The entry with the largest relative difference.
    public var worst: Entry? { entries.max { $0.relativeDifference < $1.relativeDifference } }
}

/// Finite-difference gradient checking.
///
/// Each parameter element θ is nudged to θ ± h, the loss is recomputed, and the numeric
/// gradient (L(θ + h) − L(θ − h)) / 2h is compared with the one `backward` accumulated.
/// Parameters are restored exactly afterwards. The loss is evaluated in the network's
/// own precision, so in `Float` choose h ≈ 1e-2 and expect agreement to ~1e-3 only.
public enum GradientCheck {
    /// Checks every parameter of `model`.
    public static func parameters<Scalar: BLASScalar>(
        of model: some Module<Scalar>, loss: some Loss,
        input: Matrix<Scalar>, target: Matrix<Scalar>, step: Double = 1e-6,
        names: [String]? = nil
    ) -> GradientCheckResult {
        let parameters = model.parameters
        let parameterNames = names ?? parameters.enumerated().map { "\($0.offset).\($0.element.name)" }
        model.zeroGradients()
        let prediction = model.forward(input)
        _ = model.backward(loss.gradient(of: prediction, target: target))

        var entries: [GradientCheckResult.Entry] = []
        var analyticAll: [Double] = [], numericAll: [Double] = []
        for (parameter, name) in zip(parameters, parameterNames) {
            let analytic = parameter.gradient.elements.map(Double.init)
            let numeric = centralDifferences(count: parameter.value.count, step: step,
                                             read: { parameter.value.elements[$0] },
                                             write: { parameter.value.elements[$0] = $1 },
                                             evaluate: { Double(loss.loss(of: model.forward(input), target: target)) })
            entries.append(entry(name, analytic, numeric))
            analyticAll += analytic
            numericAll += numeric
        }
        return GradientCheckResult(relativeDifference: relativeDifference(analyticAll, numericAll), entries: entries)
    }

    /// Checks ∂L/∂input as returned by `backward`, for modules with or without parameters.
    public static func input<Scalar: BLASScalar>(
        of model: some Module<Scalar>, loss: some Loss,
        input: Matrix<Scalar>, target: Matrix<Scalar>, step: Double = 1e-6
    ) -> GradientCheckResult {
        model.zeroGradients()
        let prediction = model.forward(input)
        let analytic = model.backward(loss.gradient(of: prediction, target: target)).elements.map(Double.init)
        var perturbed = input
        let numeric = centralDifferences(count: perturbed.count, step: step,
                                         read: { perturbed.elements[$0] }, write: { perturbed.elements[$0] = $1 },
                                         evaluate: { Double(loss.loss(of: model.forward(perturbed), target: target)) })
        let only = entry("input", analytic, numeric)
        return GradientCheckResult(relativeDifference: only.relativeDifference, entries: [only])
    }

    /// Checks a loss's own gradient ∂L/∂prediction.
    public static func loss<Scalar: BLASScalar>(
        _ loss: some Loss, prediction: Matrix<Scalar>, target: Matrix<Scalar>, step: Double = 1e-6
    ) -> GradientCheckResult {
        let analytic = loss.gradient(of: prediction, target: target).elements.map(Double.init)
        var perturbed = prediction
        let numeric = centralDifferences(count: perturbed.count, step: step,
                                         read: { perturbed.elements[$0] }, write: { perturbed.elements[$0] = $1 },
                                         evaluate: { Double(loss.loss(of: perturbed, target: target)) })
        let only = entry("prediction", analytic, numeric)
        return GradientCheckResult(relativeDifference: only.relativeDifference, entries: [only])
    }

    /// (L(θᵢ + h) − L(θᵢ − h)) / 2h for each of `count` elements θᵢ, which `read` and `write`
    /// reach and `evaluate` turns into a loss; each element is restored exactly afterwards.
    private static func centralDifferences<Scalar: BLASScalar>(
        count: Int, step: Double, read: (Int) -> Scalar, write: (Int, Scalar) -> Void, evaluate: () -> Double
    ) -> [Double] {
        let h = Scalar(step)
        var numeric = [Double](repeating: 0, count: count)
        for i in 0..<count {
            let original = read(i)
            write(i, original + h)
            let plus = evaluate()
            write(i, original - h)
            let minus = evaluate()
            write(i, original)
            // Divide by the step actually taken, which differs from 2h after rounding.
            numeric[i] = (plus - minus) / (Double(original + h) - Double(original - h))
        }
        return numeric
    }

    private static func entry(_ name: String, _ analytic: [Double], _ numeric: [Double]) -> GradientCheckResult.Entry {
        let maxAbsolute = zip(analytic, numeric).reduce(0) { max($0, abs($1.0 - $1.1)) }
        return .init(name: name, relativeDifference: relativeDifference(analytic, numeric),
                     maxAbsoluteDifference: maxAbsolute, count: analytic.count)
    }

    /// ‖a − b‖ / (‖a‖ + ‖b‖), and 0 when both are zero vectors.
    public static func relativeDifference(_ a: [Double], _ b: [Double]) -> Double {
        let difference = zip(a, b).reduce(0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) }.squareRoot()
        let norms = a.reduce(0) { $0 + $1 * $1 }.squareRoot() + b.reduce(0) { $0 + $1 * $1 }.squareRoot()
        return norms == 0 ? 0 : difference / norms
    }
}
