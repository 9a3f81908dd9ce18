import Backprop
import Foundation
import XCTest

final class CosineAnnealingTests: XCTestCase {
    /// The formula's landmarks, worked by hand: η_max at t = 0, η_min + ½(1 + √2/2)(η_max − η_min)
    /// a quarter in (cos(π/4) = √2/2), the mean of η_max and η_min halfway (cos(π/2) = 0),
    /// η_min at T and after.
    func testCosineAnnealingHitsTheClosedFormLandmarks() {
        let schedule = CosineAnnealing(maximum: 0.1, minimum: 0.02, steps: 8)
        XCTAssertEqual(schedule.learningRate(afterSteps: 0), 0.1, accuracy: 1e-15)
        XCTAssertEqual(schedule.learningRate(afterSteps: 2), 0.02 + 0.08 * 0.5 * (1 + 2.0.squareRoot() / 2),
                       accuracy: 1e-15)
        XCTAssertEqual(schedule.learningRate(afterSteps: 4), 0.06, accuracy: 1e-15)
        XCTAssertEqual(schedule.learningRate(afterSteps: 8), 0.02, accuracy: 1e-15)
        XCTAssertEqual(schedule.learningRate(afterSteps: 100), 0.02, "stays at η_min after T")
        // Symmetric about the midpoint: η_t − mean = −(η_{T−t} − mean).
        XCTAssertEqual(schedule.learningRate(afterSteps: 1) - 0.06, 0.06 - schedule.learningRate(afterSteps: 7), accuracy: 1e-15)
    }

    func testCosineAnnealingDecreasesMonotonically() {
        let schedule = CosineAnnealing(maximum: 1e-3, steps: 1_000)
        let rates = (0...1_000).map(schedule.learningRate(afterSteps:))
        XCTAssertTrue(zip(rates, rates.dropFirst()).allSatisfy { $0 > $1 }, "strictly falling from η_max to η_min = 0")
        XCTAssertEqual(rates.last, 0)
    }

    private struct Fixture: Decodable {
        struct Setting: Decodable {
            var lr: Double
            var eta_min: Double
            var t_max: Int
            var learning_rates: [Double]
        }
        var settings: [Setting]
    }

    /// tools/reference_cosine_annealing.py records `torch.optim.lr_scheduler.CosineAnnealingLR`
    /// step by step; PyTorch computes each rate from the previous one, so equality to 1e-12
    /// relative (not bit for bit) is what the two routes allow.
    func testCosineAnnealingMatchesTorchCosineAnnealingLR() throws {
        let url = try XCTUnwrap(Bundle.module.url(forResource: "cosine_annealing", withExtension: "json", subdirectory: "Fixtures"))
        let fixture = try JSONDecoder().decode(Fixture.self, from: Data(contentsOf: url))
        XCTAssertEqual(fixture.settings.count, 2)
        for setting in fixture.settings {
            let schedule = CosineAnnealing(maximum: setting.lr, minimum: setting.eta_min, steps: setting.t_max)
            XCTAssertEqual(setting.learning_rates.count, setting.t_max + 1)
            var worst = 0.0
            for (t, expected) in setting.learning_rates.enumerated() {
                worst = max(worst, abs(schedule.learningRate(afterSteps: t) - expected) / setting.lr)
            }
            XCTAssertLessThan(worst, 1e-12, "η_max \(setting.lr), η_min \(setting.eta_min), T \(setting.t_max)")
        }
    }

    /// Set through `learningRate` before each step, Adam takes the scheduled step sizes: with
    /// one weight, a constant gradient g = 1 and the first update's bias correction, Adam's
    /// first step is exactly η (m̂ = g, v̂ = g², ε negligible), so the weight falls by η_0.
    func testAdamTakesTheScheduledRate() {
        let parameter = Parameter(name: "w", value: Matrix<Double>(rows: 1, columns: 1, elements: [0]))
        let adam = Adam(parameters: [parameter], learningRate: 1, epsilon: 0)
        let schedule = CosineAnnealing(maximum: 0.5, steps: 4)
        var expected = 0.0
        for t in 0..<4 {
            adam.learningRate = schedule.learningRate(afterSteps: t)
            parameter.gradient = Matrix(rows: 1, columns: 1, elements: [1])
            adam.step()
            // A constant gradient keeps m̂ = v̂ = 1 at every step, so each step moves by η_t.
            expected -= schedule.learningRate(afterSteps: t)
            XCTAssertEqual(parameter.value[0, 0], expected, accuracy: 1e-12, "after step \(t + 1)")
        }
    }
}
