import Backprop
import ExperimentKit

/// What a time is per: one epoch, one training step, or one matrix product.
enum Unit: String {
    case epoch, step, product
}

/// One thing timed on every implementation. `prepare` builds the network and data
/// (untimed) and returns the timed body, which returns how many units it ran.
struct BenchmarkCase {
    var key: String
    var label: String
    var unit: Unit
    /// Multiply-adds ×2 of the gemms one unit needs (forward + backward), when meaningful.
    var flopsPerUnit: Double? = nil
    /// Timed for this library only: a measurement that explains another row, not a comparison.
    var oursOnly = false
    var prepare: () -> () -> Int
}

/// Sizes for a full run and for `--quick`.
struct Sizes {
    var samples: Int
    var andSteps: Int
    var sineSteps: Int
    var matmulSizes: [Int]

    static let full = Sizes(samples: 50_000, andSteps: 100_000, sineSteps: 20_000, matmulSizes: [256, 512, 1024])
    static let quick = Sizes(samples: 1_200, andSteps: 200, sineSteps: 100, matmulSizes: [256, 512, 1024])
}

enum Scenarios {
    /// Uniform pixels and one-hot labels in MNIST's shapes (`samples × 784`, `samples × 10`).
    /// Timing does not depend on the digits, so nothing is downloaded.
    static func mnistShaped<Scalar: BLASScalar>(_: Scalar.Type, samples: Int, seed: UInt64) -> Dataset<Scalar> {
        var generator = SeededGenerator(seed: seed)
        let pixels = [Scalar](unsafeUninitializedCapacity: samples * 784) { buffer, count in
            for i in 0..<buffer.count { buffer[i] = Scalar(generator.uniform()) }
            count = buffer.count
        }
        var labels = [Scalar](repeating: 0, count: samples * 10)
        for sample in 0..<samples { labels[sample * 10 + generator.integer(below: 10)] = 1 }
        return Dataset(name: "MNIST-shaped", inputs: Matrix(rows: samples, columns: 784, elements: pixels),
                       targets: Matrix(rows: samples, columns: 10, elements: labels))
    }

    /// Notebook 004: Linear(784→10) + Sigmoid, mean ½(ŷ−y)², SGD, batch 600, one epoch in
    /// order (the notebook's `train_epoch` does not shuffle).
    static func mnist<Scalar: BLASScalar>(_ type: Scalar.Type, sizes: Sizes, seed: UInt64) -> () -> Int {
        let data = mnistShaped(type, samples: sizes.samples, seed: seed)
        var generator = SeededGenerator(seed: seed)
        let network = Sequential<Scalar>()
        network.append(Linear(784, 10, using: &generator), name: "Linear")
        network.append(Sigmoid(), name: "Sigmoid")
        let trainer = Trainer(model: network, loss: MeanSquaredError(),
                              optimizer: SGD(parameters: network.parameters, learningRate: 1e-4))
        return epochRunner(trainer, data, batchSize: 600, seed: seed)
    }

    /// The MLP 784-256-128-10 with ReLU, softmax + cross-entropy on logits, Adam, batch 128.
    static func mlp(sizes: Sizes, seed: UInt64) -> () -> Int {
        let data = mnistShaped(Float.self, samples: sizes.samples, seed: seed)
        var generator = SeededGenerator(seed: seed)
        let network = Sequential<Float>()
        network.append(Linear(784, 256, weightInitializer: .heUniform(), using: &generator), name: "Dense_1")
        network.append(ReLU(), name: "ReLU_1")
        network.append(Linear(256, 128, weightInitializer: .heUniform(), using: &generator), name: "Dense_2")
        network.append(ReLU(), name: "ReLU_2")
        network.append(Linear(128, 10, using: &generator), name: "Dense_out")
        let trainer = Trainer(model: network, loss: SoftmaxCrossEntropy(),
                              optimizer: Adam(parameters: network.parameters, learningRate: 1e-3))
        return epochRunner(trainer, data, batchSize: 128, seed: seed)
    }

    /// The MLP's eight products per step and nothing else, through the same `Matrix.multiply`
    /// paths and shapes, on one batch that stays in cache: what OpenBLAS sustains on these
    /// shapes, so a ceiling for `mlp_f32`'s GFLOP/s (which also streams the data and runs
    /// ReLU, softmax, the bias sums and Adam).
    static func mlpProducts(sizes: Sizes, seed: UInt64) -> () -> Int {
        var generator = SeededGenerator(seed: seed)
        func random(_ rows: Int, _ columns: Int) -> Matrix<Float> {
            Matrix(rows: rows, columns: columns, elements: (0..<rows * columns).map { _ in Float(generator.uniform(-0.01, 0.01)) })
        }
        let batch = 128, steps = mlpProductSteps(sizes)
        let x = random(batch, 784), w1 = random(256, 784), w2 = random(128, 256), w3 = random(10, 128), d3 = random(batch, 10)
        var h1 = random(batch, 256), h2 = random(batch, 128), out = random(batch, 10)
        var dW1 = random(256, 784), dW2 = random(128, 256), dW3 = random(10, 128), d1 = random(batch, 256), d2 = random(batch, 128)
        return {
            for _ in 0..<steps {
                Matrix.multiply(x, w1, transposingB: true, into: &h1, beta: 1)       // forward, bias pre-filled
                Matrix.multiply(h1, w2, transposingB: true, into: &h2, beta: 1)
                Matrix.multiply(h2, w3, transposingB: true, into: &out, beta: 1)
                Matrix.multiply(d3, h2, transposingA: true, into: &dW3, beta: 1)     // ∂W += dyᵀ·x
                Matrix.multiply(d3, w3, into: &d2)                                   // ∂x = dy·W
                Matrix.multiply(d2, h1, transposingA: true, into: &dW2, beta: 1)
                Matrix.multiply(d2, w2, into: &d1)
                Matrix.multiply(d1, x, transposingA: true, into: &dW1, beta: 1)
            }
            return 1
        }
    }

    /// Full batches of 128 in one epoch (the trained epoch's last, partial batch left out).
    static func mlpProductSteps(_ sizes: Sizes) -> Int { max(1, sizes.samples / 128) }

    /// FLOPs of one MLP epoch's gemms: forward x·Wᵀ, weight gradient dyᵀ·x, and the input
    /// gradient dy·W for every layer but the first (whose input gradient nobody needs, and
    /// which PyTorch does not compute).
    static func mlpFlopsPerEpoch(samples: Int) -> Double {
        let layers = [(784, 256), (256, 128), (128, 10)]
        let perSample = layers.enumerated().reduce(0.0) { total, entry in
            let (index, (inputs, outputs)) = entry
            let products = index == 0 ? 2.0 : 3.0
            return total + products * 2 * Double(inputs * outputs)
        }
        return perSample * Double(samples)
    }

    private static func epochRunner<Scalar>(_ trainer: Trainer<Scalar>, _ data: Dataset<Scalar>, batchSize: Int, seed: UInt64) -> () -> Int {
        var generator = SeededGenerator(seed: seed)
        let configuration = TrainingConfiguration(epochs: 1, batchSize: batchSize, shuffle: false, divergenceFactor: .infinity)
        return {
            let history = trainer.fit(data, configuration: configuration, using: &generator)
            Misuse.check(history.status == .completed, "benchmark: training did not complete: \(history.status)")
            return 1
        }
    }

    /// Notebook 003: Dense(2→1) + Sigmoid learning AND with log loss and gradient descent (η = 0.1).
    static func andGate(steps: Int, seed: UInt64) -> () -> Int {
        var generator = SeededGenerator(seed: seed)
        let network = Sequential<Double>()
        network.append(Linear(2, 1, using: &generator), name: "Dense")
        network.append(Sigmoid(), name: "Sigmoid")
        return stepsRunner(network, Dataset.and(), BinaryCrossEntropy(),
                           SGD(parameters: network.parameters, learningRate: 0.1), steps: steps)
    }

    /// The AND gate while a training film records 16 snapshots (what and-gate's film does): the
    /// loop between snapshots should cost what `andGate` costs.
    static func andGateFilmed(steps: Int, seed: UInt64) -> () -> Int {
        var generator = SeededGenerator(seed: seed)
        let network = Sequential<Double>()
        network.append(Linear(2, 1, using: &generator), name: "Dense")
        network.append(Sigmoid(), name: "Sigmoid")
        let parameters = network.parameters
        return stepsRunner(network, Dataset.and(), BinaryCrossEntropy(),
                           SGD(parameters: parameters, learningRate: 0.1), steps: steps) { run in
            let film = FilmRecorder<Double>(frames: 16, totalSteps: steps)
            film.recordStart(parameters)
            return run { film.record(after: $0.step, parameters) }
        }
    }

    /// Notebook 001: the 1-4-4-1 sigmoid network fitting sin²(4πx) on 100 points with Adam.
    static func sine(steps: Int, seed: UInt64) -> () -> Int {
        var generator = SeededGenerator(seed: seed)
        let network = Sequential<Double>()
        network.append(Linear(1, 4, using: &generator), name: "Dense_1")
        network.append(Sigmoid(), name: "Sigmoid_1")
        network.append(Linear(4, 4, using: &generator), name: "Dense_2")
        network.append(Sigmoid(), name: "Sigmoid_2")
        network.append(Linear(4, 1, using: &generator), name: "Dense_out")
        network.append(Sigmoid(), name: "Sigmoid_out")
        return stepsRunner(network, Dataset.sineSquared(count: 100), MeanSquaredError(),
                           Adam(parameters: network.parameters, learningRate: 0.01), steps: steps)
    }

    /// Full-batch steps through `Trainer.fit` (one step per epoch), as the notebooks' `fit` loops.
    /// `watch`, when given, wraps each repetition's `fit` with a progress closure of its own.
    private static func stepsRunner(_ network: Sequential<Double>, _ data: Dataset<Double>, _ loss: any Loss,
                                    _ optimizer: any Optimizer<Double>, steps: Int,
                                    watch: ((_ run: (@escaping (TrainingProgress) -> Void) -> TrainingHistory) -> TrainingHistory)? = nil) -> () -> Int {
        let trainer = Trainer(model: network, loss: loss, optimizer: optimizer)
        let configuration = TrainingConfiguration(epochs: steps, divergenceFactor: .infinity)
        return {
            let history = watch.map { $0 { progress in trainer.fit(data, configuration: configuration, progress: progress) } }
                ?? trainer.fit(data, configuration: configuration)
            Misuse.check(history.status == .completed, "benchmark: training did not complete: \(history.status)")
            return steps
        }
    }

    /// C ← A·B for random square matrices, repeated so one repetition is ~2³⁰ multiply-adds
    /// (the Python baselines use the same count).
    static func matmul<Scalar: BLASScalar>(_: Scalar.Type, size: Int, seed: UInt64) -> () -> Int {
        var generator = SeededGenerator(seed: seed)
        let a = Matrix<Scalar>(rows: size, columns: size, elements: (0..<size * size).map { _ in Scalar(generator.uniform()) })
        let b = Matrix<Scalar>(rows: size, columns: size, elements: (0..<size * size).map { _ in Scalar(generator.uniform()) })
        var c = Matrix<Scalar>(rows: size, columns: size)
        let count = productsPerRepetition(size)
        return {
            for _ in 0..<count { Matrix.multiply(a, b, into: &c) }
            return count
        }
    }

    static func productsPerRepetition(_ size: Int) -> Int { max(1, (1 << 30) / (size * size * size)) }

    /// Every case, in table order, for the chosen scenario groups.
    static func cases(groups: Set<String>, sizes: Sizes, seed: UInt64) -> [BenchmarkCase] {
        var cases: [BenchmarkCase] = []
        if groups.contains("mnist") {
            cases.append(BenchmarkCase(key: "mnist_f32", label: "MNIST Linear+Sigmoid, SGD (Float)", unit: .epoch) { mnist(Float.self, sizes: sizes, seed: seed) })
            cases.append(BenchmarkCase(key: "mnist_f64", label: "MNIST Linear+Sigmoid, SGD (Double)", unit: .epoch) { mnist(Double.self, sizes: sizes, seed: seed) })
        }
        if groups.contains("mlp") {
            cases.append(BenchmarkCase(key: "mlp_f32", label: "MLP 784-256-128-10, Adam (Float)", unit: .epoch,
                                       flopsPerUnit: mlpFlopsPerEpoch(samples: sizes.samples)) { mlp(sizes: sizes, seed: seed) })
            cases.append(BenchmarkCase(key: "mlp_products_f32", label: "the MLP's products alone, one batch in cache (Float)", unit: .epoch,
                                       flopsPerUnit: mlpFlopsPerEpoch(samples: mlpProductSteps(sizes) * 128), oursOnly: true) {
                mlpProducts(sizes: sizes, seed: seed)
            })
        }
        if groups.contains("tiny") {
            cases.append(BenchmarkCase(key: "and_f64", label: "AND gate 2-1, GD (Double)", unit: .step) { andGate(steps: sizes.andSteps, seed: seed) })
            cases.append(BenchmarkCase(key: "and_film_f64", label: "AND gate recording a 16-frame film (Double)", unit: .step, oursOnly: true) {
                andGateFilmed(steps: sizes.andSteps, seed: seed)
            })
            cases.append(BenchmarkCase(key: "sine_f64", label: "sine 1-4-4-1, Adam (Double)", unit: .step) { sine(steps: sizes.sineSteps, seed: seed) })
        }
        if groups.contains("matmul") {
            for (type, suffix) in [(0, "f32"), (1, "f64")] {
                for size in sizes.matmulSizes {
                    let flops = 2 * Double(size * size * size)
                    cases.append(BenchmarkCase(key: "matmul\(size)_\(suffix)", label: "matmul \(size)² (\(type == 0 ? "Float" : "Double"))",
                                               unit: .product, flopsPerUnit: flops) {
                        type == 0 ? matmul(Float.self, size: size, seed: seed) : matmul(Double.self, size: size, seed: seed)
                    })
                }
            }
        }
        return cases
    }

    static let groups = ["mnist", "mlp", "tiny", "matmul"]
}
