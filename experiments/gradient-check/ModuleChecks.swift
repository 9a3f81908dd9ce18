import Backprop
import ExperimentKit

/// Finite-difference checks of every module and loss on random shapes, in both precisions.
enum ModuleChecks {
    /// Central-difference step in single precision, between truncation (∝ ε², large where a
    /// probability is small) and rounding (∝ 1/ε with 24-bit mantissas). Over seeds 0–200,
    /// 1e-2 failed cross-entropy at probabilities near 0.02 for 6 % of seeds, 1e-3 came within
    /// 0.6 of the bound by rounding; 3e-3 stayed within 0.4 of it.
    static let floatEpsilon = 3e-3
    /// Bounds on the relative difference: a central difference is accurate to O(ε²) plus
    /// rounding of order (machine epsilon)/ε, about 1e-10 in double and 1e-5 in single precision.
    static let doubleBound = 1e-7, floatBound = 5e-3

    /// Every module and loss in double precision (step `epsilon`), then in single precision.
    static func all(epsilon: Double, quick: Bool, using generator: inout SeededGenerator) -> [Check] {
        var checks: [Check] = []
        checks += forPrecision(Double.self, step: epsilon, bound: doubleBound, quick: quick, using: &generator)
        checks += forPrecision(Float.self, step: floatEpsilon, bound: floatBound, quick: quick, using: &generator)
        return checks
    }

    private static func forPrecision<S: BLASScalar>(_: S.Type, step: Double, bound: Double, quick: Bool,
                                                   using generator: inout SeededGenerator) -> [Check] {
        let batch = quick ? 3 : 2 + generator.integer(below: 7)
        let width = 2 + generator.integer(below: 5)
        // Values kept 0.1 away from zero so no ReLU kink lies within the step.
        func random(_ rows: Int, _ columns: Int) -> Matrix<S> {
            Matrix(rows: rows, columns: columns, elements: (0..<rows * columns).map { _ in
                let magnitude = generator.uniform(0.1, 1.5)
                return S(generator.uniform() < 0.5 ? -magnitude : magnitude)
            })
        }
        func probabilities(_ rows: Int, _ columns: Int) -> Matrix<S> {
            Matrix(rows: rows, columns: columns, elements: (0..<rows * columns).map { _ in S(generator.uniform(0.1, 0.9)) })
        }
        func oneHot(_ rows: Int, _ columns: Int) -> Matrix<S> {
            var m = Matrix<S>(rows: rows, columns: columns)
            for r in 0..<rows { m[r, generator.integer(below: columns)] = 1 }
            return m
        }
        let precision = S.self == Float.self ? "Float" : "Double"
        var checks: [Check] = []
        func add(_ name: String, _ results: GradientCheckResult...) {
            checks.append(Check(key: "module_\(name.lowercased())_\(precision.lowercased())",
                                name: "\(name) (\(precision), batch \(batch))",
                                reference: "finite differences, ε = \(compactNumber(step))",
                                error: results.map(\.relativeDifference).max()!, bound: bound, measure: .relative))
        }

        let linear = Linear<S>(width, width + 1, biasInitializer: .normal(standardDeviation: 0.5), using: &generator)
        let x = random(batch, width), y = random(batch, width + 1)
        let parameters = GradientCheck.parameters(of: linear, loss: MeanSquaredError(.plain), input: x, target: y, step: step)
        let input = GradientCheck.input(of: linear, loss: MeanSquaredError(.plain), input: x, target: y, step: step)
        add("Linear", parameters, input)
        let activations: [(String, any Module<S>)] = [("Sigmoid", Sigmoid<S>()), ("Tanh", Tanh<S>()), ("ReLU", ReLU<S>()), ("Softmax", Softmax<S>())]
        for (name, module) in activations {
            add(name, GradientCheck.input(of: module, loss: MeanSquaredError(.plain), input: random(batch, width), target: random(batch, width), step: step))
        }
        add("MeanSquaredError", GradientCheck.loss(MeanSquaredError(.half), prediction: random(batch, width), target: random(batch, width), step: step))
        add("BinaryCrossEntropy", GradientCheck.loss(BinaryCrossEntropy(), prediction: probabilities(batch, width), target: probabilities(batch, width), step: step))
        var rows = probabilities(batch, width)
        for r in 0..<batch {
            let total = (0..<width).reduce(S(0)) { $0 + rows[r, $1] }
            for c in 0..<width { rows[r, c] /= total }
        }
        add("CrossEntropy", GradientCheck.loss(CrossEntropy(), prediction: rows, target: oneHot(batch, width), step: step))
        add("SoftmaxCrossEntropy", GradientCheck.loss(SoftmaxCrossEntropy(), prediction: random(batch, width), target: oneHot(batch, width), step: step))
        return checks
    }
}
