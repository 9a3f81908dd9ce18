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

    /// Shapes for each path: loops (≤ 64 multiply-adds), BLAS, and skinny products cut into
    /// pieces: along rows, along columns (two threads without scratch) and along k (one
    /// thread), with pieces that do not divide the cut evenly.
    private let shapes = [(4, 1, 2), (1, 4, 4), (3, 5, 4), (40, 30, 20), (600, 10, 400), (10, 700, 300), (13, 97, 1301)]

    func testSkinnyProductsArePlannedAsMeasured() {
        XCTAssertNil(Product.plan(m: 600, n: 10, k: 50, threads: 2), "small enough for one call")
        XCTAssertNil(Product.plan(m: 600, n: 10, k: 100, threads: 1), "one piece on one thread")
        XCTAssert(Product.plan(m: 600, n: 10, k: 100, threads: 2)! == (.rows, 2), "one piece per thread")
        XCTAssertNil(Product.plan(m: 128, n: 256, k: 784, threads: 2), "not skinny")
        XCTAssert(Product.plan(m: 600, n: 10, k: 784, threads: 2)! == (.rows, 2))
        XCTAssert(Product.plan(m: 600, n: 10, k: 784, threads: 1)! == (.rows, 1))
        XCTAssert(Product.plan(m: 10, n: 784, k: 600, threads: 2)! == (.shared, 2))
        XCTAssert(Product.plan(m: 10, n: 784, k: 600, threads: 1)! == (.shared, 1))
        XCTAssert(Product.plan(m: 10, n: 100_000, k: 8, threads: 1)! == (.columns, 1), "k too short to cut")
    }

    /// A weight-gradient shape cut along k on two threads: the second half's partial product
    /// goes to scratch memory (filled with NaN first, so a read before write would show) and
    /// is added onto C; a larger product afterwards grows the scratch and is still right.
    func testProductsCutAlongTheSharedDimensionOnTwoThreadsAgreeWithTheDefinition() {
        let saved = BLAS.threads
        defer { BLAS.threads = saved }
        BLAS.threads = 2
        var generator = SeededGenerator(seed: 6)
        for (m, n, k) in [(10, 784, 600), (7, 101, 2003), (30, 1000, 700)] {
            XCTAssert(Product.plan(m: m, n: n, k: k, threads: 2)! == (.shared, 2), "\(m)×\(n)×\(k)")
            for (ta, tb) in [(true, false), (false, false), (true, true), (false, true)] {
                for (alpha, beta) in [(1.0, 1.0), (1.0, 0.0), (-0.5, 0.25)] {
                    let a: Matrix<Double> = ta ? random(k, m, &generator) : random(m, k, &generator)
                    let b: Matrix<Double> = tb ? random(n, k, &generator) : random(k, n, &generator)
                    var c: Matrix<Double> = random(m, n, &generator)
                    if beta == 0 { c.update(elements: c.elements.map { _ in .nan }) }
                    let expected = reference(a, b, ta, tb, alpha: alpha, beta: beta, c: c)
                    Scratch.shared.withBuffer(of: Double.self, count: m * n) { $0.update(repeating: .nan, count: m * n) }
                    a.elements.withUnsafeBufferPointer { pa in
                        b.elements.withUnsafeBufferPointer { pb in
                            c.elements.withUnsafeMutableBufferPointer { pc in
                                Product.run(transposeA: ta, transposeB: tb, m: m, n: n, k: k,
                                            alpha: alpha, a: pa.baseAddress!, lda: a.columns, b: pb.baseAddress!, ldb: b.columns,
                                            beta: beta, c: pc.baseAddress!, ldc: n)
                            }
                        }
                    }
                    let error = zip(c.elements, expected).map { abs($0 - $1) }.max() ?? 0
                    XCTAssertLessThanOrEqual(error, 1e-12, "\(m)×\(n)×\(k) transposes \(ta) \(tb) α \(alpha) β \(beta)")
                }
            }
        }
        XCTAssertEqual(BLAS.threads, 2, "the split path restores OpenBLAS's thread count")
    }

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

    /// The answers a trainer asks every step are kept up to date as modules are appended.
    func testParameterAndRowAnswersFollowTheModules() {
        var generator = SeededGenerator(seed: 16)
        for activation in [Sigmoid<Double>(), Tanh(), ReLU(), Softmax()] as [any TrainingFastPaths<Double>] {
            XCTAssertFalse(activation.hasParameters, "\(activation)")
            XCTAssertTrue(activation.parameters.isEmpty && activation.rowsAreIndependent, "\(activation)")
        }
        let network = Sequential<Double>([Tanh()])
        XCTAssertFalse(network.hasParameters)
        _ = network.forward(Matrix(rows: 2, columns: 3))
        network.append(Linear(3, 2, using: &generator))
        XCTAssertTrue(network.hasParameters)
        XCTAssertTrue(network.rowsAreIndependent)
        let input = Matrix<Double>(rows: 2, columns: 3, elements: [1, 2, 3, 4, 5, 6])
        XCTAssertEqual(network.forward(input).shape, Shape(2, 2), "the appended module runs")
        network.accumulateParameterGradients(Matrix(rows: 2, columns: 2, elements: [1, 2, 3, 4]))
        XCTAssertNotEqual(network.parameters[0].gradient, Matrix(rows: 2, columns: 3), "the appended Linear got its gradient")
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

    /// Passes its input through and records the rows of every forward pass.
    private final class RowRecorder: TrainingFastPaths {
        typealias Scalar = Double
        let independent: Bool
        var rowsSeen: [Int] = []
        init(independent: Bool) { self.independent = independent }
        func forward(_ input: Matrix<Double>) -> Matrix<Double> {
            rowsSeen.append(input.rows)
            return input
        }
        func backward(_ outputGradient: Matrix<Double>) -> Matrix<Double> { outputGradient }
        var rowsAreIndependent: Bool { independent }
        var hasParameters: Bool { false }
        var description: String { "RowRecorder" }
    }

    /// A batch too large for the cache (8 MB of Double inputs) goes through the model in
    /// slices on one and on two threads, and the step equals the whole-batch step computed
    /// by hand: forward, loss, backward over all rows at once, then SGD.
    func testSlicedBatchesTrainAsTheWholeBatch() {
        let saved = BLAS.threads
        defer { BLAS.threads = saved }
        var generator = SeededGenerator(seed: 14)
        let rows = 4096, columns = 256
        let data = Dataset(name: "wide", inputs: random(rows, columns, &generator) as Matrix<Double>,
                           targets: Matrix(rows: rows, columns: 3, elements: (0..<rows * 3).map { _ in generator.uniform() }))
        for threads in [1, 2] {
            BLAS.threads = threads
            var twin = generator
            let recorder = RowRecorder(independent: true)
            let sliced = Sequential<Double>([recorder, Linear(columns, 3, using: &generator), Sigmoid()])
            let whole = Sequential<Double>([Linear(columns, 3, using: &twin), Sigmoid()])
            let trainer = Trainer(model: sliced, loss: MeanSquaredError(),
                                  optimizer: SGD(parameters: sliced.parameters, learningRate: 0.5))
            let history = trainer.fit(data, configuration: TrainingConfiguration(epochs: 3), using: &generator)

            let optimizer = SGD(parameters: whole.parameters, learningRate: 0.5)
            var losses: [Double] = []
            for _ in 0..<3 {
                whole.zeroGradients()
                let prediction = whole.forward(data.inputs)
                losses.append(MeanSquaredError().loss(of: prediction, target: data.targets))
                _ = whole.backward(MeanSquaredError().gradient(of: prediction, target: data.targets))
                optimizer.step()
            }
            let most = sliceBytesPerThread * threads / (columns * 8)
            XCTAssertGreaterThan(recorder.rowsSeen.count, 3, "\(threads) thread(s): the batch was sliced")
            XCTAssertEqual(recorder.rowsSeen.reduce(0, +), 3 * rows)
            XCTAssertTrue(recorder.rowsSeen.allSatisfy { $0 <= most }, "slices of at most \(most) rows: \(recorder.rowsSeen)")
            for (a, b) in zip(history.stepLosses, losses) { XCTAssertEqual(a, b, accuracy: 1e-14 * b) }
            for (a, b) in zip(sliced.parameters, whole.parameters) {
                let error = zip(a.value.elements, b.value.elements).map { abs($0 - $1) }.max() ?? 0
                XCTAssertLessThan(error, 1e-13, "\(threads) thread(s): \(a.name)")
            }
        }
    }

    /// A model with a module that mixes rows (default `rowsAreIndependent`) sees whole batches.
    func testModelsThatMixRowsAreNeverSliced() {
        var generator = SeededGenerator(seed: 15)
        let recorder = RowRecorder(independent: false)
        let model = Sequential<Double>([recorder, Linear(256, 2, using: &generator)])
        XCTAssertFalse(model.rowsAreIndependent)
        let data = Dataset(name: "wide", inputs: random(4096, 256, &generator) as Matrix<Double>,
                           targets: random(4096, 2, &generator))
        let trainer = Trainer(model: model, loss: MeanSquaredError(), optimizer: SGD(parameters: model.parameters, learningRate: 0.01))
        _ = trainer.fit(data, configuration: TrainingConfiguration(epochs: 2), using: &generator)
        XCTAssertEqual(recorder.rowsSeen, [4096, 4096])
    }

    /// A loss that is not a mean over rows (here a plain sum, as a user might write) is not
    /// split into slices either, even for a model whose rows are independent.
    func testLossesThatDoNotAverageRowsAreNeverSliced() {
        struct SumOfSquares: Loss {
            func loss<Scalar: BLASScalar>(of prediction: Matrix<Scalar>, target: Matrix<Scalar>) -> Scalar {
                zip(prediction.elements, target.elements).reduce(0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) }
            }
            func gradient<Scalar: BLASScalar>(of prediction: Matrix<Scalar>, target: Matrix<Scalar>, into gradient: inout Matrix<Scalar>) {
                gradient = Matrix(rows: prediction.rows, columns: prediction.columns,
                                  elements: zip(prediction.elements, target.elements).map { 2 * ($0 - $1) })
            }
            var description: String { "SumOfSquares" }
        }
        XCTAssertFalse(SumOfSquares() is any RowAveragedLoss)
        XCTAssertTrue(([MeanSquaredError(), BinaryCrossEntropy(), CrossEntropy(), SoftmaxCrossEntropy()] as [any Loss]).allSatisfy { $0 is any RowAveragedLoss })
        var generator = SeededGenerator(seed: 18)
        let recorder = RowRecorder(independent: true)
        let model = Sequential<Double>([recorder, Linear(256, 2, using: &generator)])
        let data = Dataset(name: "wide", inputs: random(4096, 256, &generator) as Matrix<Double>,
                           targets: random(4096, 2, &generator))
        let trainer = Trainer(model: model, loss: SumOfSquares(), optimizer: SGD(parameters: model.parameters, learningRate: 1e-6))
        _ = trainer.fit(data, configuration: TrainingConfiguration(epochs: 2), using: &generator)
        XCTAssertEqual(recorder.rowsSeen, [4096, 4096])
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

    /// Adam's update in AVX-512 or AVX (the C kernels) ends bit-identical to the element loop
    /// over `Adam.update`: each element gets the same operations in the same order. The
    /// count leaves a tail after every vector width.
    func testAdamEndsBitIdenticalAtEveryVectorWidth() {
        func run<S: BLASScalar>(_: S.Type) {
            var generator = SeededGenerator(seed: 13)
            let count = 1000 + 13
            let start = Matrix<S>(rows: 1, columns: count, elements: (0..<count).map { _ in S(generator.normal()) })
            let gradients = (0..<3).map { _ in Matrix<S>(rows: 1, columns: count, elements: (0..<count).map { _ in S(generator.normal()) }) }
            var results: [(VectorUnits, Matrix<S>)] = []
            for units in [VectorUnits.baseline, .avx, .avx512] where units <= VectorUnits.current {
                var theta = start, m = Matrix<S>(rows: 1, columns: count), v = m
                for (index, g) in gradients.enumerated() {
                    let t = S(index + 1)
                    let step = Adam<S>.Step(beta1: 0.9, beta2: 0.999, epsilon: 1e-8, size: S(0.001) / (1 - S.pow(0.9, t)),
                                            rootOfCorrection2: (1 - S.pow(0.999, t)).squareRoot())
                    Adam<S>.update(&theta, &m, &v, gradient: g, step, units: units)
                }
                results.append((units, theta))
            }
            XCTAssertGreaterThan(results.count, 1, "this CPU has no vector kernel to compare")
            XCTAssertNotEqual(results[0].1, start)
            for (units, theta) in results.dropFirst() {
                let first = theta.elements.indices.first { theta.elements[$0] != results[0].1.elements[$0] }
                XCTAssertNil(first, "\(S.self): \(units) differs from the element loop first at element \(first ?? 0)")
            }
        }
        run(Float.self)
        run(Double.self)
    }
}
