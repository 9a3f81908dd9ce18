import XCTest
@testable import Backprop

/// Every module and loss against central finite differences, in Double and in Float,
/// for a single sample and for a batch.
///
/// Tolerances: in Double, h = 1e-6 leaves a truncation error ~h² and a rounding error
/// ~1e-16/h, so relative differences sit near 1e-9; we require 1e-7. In Float the loss
/// itself is only good to ~1e-7, so h = 1e-2 and we require 5e-3.
final class ModuleGradientTests: XCTestCase {
    private struct Precision<Scalar: BLASScalar> {
        var step: Double
        var tolerance: Double
    }
    private let double = Precision<Double>(step: 1e-6, tolerance: 1e-7)
    private let float = Precision<Float>(step: 1e-2, tolerance: 5e-3)

    /// Random inputs kept at least 0.1 away from zero, so a ReLU kink is never within h.
    private func randomMatrix<Scalar: BLASScalar>(_ rows: Int, _ columns: Int, _ generator: inout SeededGenerator) -> Matrix<Scalar> {
        Matrix(rows: rows, columns: columns, elements: (0..<rows * columns).map { _ in
            let magnitude = generator.uniform(0.1, 1.5)
            return Scalar(generator.uniform() < 0.5 ? -magnitude : magnitude)
        })
    }

    private func check<Scalar: BLASScalar>(
        _ precision: Precision<Scalar>, _ label: String,
        make: (inout SeededGenerator) -> (any Module<Scalar>),
        inputs: Int, outputs: Int, loss: some Loss = MeanSquaredError(.plain),
        target: ((Int, inout SeededGenerator) -> Matrix<Scalar>)? = nil
    ) {
        for batch in [1, 5] {
            var generator = SeededGenerator(seed: UInt64(batch * 31 + inputs))
            let module = make(&generator)
            let x: Matrix<Scalar> = randomMatrix(batch, inputs, &generator)
            let y: Matrix<Scalar> = target?(batch, &generator) ?? randomMatrix(batch, outputs, &generator)
            let inputResult = GradientCheck.input(of: module, loss: loss, input: x, target: y, step: precision.step)
            XCTAssertLessThan(inputResult.relativeDifference, precision.tolerance, "\(label) ∂L/∂x, \(Scalar.self), batch \(batch)")
            if !module.parameters.isEmpty {
                let result = GradientCheck.parameters(of: module, loss: loss, input: x, target: y, step: precision.step)
                for entry in result.entries {
                    XCTAssertLessThan(entry.relativeDifference, precision.tolerance,
                                      "\(label) \(entry.name), \(Scalar.self), batch \(batch)")
                }
            }
        }
    }

    private func checkBothPrecisions(
        _ label: String, inputs: Int, outputs: Int, loss: some Loss = MeanSquaredError(.plain),
        makeDouble: @escaping (inout SeededGenerator) -> any Module<Double>,
        makeFloat: @escaping (inout SeededGenerator) -> any Module<Float>
    ) {
        check(double, label, make: makeDouble, inputs: inputs, outputs: outputs, loss: loss)
        check(float, label, make: makeFloat, inputs: inputs, outputs: outputs, loss: loss)
    }

    func testLinearBackwardMatchesFiniteDifferences() {
        checkBothPrecisions("Linear", inputs: 4, outputs: 3,
                            makeDouble: { Linear(4, 3, biasInitializer: .normal(standardDeviation: 0.5), using: &$0) },
                            makeFloat: { Linear(4, 3, biasInitializer: .normal(standardDeviation: 0.5), using: &$0) })
    }

    func testSigmoidBackwardMatchesFiniteDifferences() {
        checkBothPrecisions("Sigmoid", inputs: 3, outputs: 3, makeDouble: { _ in Sigmoid() }, makeFloat: { _ in Sigmoid() })
    }

    func testTanhBackwardMatchesFiniteDifferences() {
        checkBothPrecisions("Tanh", inputs: 3, outputs: 3, makeDouble: { _ in Tanh() }, makeFloat: { _ in Tanh() })
    }

    func testReLUBackwardMatchesFiniteDifferences() {
        checkBothPrecisions("ReLU", inputs: 3, outputs: 3, makeDouble: { _ in ReLU() }, makeFloat: { _ in ReLU() })
    }

    func testSoftmaxBackwardMatchesFiniteDifferences() {
        checkBothPrecisions("Softmax", inputs: 4, outputs: 4, makeDouble: { _ in Softmax() }, makeFloat: { _ in Softmax() })
    }

    func testSequentialOfEveryModuleMatchesFiniteDifferences() {
        func make<S: BLASScalar>(_ g: inout SeededGenerator) -> any Module<S> {
            Sequential<S>([Linear<S>(3, 5, biasInitializer: .normal(standardDeviation: 0.3), using: &g), Tanh<S>(),
                           Linear<S>(5, 4, biasInitializer: .normal(standardDeviation: 0.3), using: &g), Sigmoid<S>(),
                           Linear<S>(4, 4, using: &g), Softmax<S>()])
        }
        check(double, "Sequential", make: make, inputs: 3, outputs: 4, loss: CrossEntropy(), target: oneHot)
        check(float, "Sequential", make: make, inputs: 3, outputs: 4, loss: CrossEntropy(), target: oneHot)
    }

    private func oneHot<S: BLASScalar>(_ rows: Int, _ generator: inout SeededGenerator) -> Matrix<S> {
        var target = Matrix<S>(rows: rows, columns: 4)
        for r in 0..<rows { target[r, generator.integer(below: 4)] = 1 }
        return target
    }

    // MARK: Losses

    private func checkLoss<S: BLASScalar>(_ loss: some Loss, _ precision: Precision<S>, prediction: (inout SeededGenerator) -> Matrix<S>, target: (inout SeededGenerator) -> Matrix<S>) {
        var generator = SeededGenerator(seed: 99)
        let p = prediction(&generator), t = target(&generator)
        let result = GradientCheck.loss(loss, prediction: p, target: t, step: precision.step)
        XCTAssertLessThan(result.relativeDifference, precision.tolerance, "\(loss), \(S.self), batch \(p.rows)")
    }

    private func probabilities<S: BLASScalar>(_ rows: Int, _ columns: Int) -> (inout SeededGenerator) -> Matrix<S> {
        { g in Matrix(rows: rows, columns: columns, elements: (0..<rows * columns).map { _ in S(g.uniform(0.1, 0.9)) }) }
    }

    private func rowDistributions<S: BLASScalar>(_ rows: Int, _ columns: Int) -> (inout SeededGenerator) -> Matrix<S> {
        { g in
            var m = Matrix<S>(rows: rows, columns: columns)
            for r in 0..<rows {
                let raw = (0..<columns).map { _ in g.uniform(0.1, 1) }
                let total = raw.reduce(0, +)
                for c in 0..<columns { m[r, c] = S(raw[c] / total) }
            }
            return m
        }
    }

    func testEveryLossGradientMatchesFiniteDifferences() {
        for batch in [1, 6] {
            checkLoss(MeanSquaredError(.half), double, prediction: probabilities(batch, 3), target: probabilities(batch, 3))
            checkLoss(MeanSquaredError(.plain), float, prediction: probabilities(batch, 3), target: probabilities(batch, 3))
            checkLoss(BinaryCrossEntropy(), double, prediction: probabilities(batch, 2), target: probabilities(batch, 2))
            checkLoss(BinaryCrossEntropy(), float, prediction: probabilities(batch, 2), target: probabilities(batch, 2))
            checkLoss(CrossEntropy(), double, prediction: rowDistributions(batch, 4), target: rowDistributions(batch, 4))
            checkLoss(CrossEntropy(), float, prediction: rowDistributions(batch, 4), target: rowDistributions(batch, 4))
            let logits: (inout SeededGenerator) -> Matrix<Double> = { g in
                Matrix(rows: batch, columns: 5, elements: (0..<batch * 5).map { _ in g.uniform(-3, 3) }) }
            checkLoss(SoftmaxCrossEntropy(), double, prediction: logits, target: rowDistributions(batch, 5))
            checkLoss(SoftmaxCrossEntropy(), float, prediction: { g in Matrix<Float>(logits(&g)) }, target: rowDistributions(batch, 5))
        }
    }

    /// The fused loss must equal Softmax followed by CrossEntropy, value and gradient.
    func testSoftmaxCrossEntropyEqualsSoftmaxThenCrossEntropy() {
        var generator = SeededGenerator(seed: 5)
        let logits = Matrix<Double>(rows: 3, columns: 4, elements: (0..<12).map { _ in generator.uniform(-4, 4) })
        let target: Matrix<Double> = oneHot(3, &generator)
        let softmax = Softmax<Double>()
        let probabilities = softmax.forward(logits)
        XCTAssertEqual(SoftmaxCrossEntropy().loss(of: logits, target: target),
                       CrossEntropy().loss(of: probabilities, target: target), accuracy: 1e-14)
        let viaModules = softmax.backward(CrossEntropy().gradient(of: probabilities, target: target))
        XCTAssertLessThan(SoftmaxCrossEntropy().gradient(of: logits, target: target).maxAbsoluteDifference(viaModules), 1e-14)
    }

    /// NaN stays NaN through ReLU, as in PyTorch (torch.relu(nan) = nan): a broken input or
    /// weight must show in the prediction, not turn into a plausible 0 (issue 16, finding 7).
    func testReLUPropagatesNaNForwardAndBackward() {
        let relu = ReLU<Double>()
        let y = relu.forward(Matrix([[.nan, -1, 2]]))
        XCTAssertTrue(y[0, 0].isNaN)
        XCTAssertEqual(y[0, 1], 0)
        XCTAssertEqual(y[0, 2], 2)
        let dx = relu.backward(Matrix([[5, 5, 5]]))
        XCTAssertEqual(dx.elements, [5, 0, 5], "the gradient passes where x is NaN, as torch's threshold_backward does")
    }
}
