import XCTest
@testable import Backprop

final class SequentialTests: XCTestCase {
    private func circlesNetwork() -> Sequential<Double> {
        var generator = SeededGenerator(seed: 1)
        let network = Sequential<Double>()
        network.append(Linear(2, 3, using: &generator), name: "Dense_1")
        network.append(ReLU(), name: "ReLU_1")
        network.append(Linear(3, 1, using: &generator), name: "Dense_out")
        network.append(Sigmoid())
        return network
    }

    func testDescriptionListsNamedModulesAndParameterCounts() {
        let text = circlesNetwork().description
        XCTAssertTrue(text.hasPrefix("Sequential(4 modules, 13 parameters)"), text)
        XCTAssertTrue(text.contains("Dense_1    Linear(2 → 3)  [9 parameters]"), text)
        XCTAssertTrue(text.contains("3          Sigmoid()"), text)
    }

    func testParameterNamesFollowModuleNames() {
        XCTAssertEqual(circlesNetwork().namedParameters.map(\.name),
                       ["Dense_1.weight", "Dense_1.bias", "Dense_out.weight", "Dense_out.bias"])
        XCTAssertEqual(Sequential<Float>([Linear<Float>(weight: Matrix([[1]]), bias: Matrix([[0]]))]).namedParameters.map(\.name),
                       ["0.weight", "0.bias"], "unnamed modules are numbered like nn.Sequential")
    }

    func testShapeValidationNamesTheModuleAndBothShapes() {
        let network = circlesNetwork()
        XCTAssertEqual(try network.outputShape(forInput: Shape(128, 2)), Shape(128, 1))
        let error = XCTAssertThrowsShapeMismatch { _ = try network.outputShape(forInput: Shape(128, 3)) }
        XCTAssertEqual(error?.description, "'Dense_1' Linear(2 → 3): expected N×2, got 128×3")
    }

    func testMismatchDeepInsideIsAttributedToThatLayer() {
        var generator = SeededGenerator(seed: 1)
        let network = Sequential<Double>()
        network.append(Linear(2, 3, using: &generator), name: "first")
        network.append(Linear(4, 1, using: &generator), name: "second")
        let error = XCTAssertThrowsShapeMismatch { _ = try network.outputShape(forInput: Shape(5, 2)) }
        XCTAssertEqual(error?.site, "'second' Linear(4 → 1)")
        XCTAssertEqual(error?.actual, "5×3")
    }

    func testBackwardAccumulatesUntilZeroed() {
        let network = circlesNetwork()
        let x = Matrix<Double>([[0.3, -0.2]]), y = Matrix<Double>([[1]])
        let loss = BinaryCrossEntropy()
        network.zeroGradients()
        _ = network.backward(loss.gradient(of: network.forward(x), target: y))
        let once = network.parameters.map(\.gradient)
        _ = network.backward(loss.gradient(of: network.forward(x), target: y))
        for (parameter, first) in zip(network.parameters, once) {
            XCTAssertLessThan(parameter.gradient.maxAbsoluteDifference(2 * first), 1e-15)
        }
        network.zeroGradients()
        XCTAssertTrue(network.parameters.allSatisfy { $0.gradient.elements.allSatisfy { $0 == 0 } })
    }
}
