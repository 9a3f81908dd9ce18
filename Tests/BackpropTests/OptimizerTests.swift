import Foundation
import XCTest
@testable import Backprop

/// Optimisers replayed step by step against trajectories recorded from `torch.optim`
/// (tools/reference_optimizers.py), in Double.
final class OptimizerTests: XCTestCase {
    private struct Trajectory: Decodable {
        var lr: Double
        var losses: [Double]
        var parameters_after_step: [String: [[[Double]]]]
    }
    private struct Fixture: Decodable {
        var x, y: [[Double]]
        var initial_parameters: [[[Double]]]
        var adam: Trajectory
        var sgd_momentum: Trajectory
    }

    private func loadFixture() throws -> Fixture {
        let url = try XCTUnwrap(Bundle.module.url(forResource: "optimizer_trajectories", withExtension: "json", subdirectory: "Fixtures"))
        return try JSONDecoder().decode(Fixture.self, from: Data(contentsOf: url))
    }

    private func network(_ fixture: Fixture) -> Sequential<Double> {
        let p = fixture.initial_parameters
        return Sequential<Double>([Linear(weight: Matrix(p[0]), bias: Matrix(p[1])), Tanh(),
                                   Linear(weight: Matrix(p[2]), bias: Matrix(p[3])), Sigmoid()])
    }

    private func replay(_ fixture: Fixture, _ trajectory: Trajectory, _ makeOptimizer: ([Parameter<Double>]) -> any Optimizer<Double>) {
        let network = network(fixture)
        let optimizer = makeOptimizer(network.parameters)
        let loss = MeanSquaredError(.half)
        let x = Matrix(fixture.x), y = Matrix(fixture.y)
        var worstLoss = 0.0, worstParameter = 0.0
        for step in 1...trajectory.losses.count {
            network.zeroGradients()
            let prediction = network.forward(x)
            worstLoss = max(worstLoss, abs(loss.loss(of: prediction, target: y) - trajectory.losses[step - 1]))
            _ = network.backward(loss.gradient(of: prediction, target: y))
            optimizer.step()
            if let reference = trajectory.parameters_after_step[String(step)] {
                for (parameter, expected) in zip(network.parameters, reference) {
                    worstParameter = max(worstParameter, parameter.value.maxAbsoluteDifference(Matrix(expected)))
                }
            }
        }
        XCTAssertLessThan(worstLoss, 1e-10, "loss per step")
        XCTAssertLessThan(worstParameter, 1e-10, "parameters at the checkpoints")
        XCTAssertEqual(trajectory.parameters_after_step.count, 5, "the fixture has checkpoints to compare")
    }

    func testAdamMatchesTorchOptimAdamForHundredSteps() throws {
        let fixture = try loadFixture()
        replay(fixture, fixture.adam) { Adam(parameters: $0, learningRate: fixture.adam.lr) }
    }

    func testSGDWithMomentumMatchesTorchOptimSGD() throws {
        let fixture = try loadFixture()
        replay(fixture, fixture.sgd_momentum) { SGD(parameters: $0, learningRate: fixture.sgd_momentum.lr, momentum: 0.9) }
    }

    func testPlainSGDStepIsThetaMinusEtaTimesGradient() {
        let parameter = Parameter<Float>(name: "w", value: Matrix([[1, -2]]))
        parameter.gradient = Matrix([[0.5, 4]])
        SGD(parameters: [parameter], learningRate: 0.1).step()
        XCTAssertEqual(parameter.value, Matrix([[0.95, -2.4]]))
    }

    /// The first Adam step moves every coordinate by almost exactly η against the gradient's sign.
    func testFirstAdamStepHasMagnitudeLearningRate() {
        let parameter = Parameter<Double>(name: "w", value: Matrix([[0, 0, 0]]))
        parameter.gradient = Matrix([[1e-3, -50, 7]])
        Adam(parameters: [parameter], learningRate: 0.01).step()
        for (value, expected) in zip(parameter.value.elements, [-0.01, 0.01, -0.01]) {
            XCTAssertEqual(value, expected, accuracy: 1e-7)
        }
    }
}
