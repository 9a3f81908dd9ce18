import Backprop
import ExperimentKit
import XCTest

final class FilmRecorderTests: XCTestCase {
    func testStepsAreAsManyAsAskedDistinctAscendingAndSpanTheRun() {
        for (frames, total) in [(16, 20_000), (16, 100_000), (16, 20), (16, 16), (5, 7), (2, 10), (1, 10)] {
            let steps = FilmRecorder<Double>.logSpacedSteps(count: frames, below: total)
            XCTAssertEqual(steps.count, min(frames, total), "\(frames) frames of \(total)")
            XCTAssertEqual(steps.first, 0)
            if frames > 1 { XCTAssertEqual(steps.last, total - 1, "\(frames) frames of \(total)") }
            XCTAssertEqual(steps, steps.sorted())
            XCTAssertEqual(Set(steps).count, steps.count, "distinct: \(steps)")
        }
        // Log spacing: the early frames are dense (1, 2, 4, … updates), the late ones sparse.
        let steps = FilmRecorder<Double>.logSpacedSteps(count: 16, below: 20_000)
        XCTAssertEqual(Array(steps.prefix(3)), [0, 1, 2])
        XCTAssertGreaterThan(steps[15] - steps[14], 10 * (steps[5] - steps[4]))
    }

    /// Frames recorded through `Trainer.fit`'s progress callback hold the parameters after
    /// their step's updates, and carry the loss the history recorded for that state.
    func testFramesHoldTheStateAndLossOfTheirStep() {
        var generator = SeededGenerator(seed: 4)
        let network = Sequential<Double>()
        network.append(Linear(2, 1, using: &generator))
        network.append(Sigmoid())
        let trainer = Trainer(model: network, loss: BinaryCrossEntropy(), optimizer: SGD(parameters: network.parameters, learningRate: 0.5))
        let steps = 300
        let film = FilmRecorder<Double>(frames: 8, totalSteps: steps)
        film.recordStart(network.parameters)
        let history = trainer.fit(Dataset.and(), configuration: TrainingConfiguration(epochs: steps),
                                  progress: { film.record(after: $0.step, network.parameters) })
        let frames = film.frames(losses: history)
        XCTAssertEqual(frames.map(\.snapshot.step), film.steps)
        XCTAssertEqual(frames.count, 8)
        for frame in frames {
            XCTAssertEqual(frame.loss, history.stepLosses[frame.snapshot.step])
            // Replaying the snapshot's weights gives the recorded loss: the snapshot is that state.
            let replay = Sequential<Double>()
            replay.append(Linear(weight: frame.snapshot.parameters[0], bias: frame.snapshot.parameters[1]))
            replay.append(Sigmoid())
            let loss = BinaryCrossEntropy().loss(of: replay.forward(Dataset<Double>.and().inputs), target: Dataset<Double>.and().targets)
            XCTAssertEqual(loss, frame.loss, accuracy: 1e-15, "step \(frame.snapshot.step)")
        }
    }
}

final class SeedSweepTests: XCTestCase {
    func testSeedsFollowTheBaseAndResultsComeInSeedOrder() {
        XCTAssertEqual(SeedSweep.seeds(from: 7, count: 3), [7, 8, 9])
        XCTAssertEqual(SeedSweep.seeds(from: .max, count: 2), [.max, 0])
        let results = SeedSweep.run(seeds: SeedSweep.seeds(from: 10, count: 12)) { seed -> UInt64 in
            var generator = SeededGenerator(seed: seed)
            return generator.next()
        }
        XCTAssertEqual(results, SeedSweep.seeds(from: 10, count: 12).map { var g = SeededGenerator(seed: $0); return g.next() })
    }

    func testDistributionQuantilesAndCountsMatchNumpy() {
        // numpy.quantile([3, 1, 4, 1, 5, 9, 2, 6], [0.25, 0.5, 0.75]) = [1.75, 3.5, 5.25]
        let d = Distribution([3, 1, 4, 1, 5, 9, 2, 6])
        XCTAssertEqual(d.lowerQuartile, 1.75)
        XCTAssertEqual(d.median, 3.5)
        XCTAssertEqual(d.upperQuartile, 5.25)
        XCTAssertEqual(d.minimum, 1)
        XCTAssertEqual(d.maximum, 9)
        XCTAssertEqual(d.mean, 3.875)
        XCTAssertEqual(d.standardDeviation!, 2.748376, accuracy: 1e-6)   // numpy.std(…, ddof=1)
        XCTAssertEqual(d.count(atMost: 3), 4)
        let withNaN = Distribution([0.1, .nan, 0.3])
        XCTAssertEqual(withNaN.count, 3)
        XCTAssertEqual(withNaN.count(atMost: 1), 2, "a diverged run never counts as a success")
        XCTAssertEqual(withNaN.median, 0.2)
        XCTAssertNil(Distribution([]).median)
    }
}
