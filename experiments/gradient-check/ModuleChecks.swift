import Backprop

/// Finite-difference checks of every module and loss on random shapes, in both precisions.
enum ModuleChecks {
    struct Check {
        var key: String, label: String, relativeDifference: Double, bound: Double
    }

    static func all(quick: Bool, using generator: inout SeededGenerator) -> [Check] {
        var checks: [Check] = []
        checks += forPrecision(Double.self, step: 1e-6, bound: 1e-7, quick: quick, using: &generator)
        checks += forPrecision(Float.self, step: 1e-2, bound: 5e-3, quick: quick, using: &generator)
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
            checks.append(Check(key: "\(name.lowercased())_\(precision.lowercased())",
                                label: "\(name) (\(precision), batch \(batch))",
                                relativeDifference: results.map(\.relativeDifference).max()!, bound: bound))
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
