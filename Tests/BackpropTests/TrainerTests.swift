import XCTest
@testable import Backprop

final class TrainerTests: XCTestCase {
    private func andGateModel(_ generator: inout SeededGenerator) -> Sequential<Double> {
        Sequential<Double>([Linear(2, 1, weightInitializer: .normal(standardDeviation: 0.01), using: &generator), Sigmoid()])
    }

    /// Notebook 003 at full length: 100,000 gradient-descent steps with η = 0.1.
    func testAndGateLearnsTruthTableWithLossBelowOnePercent() {
        var generator = SeededGenerator(seed: 0)
        let model = andGateModel(&generator)
        let data = Dataset<Double>.and()
        let trainer = Trainer(model: model, loss: BinaryCrossEntropy(), optimizer: SGD(parameters: model.parameters, learningRate: 0.1))
        let history = trainer.fit(data, configuration: TrainingConfiguration(epochs: 100_000), using: &generator)
        XCTAssertEqual(history.status, .completed)
        XCTAssertEqual(history.stepLosses.count, 100_000)
        XCTAssertLessThan(try XCTUnwrap(history.finalLoss), 0.01)
        XCTAssertEqual(model.forward(data.inputs).elements.map { $0.rounded() }, [1, 0, 0, 0])
        // Gradient descent on a convex loss with a small step never goes up.
        XCTAssertTrue(zip(history.stepLosses, history.stepLosses.dropFirst()).allSatisfy { $0 >= $1 })
    }

    func testHugeLearningRateIsReportedAsDivergedNotCrashed() {
        var generator = SeededGenerator(seed: 1)
        let data = Dataset<Double>.sineSquared(count: 20)
        let model = Sequential<Double>([Linear(1, 8, using: &generator), Tanh(), Linear(8, 1, using: &generator)])
        let trainer = Trainer(model: model, loss: MeanSquaredError(), optimizer: SGD(parameters: model.parameters, learningRate: 1000))
        let history = trainer.fit(data, configuration: TrainingConfiguration(epochs: 100), using: &generator)
        guard case .diverged(let step, let loss) = history.status else { return XCTFail("expected divergence, got \(history.status)") }
        XCTAssertLessThan(step, 100)
        XCTAssertTrue(!loss.isFinite || loss > 4 * history.stepLosses[0])
        XCTAssertEqual(history.stepLosses.count, step + 1, "training stops at the diverged step")
        XCTAssertTrue(model.parameters.allSatisfy { $0.value.isFinite }, "the diverged step is not applied")
        XCTAssertEqual(history.finalLoss, history.stepLosses.last(where: \.isFinite))
    }

    func testMiniBatchesCoverEveryStepAndSameSeedGivesSameHistory() {
        func run(seed: UInt64) -> TrainingHistory {
            var generator = SeededGenerator(seed: seed)
            let data = Dataset<Double>.circles(count: 50, radius: 0.7, noise: 0.1, using: &generator)
            let model = Sequential<Double>([Linear(2, 6, using: &generator), ReLU(), Linear(6, 1, using: &generator), Sigmoid()])
            let trainer = Trainer(model: model, loss: BinaryCrossEntropy(), optimizer: Adam(parameters: model.parameters, learningRate: 0.01))
            return trainer.fit(data, configuration: TrainingConfiguration(epochs: 5, batchSize: 16), using: &generator,
                               onEpoch: { epoch, _ in ["epoch squared": Double(epoch * epoch)] })
        }
        let first = run(seed: 3)
        XCTAssertEqual(first.stepLosses.count, 5 * 4, "50 samples in batches of 16 is 4 steps per epoch")
        XCTAssertEqual(first.epochLosses.count, 5)
        XCTAssertEqual(first.metrics["epoch squared"], [0, 1, 4, 9, 16])
        XCTAssertEqual(first, run(seed: 3))
        XCTAssertNotEqual(first.stepLosses, run(seed: 4).stepLosses)
    }
}
