import XCTest
@testable import Backprop

/// The paths that exist for speed give the results of the plain ones: products as loops or
/// split over two threads, mini-batches read in place, backward passes without ∂L/∂input,
/// and Adam's vector and two-thread updates.
final class FastPathTests: XCTestCase {
    private func random<Scalar: BLASScalar>(_ rows: Int, _ columns: Int, _ generator: inout SeededGenerator) -> Matrix<Scalar> {
        Matrix(rows: rows, columns: columns, elements: (0..<rows * columns).map { _ in Scalar(generator.normal()) })
    }

    /// C = α·op(A)·op(B) + β·C summed in Double from the definition.
    private func reference<Scalar: BLASScalar>(_ a: Matrix<Scalar>, _ b: Matrix<Scalar>, _ ta: Bool, _ tb: Bool,
                                                alpha: Double, beta: Double, c: Matrix<Scalar>) -> [Double] {
        let m = ta ? a.columns : a.rows, k = ta ? a.rows : a.columns, n = tb ? b.rows : b.columns
        let x = a.elements.map(Double.init), y = b.elements.map(Double.init), z = c.elements.map(Double.init)
        var result = [Double](repeating: 0, count: m * n)
        x.withUnsafeBufferPointer { x in
            y.withUnsafeBufferPointer { y in
                for i in 0..<m {
                    for j in 0..<n {
                        var sum = 0.0
                        for p in 0..<k {
                            sum += (ta ? x[p * m + i] : x[i * k + p]) * (tb ? y[j * k + p] : y[p * n + j])
                        }
                        result[i * n + j] = alpha * sum + (beta == 0 ? 0 : beta * z[i * n + j])
                    }
                }
            }
        }
        return result
    }

    private func checkProducts<Scalar: BLASScalar>(_: Scalar.Type, shapes: [(Int, Int, Int)], tolerance: Double,
                                                    file: StaticString = #filePath, line: UInt = #line) {
        var generator = SeededGenerator(seed: 5)
        for (m, n, k) in shapes {
            for (ta, tb) in [(false, false), (true, false), (false, true), (true, true)] {
                for (alpha, beta) in [(1.0, 0.0), (1.0, 1.0), (-0.5, 0.25)] {
                    let a: Matrix<Scalar> = ta ? random(k, m, &generator) : random(m, k, &generator)
                    let b: Matrix<Scalar> = tb ? random(n, k, &generator) : random(k, n, &generator)
                    var c: Matrix<Scalar> = random(m, n, &generator)
                    if beta == 0 { c.update(elements: c.elements.map { _ in .nan }) }   // β = 0 must not read C
                    let expected = reference(a, b, ta, tb, alpha: alpha, beta: beta, c: c)
                    Matrix.multiply(a, b, transposingA: ta, transposingB: tb, into: &c, alpha: Scalar(alpha), beta: Scalar(beta))
                    let scale = expected.map(abs).max() ?? 1
                    let error = zip(c.elements, expected).map { abs(Double($0) - $1) }.max() ?? 0
                    XCTAssertLessThanOrEqual(error, tolerance * Swift.max(scale, 1),
                                             "\(m)×\(n)×\(k) transposes \(ta) \(tb) α \(alpha) β \(beta)", file: file, line: line)
                }
            }
        }
    }

    /// Shapes for each path: loops (≤ 64 multiply-adds), BLAS, and the two-thread split of
    /// skinny products (along rows and along columns).
    private let shapes = [(4, 1, 2), (1, 4, 4), (3, 5, 4), (40, 30, 20), (600, 10, 400), (10, 700, 300)]

    func testProductsAgreeWithTheDefinitionOnEveryPathInDouble() {
        let saved = BLAS.threads
        defer { BLAS.threads = saved }
        BLAS.threads = 2
        checkProducts(Double.self, shapes: shapes, tolerance: 1e-13)
        XCTAssertEqual(BLAS.threads, 2, "the split path restores OpenBLAS's thread count")
        BLAS.threads = 1
        checkProducts(Double.self, shapes: shapes, tolerance: 1e-13)
    }

    func testProductsAgreeWithTheDefinitionOnEveryPathInFloat() {
        let saved = BLAS.threads
        defer { BLAS.threads = saved }
        BLAS.threads = 2
        checkProducts(Float.self, shapes: shapes, tolerance: 1e-5)
    }

    func testLinearReadsRowsInPlaceAndSkipsOnlyTheInputGradient() {
        var generator = SeededGenerator(seed: 8)
        let data: Matrix<Double> = random(50, 7, &generator)
        let outputGradient: Matrix<Double> = random(12, 3, &generator)
        let inPlace = Linear<Double>(7, 3, biasInitializer: .uniform(lower: -1, upper: 1), using: &generator)
        let copied = Linear<Double>(weight: inPlace.weight.value, bias: inPlace.bias.value)

        let rows = 20..<32
        XCTAssertEqual(inPlace.forward(data, rows: rows), copied.forward(data.rows(rows)))
        inPlace.accumulateParameterGradients(outputGradient)
        let inputGradient = copied.backward(outputGradient)
        XCTAssertEqual(inPlace.weight.gradient, copied.weight.gradient)
        XCTAssertEqual(inPlace.bias.gradient, copied.bias.gradient)
        XCTAssertEqual(inputGradient.shape, Shape(12, 7))
    }

    func testSequentialParameterGradientsEqualThoseOfTheFullBackwardPass() {
        var generator = SeededGenerator(seed: 9)
        func network(_ generator: inout SeededGenerator) -> Sequential<Double> {
            // A parameterless module first: the shortened backward pass must not need it.
            Sequential([Tanh(), Linear(4, 6, using: &generator), ReLU(), Linear(6, 2, using: &generator), Sigmoid()])
        }
        var twin = generator
        let full = network(&generator), short = network(&twin)
        let input: Matrix<Double> = random(9, 4, &generator)
        let outputGradient: Matrix<Double> = random(9, 2, &generator)
        _ = full.forward(input)
        _ = full.backward(outputGradient)
        _ = short.forward(input)
        short.accumulateParameterGradients(outputGradient)
        for (a, b) in zip(full.parameters, short.parameters) { XCTAssertEqual(a.gradient, b.gradient) }
        XCTAssertTrue(full.hasParameters)
        XCTAssertFalse(Sequential<Double>([ReLU(), Sigmoid()]).hasParameters)
    }

    /// In-order mini-batches (read in place) train exactly as hand-made batch copies do.
    func testInOrderMiniBatchesEqualTrainingOnCopiedBatches() {
        var generator = SeededGenerator(seed: 10)
        let data = Dataset<Double>.circles(count: 70, radius: 0.5, noise: 0.1, using: &generator)
        var twin = generator
        func network(_ generator: inout SeededGenerator) -> Sequential<Double> {
            Sequential([Linear(2, 5, using: &generator), Tanh(), Linear(5, 1, using: &generator), Sigmoid()])
        }
        let trained = network(&generator), manual = network(&twin)
        let trainer = Trainer(model: trained, loss: BinaryCrossEntropy(),
                              optimizer: SGD(parameters: trained.parameters, learningRate: 0.3, momentum: 0.5))
        let history = trainer.fit(data, configuration: TrainingConfiguration(epochs: 3, batchSize: 16, shuffle: false),
                                  using: &generator)

        let optimizer = SGD(parameters: manual.parameters, learningRate: 0.3, momentum: 0.5)
        var losses: [Double] = []
        for _ in 0..<3 {
            for lower in stride(from: 0, to: data.count, by: 16) {
                let rows = lower..<min(lower + 16, data.count)
                let inputs = data.inputs.rows(rows), targets = data.targets.rows(rows)
                manual.zeroGradients()
                let prediction = manual.forward(inputs)
                losses.append(BinaryCrossEntropy().loss(of: prediction, target: targets))
                _ = manual.backward(BinaryCrossEntropy().gradient(of: prediction, target: targets))
                optimizer.step()
            }
        }
        XCTAssertEqual(history.stepLosses, losses)
        for (a, b) in zip(trained.parameters, manual.parameters) { XCTAssertEqual(a.value, b.value) }
    }

    /// Adam's vector loop and its scalar tail against PyTorch's formula written out in
    /// Double: m/(√v/√(1 − β₂ᵗ) + ε) with two divisions, as `torch.optim.Adam` computes it.
    func testAdamVectorAndTailElementsFollowTorchsFormula() {
        var generator = SeededGenerator(seed: 12)
        let count = 37                                    // four vectors of 8 and a tail of 5
        let start = (0..<count).map { _ in generator.normal() }
        let gradients = (0..<6).map { _ in (0..<count).map { _ in generator.normal() } }
        let parameter = Parameter<Double>(name: "w", value: Matrix(rows: 1, columns: count, elements: start))
        let single = Parameter<Float>(name: "w", value: Matrix(rows: 1, columns: count, elements: start.map(Float.init)))
        let adam = Adam(parameters: [parameter], learningRate: 0.01)
        let adamFloat = Adam(parameters: [single], learningRate: 0.01)

        var theta = start, m = [Double](repeating: 0, count: count), v = m
        for (step, gradient) in gradients.enumerated() {
            parameter.gradient = Matrix(rows: 1, columns: count, elements: gradient)
            single.gradient = Matrix(rows: 1, columns: count, elements: gradient.map(Float.init))
            adam.step()
            adamFloat.step()
            let t = Double(step + 1)
            for i in 0..<count {
                m[i] = 0.9 * m[i] + 0.1 * gradient[i]
                v[i] = 0.999 * v[i] + 0.001 * gradient[i] * gradient[i]
                let denominator = v[i].squareRoot() / (1 - Double.pow(0.999, t)).squareRoot() + 1e-8
                theta[i] -= 0.01 / (1 - Double.pow(0.9, t)) * m[i] / denominator
            }
        }
        for i in 0..<count {
            XCTAssertEqual(parameter.value.elements[i], theta[i], accuracy: 1e-14, "element \(i)")
            XCTAssertEqual(Double(single.value.elements[i]), theta[i], accuracy: 1e-6, "element \(i) in Float")
        }
    }

    /// A parameter large enough to be updated on two threads ends bit-identical to one
    /// updated on one: each element gets the same operations.
    func testAdamOnTwoThreadsEqualsAdamOnOne() {
        var generator = SeededGenerator(seed: 13)
        let count = Adam<Float>.parallelCount + 13
        let start = Matrix<Float>(rows: 1, columns: count, elements: (0..<count).map { _ in Float(generator.normal()) })
        let gradient = Matrix<Float>(rows: 1, columns: count, elements: (0..<count).map { _ in Float(generator.normal()) })
        let saved = BLAS.threads
        defer { BLAS.threads = saved }
        var results: [Matrix<Float>] = []
        for threads in [1, 2] {
            BLAS.threads = threads
            let parameter = Parameter(name: "w", value: start)
            let adam = Adam(parameters: [parameter], learningRate: 0.001)
            for _ in 0..<3 {
                parameter.gradient = gradient
                adam.step()
            }
            results.append(parameter.value)
        }
        XCTAssertEqual(results[0], results[1])
        XCTAssertNotEqual(results[0], start)
    }
}
