import AllocationCounter
import Backprop
import CBLAS
import XCTest

/// Steady-state training must not touch the heap: every buffer is sized on the first
/// step and reused (llm.c's rule). The counter interposes malloc for the whole test
/// process, so the counts are exact, not estimates from bytes in use.
///
/// The claim is about optimised code, so the step tests run in release
/// (`make test-allocations`): at -Onone the standard library's unspecialised generics
/// (e.g. `Array.withUnsafeMutableBufferPointer` called with a generic Scalar) allocate
/// about once per call, which no library code can avoid; a debug run skips them.
///
/// OpenBLAS is pinned to one thread here: with two, its thread dispatch mallocs once per
/// gemm call (measured: 1 allocation per product at 2 threads, 0 at 1), inside OpenBLAS.
final class AllocationTests: XCTestCase {
    private var blasThreads: Int32 = 1

    override func setUpWithError() throws {
        #if DEBUG
        if name.contains("Counter") == false {
            throw XCTSkip("allocation-freedom is a property of optimised builds; run `make test-allocations`")
        }
        #endif
        blasThreads = openblas_get_num_threads()
        openblas_set_num_threads(1)
    }

    override func tearDown() {
        openblas_set_num_threads(blasThreads)
    }

    private func allocations(during body: () -> Void) -> Int {
        let before = allocation_counter_total()
        body()
        return allocation_counter_total() - before
    }

    func testCounterSeesSwiftArrayAllocations() {
        var kept: [[Double]] = []
        kept.reserveCapacity(10)
        let count = allocations { for i in 0..<10 { kept.append([Double](repeating: Double(i), count: 100)) } }
        XCTAssertGreaterThanOrEqual(count, 10, "the counter does not see Swift's allocations; the test below would prove nothing")
    }

    /// One step as the README writes it: zero, forward, loss, gradient, backward, update.
    private func stepper<Scalar: BLASScalar>(
        _ network: Sequential<Scalar>, _ loss: any Loss, _ optimizer: any Optimizer<Scalar>, _ data: Dataset<Scalar>
    ) -> () -> Void {
        var gradient = Matrix<Scalar>(rows: 0, columns: 0)
        return {
            network.zeroGradients()
            let prediction = network.forward(data.inputs)
            _ = loss.loss(of: prediction, target: data.targets)
            loss.gradient(of: prediction, target: data.targets, into: &gradient)
            _ = network.backward(gradient)
            optimizer.step()
        }
    }

    private func assertStepsAllocateNothing(_ step: () -> Void, _ name: String) {
        for _ in 0..<3 { step() }   // warm-up: buffers are sized here
        let count = allocations { for _ in 0..<50 { step() } }
        XCTAssertEqual(count, 0, "\(name): \(count) heap allocations in 50 steady-state steps")
    }

    func testMLPStepWithAdamAllocatesNothingAfterWarmUp() {
        var generator = SeededGenerator(seed: 1)
        let network = Sequential<Float>()
        network.append(Linear(784, 64, weightInitializer: .heUniform(), using: &generator))
        network.append(ReLU())
        network.append(Linear(64, 10, using: &generator))
        let inputs = Matrix<Float>(rows: 32, columns: 784, elements: (0..<32 * 784).map { _ in Float(generator.uniform()) })
        let targets = Matrix<Float>(rows: 32, columns: 10, elements: (0..<320).map { $0 % 10 == ($0 / 10) % 10 ? 1 : 0 })
        let step = stepper(network, SoftmaxCrossEntropy(), Adam(parameters: network.parameters),
                           Dataset(name: "mlp", inputs: inputs, targets: targets))
        assertStepsAllocateNothing(step, "784-64-10 ReLU, softmax CE, Adam (Float)")
    }

    func testSigmoidNetworkStepWithSGDAllocatesNothingAfterWarmUp() {
        var generator = SeededGenerator(seed: 2)
        let network = Sequential<Double>()
        network.append(Linear(1, 4, using: &generator))
        network.append(Sigmoid())
        network.append(Linear(4, 4, using: &generator))
        network.append(Tanh())
        network.append(Linear(4, 1, using: &generator))
        network.append(Sigmoid())
        let step = stepper(network, MeanSquaredError(), SGD(parameters: network.parameters, learningRate: 0.1, momentum: 0.9),
                           Dataset<Double>.sineSquared(count: 100))
        assertStepsAllocateNothing(step, "1-4-4-1 sigmoid/tanh, MSE, SGD with momentum (Double)")
    }

    /// A schedule only sets the wrapped optimiser's η before each update: nothing allocated.
    func testScheduledAdamStepAllocatesNothingAfterWarmUp() {
        var generator = SeededGenerator(seed: 6)
        let network = Sequential<Double>()
        for (fanIn, fanOut) in [(1, 4), (4, 4), (4, 1)] {
            network.append(Linear(fanIn, fanOut, using: &generator))
            network.append(Sigmoid())
        }
        let optimizer = ScheduledOptimizer(Adam(parameters: network.parameters, learningRate: 0.1),
                                           schedule: .warmUpCosine(warmUp: 10, steps: 100))
        let step = stepper(network, MeanSquaredError(.half), optimizer, Dataset<Double>.sineSquared(count: 100))
        assertStepsAllocateNothing(step, "1-4-4-1 sigmoid, ½·MSE, Adam under a warm-up cosine schedule (Double)")
    }

    /// The whole `fit` loop, mini-batches with a ragged last batch and shuffling included:
    /// twice the epochs must not mean more allocations.
    func testFitAllocationsDoNotGrowWithTheNumberOfSteps() {
        func fitAllocations(epochs: Int) -> Int {
            var generator = SeededGenerator(seed: 3)
            let network = Sequential<Double>()
            network.append(Linear(2, 8, using: &generator))
            network.append(ReLU())
            network.append(Linear(8, 1, using: &generator))
            network.append(Sigmoid())
            let trainer = Trainer(model: network, loss: BinaryCrossEntropy(),
                                  optimizer: Adam(parameters: network.parameters, learningRate: 0.01))
            let data = Dataset<Double>.circles(count: 100, radius: 0.7, noise: 0.05, using: &generator)
            return allocations {
                _ = trainer.fit(data, configuration: TrainingConfiguration(epochs: epochs, batchSize: 32), using: &generator)
            }
        }
        _ = fitAllocations(epochs: 2)   // first use of every type's metadata
        let short = fitAllocations(epochs: 20), long = fitAllocations(epochs: 200)
        XCTAssertEqual(long, short, "fit: \(short) allocations for 20 epochs (80 steps), \(long) for 200 epochs (800 steps)")
    }

    /// Mini-batches too large for the cache go through the network in slices (the
    /// Trainer's cache blocking), in order and shuffled: still nothing per step.
    func testSlicedMiniBatchesAllocateNothingPerStep() {
        var generator = SeededGenerator(seed: 4)
        let rows = 3600, columns = 784
        let data = Dataset(name: "MNIST-shaped",
                           inputs: Matrix<Double>(rows: rows, columns: columns, elements: (0..<rows * columns).map { _ in generator.uniform() }),
                           targets: Matrix<Double>(rows: rows, columns: 10, elements: (0..<rows * 10).map { $0 % 10 == ($0 / 10) % 10 ? 1 : 0 }))
        for shuffle in [false, true] {
            func fitAllocations(epochs: Int) -> Int {
                var generator = SeededGenerator(seed: 5)
                let network = Sequential<Double>()
                network.append(Linear(columns, 10, using: &generator))
                network.append(Sigmoid())
                let trainer = Trainer(model: network, loss: MeanSquaredError(),
                                      optimizer: SGD(parameters: network.parameters, learningRate: 0.01))
                return allocations {
                    _ = trainer.fit(data, configuration: TrainingConfiguration(epochs: epochs, batchSize: 1200, shuffle: shuffle),
                                    using: &generator)
                }
            }
            _ = fitAllocations(epochs: 1)
            let short = fitAllocations(epochs: 2), long = fitAllocations(epochs: 6)
            XCTAssertEqual(long, short, "shuffle \(shuffle): \(short) allocations for 6 steps, \(long) for 18")
        }
    }
}
