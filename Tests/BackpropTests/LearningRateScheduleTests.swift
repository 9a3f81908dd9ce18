import Foundation
import XCTest
@testable import Backprop

/// Learning-rate schedules against the rates `torch.optim.lr_scheduler` gives each update,
/// and a scheduled Adam run through `Trainer.fit` against `torch.optim.Adam` under
/// `CosineAnnealingLR` (tools/reference_schedules.py), in Double.
final class LearningRateScheduleTests: XCTestCase {
    private struct Rates: Decodable {
        var rates: [Double]
        var every: Int?, factor: Double?, steps: Int?, minimum: Double?, warm_up: Int?
    }
    private struct AdamRun: Decodable {
        var lr: Double, steps: Int
        var x, y: [[Double]]
        var initial_parameters, final_parameters: [[[Double]]]
        var losses: [Double]
    }
    private struct Fixture: Decodable {
        var base_lr: Double
        var step_decay, exponential, cosine, warm_up_cosine: Rates
        var adam_cosine: AdamRun
    }

    private func loadFixture() throws -> Fixture {
        let url = try XCTUnwrap(Bundle.module.url(forResource: "learning_rate_schedules", withExtension: "json", subdirectory: "Fixtures"))
        return try JSONDecoder().decode(Fixture.self, from: Data(contentsOf: url))
    }

    /// Rates agree to rounding: PyTorch computes some of them recursively (the cosine) or
    /// as products (the exponential), we in closed form.
    private func assertRates(_ schedule: LearningRateSchedule, _ expected: [Double], base: Double,
                             file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertGreaterThan(expected.count, 5, "the fixture has rates to compare", file: file, line: line)
        for (t, rate) in expected.enumerated() {
            XCTAssertEqual(schedule.learningRate(atStep: t, base: base), rate, accuracy: 1e-12,
                           "\(schedule) at update \(t)", file: file, line: line)
        }
    }

    func testStepDecayMatchesTorchStepLR() throws {
        let fixture = try loadFixture(), reference = fixture.step_decay
        assertRates(.stepDecay(every: try XCTUnwrap(reference.every), factor: try XCTUnwrap(reference.factor)),
                    reference.rates, base: fixture.base_lr)
    }

    func testExponentialMatchesTorchExponentialLR() throws {
        let fixture = try loadFixture()
        assertRates(.exponential(factor: try XCTUnwrap(fixture.exponential.factor)), fixture.exponential.rates, base: fixture.base_lr)
    }

    func testCosineMatchesTorchCosineAnnealingLR() throws {
        let fixture = try loadFixture(), reference = fixture.cosine
        assertRates(.cosine(steps: try XCTUnwrap(reference.steps), minimum: try XCTUnwrap(reference.minimum)),
                    reference.rates, base: fixture.base_lr)
    }

    func testWarmUpCosineMatchesTorchLinearThenCosineAnnealing() throws {
        let fixture = try loadFixture(), reference = fixture.warm_up_cosine
        assertRates(.warmUpCosine(warmUp: try XCTUnwrap(reference.warm_up), steps: try XCTUnwrap(reference.steps),
                                  minimum: try XCTUnwrap(reference.minimum)),
                    reference.rates, base: fixture.base_lr)
    }

    /// Past its last update PyTorch's closed form climbs again (a period of 2T); ours stays
    /// at the minimum, so a run longer than planned keeps its final rate.
    func testCosineHoldsItsMinimumAfterItsSteps() {
        for t in [10, 11, 15, 30] {
            XCTAssertEqual(LearningRateSchedule.cosine(steps: 10, minimum: 0.1).factor(atStep: t), 0.1, accuracy: 1e-15, "t = \(t)")
            XCTAssertEqual(LearningRateSchedule.warmUpCosine(warmUp: 3, steps: 10, minimum: 0).factor(atStep: t), 0, accuracy: 1e-15, "t = \(t)")
        }
        XCTAssertEqual(LearningRateSchedule.constant.learningRate(atStep: 1_000_000, base: 0.3), 0.3)
    }

    /// The schedule drives the optimiser inside `Trainer.fit`: every full-batch step's loss
    /// and the final weights equal PyTorch's Adam stepped with CosineAnnealingLR.
    func testScheduledAdamInTrainerMatchesTorchAdamUnderCosineAnnealing() throws {
        let run = try loadFixture().adam_cosine
        let p = run.initial_parameters
        let network = Sequential<Double>([Linear(weight: Matrix(p[0]), bias: Matrix(p[1])), Tanh(),
                                          Linear(weight: Matrix(p[2]), bias: Matrix(p[3])), Sigmoid()])
        let optimizer = ScheduledOptimizer(Adam(parameters: network.parameters, learningRate: run.lr),
                                           schedule: .cosine(steps: run.steps))
        let trainer = Trainer(model: network, loss: MeanSquaredError(.half), optimizer: optimizer)
        let history = trainer.fit(Dataset(name: "fixture", inputs: Matrix(run.x), targets: Matrix(run.y)),
                                  configuration: TrainingConfiguration(epochs: run.steps))

        XCTAssertEqual(history.stepLosses.count, run.losses.count)
        let worstLoss = zip(history.stepLosses, run.losses).map { abs($0 - $1) }.max() ?? .infinity
        XCTAssertLessThan(worstLoss, 1e-10, "loss per step")
        let worstParameter = zip(network.parameters, run.final_parameters).map { $0.value.maxAbsoluteDifference(Matrix($1)) }.max() ?? .infinity
        XCTAssertLessThan(worstParameter, 1e-10, "final parameters")
        XCTAssertEqual(optimizer.stepCount, run.steps)
        XCTAssertEqual(optimizer.learningRate, run.lr, "η₀ is kept; only the wrapped optimiser's rate moves")
        let lastRate = run.lr * (1 + cos(Double.pi * Double(run.steps - 1) / Double(run.steps))) / 2
        XCTAssertEqual(optimizer.base.learningRate, lastRate, accuracy: 1e-15, "the last update, t = T − 1, used η₀·(1 + cos(π(T − 1)/T))/2")
    }

    /// Plain gradient descent with gradient 1 moves θ by exactly −η(t) at update t.
    func testScheduledSGDTakesTheScheduledRateAtEachUpdate() {
        let parameter = Parameter<Double>(name: "θ", value: Matrix([[0]]))
        let schedule = LearningRateSchedule.stepDecay(every: 2, factor: 0.1)
        let optimizer = ScheduledOptimizer(SGD(parameters: [parameter], learningRate: 1), schedule: schedule)
        var expected = 0.0
        for t in 0..<6 {
            parameter.gradient = Matrix([[1]])
            optimizer.step()
            expected -= [1, 1, 0.1, 0.1, 0.01, 0.01][t]
            XCTAssertEqual(parameter.value[0, 0], expected, accuracy: 1e-15, "after update \(t)")
        }
    }
}
