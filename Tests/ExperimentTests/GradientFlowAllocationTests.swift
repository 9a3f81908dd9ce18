import AllocationCounter
import Backprop
import CBLAS
@testable import ExperimentKit
import XCTest

/// Recording the gradient flow keeps training free of per-step heap allocations: the tables
/// are allocated once for every step, and a step writes into them. As `AllocationTests`, this
/// holds in optimised builds (`make test-release`); a debug run skips it, and OpenBLAS is
/// pinned to one thread, whose dispatch would otherwise malloc per product.
///
/// The counter sees every thread of the process, and now and then another thread allocates
/// once during a measurement (seen in about one run in three). A per-step allocation shows in
/// every measurement, 50 or 100 times, so the tests take the least of three measurements.
final class GradientFlowAllocationTests: XCTestCase {
    private var blasThreads: Int32 = 1

    override func setUpWithError() throws {
        #if DEBUG
        throw XCTSkip("allocation-freedom is a property of optimised builds; run `make test-allocations`")
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

    func testRecordedStepsAllocateNothingAfterWarmUp() {
        let setup = GradientFlowSetup(seed: 0)
        for activation in HiddenActivation.allCases {
            let network = setup.makeNetwork(activation)
            let weights = network.layers.compactMap { ($0.module as? Linear<Double>)?.weight }
            let recorder = GradientFlowRecorder(SGD(parameters: network.parameters, learningRate: 0.05),
                                                watching: weights, capacity: 160)
            let loss = BinaryCrossEntropy()
            var gradient = Matrix<Double>()
            let step = {
                network.zeroGradients()
                let prediction = network.forward(setup.data.inputs)
                _ = loss.loss(of: prediction, target: setup.data.targets)
                loss.gradient(of: prediction, target: setup.data.targets, into: &gradient)
                // The trainer's backward (as the experiment trains): no ∂L/∂x for the first layer.
                // That product, [256 × 16]·[16 × 2], is one OpenBLAS 0.3.21 runs through its
                // AVX-512 small-matrix kernel, which mallocs a buffer for 1–4 leftover columns
                // on every call (docs/PERFORMANCE.md); the recorder is what this test is about.
                network.accumulateParameterGradients(gradient)
                recorder.step()
            }
            for _ in 0..<3 { step() }   // warm-up: the modules size their buffers here
            let count = (0..<3).map { _ in allocations { for _ in 0..<50 { step() } } }.min()!
            XCTAssertEqual(count, 0, "\(activation): \(count) heap allocations in 50 recorded steps")
            XCTAssertEqual(recorder.stepsTaken, 153)
            XCTAssertFalse(recorder.gradientNorms[152 * weights.count].isNaN, "the steps were recorded")
        }
    }

    /// A whole run allocates as often for 200 steps as for 100: nothing per step. A run of
    /// about 2,850 allocations has been seen to differ by one between measurements (another
    /// thread of the process, in every one of three now and then), so the 100 extra steps may
    /// add at most a couple; one allocation per step would add 100.
    func testTrainingAllocationsDoNotGrowWithTheNumberOfSteps() {
        let setup = GradientFlowSetup(seed: 0)
        _ = setup.train(.relu, learningRate: 0.05, steps: 10)   // first-use allocations (BLAS, caches)
        let short = (0..<3).map { _ in allocations { _ = setup.train(.relu, learningRate: 0.05, steps: 100) } }.min()!
        let long = (0..<3).map { _ in allocations { _ = setup.train(.relu, learningRate: 0.05, steps: 200) } }.min()!
        XCTAssertLessThanOrEqual(abs(long - short), 2, "100 steps: \(short) allocations, 200 steps: \(long)")
    }
}
