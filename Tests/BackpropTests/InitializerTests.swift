import XCTest
@testable import Backprop

final class InitializerTests: XCTestCase {
    func testGainsMatchPyTorchCalculateGain() {
        XCTAssertEqual(Initializer.gain(for: .sigmoid), 1)
        XCTAssertEqual(Initializer.gain(for: .linear), 1)
        XCTAssertEqual(Initializer.gain(for: .tanh), 5.0 / 3.0)
        XCTAssertEqual(Initializer.gain(for: .relu), 2.0.squareRoot())
    }

    func testXavierUniformRespectsBoundAndVariance() {
        var generator = SeededGenerator(seed: 3)
        let (fanIn, fanOut) = (300, 200)
        let w: Matrix<Double> = Initializer.xavierUniform(gain: 5.0 / 3.0).matrix(rows: fanOut, columns: fanIn, fanIn: fanIn, fanOut: fanOut, using: &generator)
        let bound = 5.0 / 3.0 * (6.0 / 500).squareRoot()
        XCTAssertTrue(w.elements.allSatisfy { abs($0) <= bound })
        XCTAssertGreaterThan(w.elements.map(abs).max()!, 0.99 * bound)
        // Var U(−a, a) = a²/3 = gain²·2/(fanIn + fanOut); 60,000 samples give ~0.6 % error.
        let variance = w.elements.map { $0 * $0 }.reduce(0, +) / Double(w.count)
        XCTAssertEqual(variance, 25.0 / 9.0 * 2.0 / 500, accuracy: 0.03 * 25.0 / 9.0 * 2.0 / 500)
    }

    func testNormalHasRequestedDeviationAndZerosAreZero() {
        var generator = SeededGenerator(seed: 4)
        let w: Matrix<Float> = Initializer.normal(standardDeviation: 0.1).matrix(rows: 100, columns: 100, fanIn: 100, fanOut: 100, using: &generator)
        let deviation = (w.elements.map { Double($0 * $0) }.reduce(0, +) / 10_000).squareRoot()
        XCTAssertEqual(deviation, 0.1, accuracy: 0.003)
        let z: Matrix<Float> = Initializer.zeros.matrix(rows: 2, columns: 2, fanIn: 2, fanOut: 2, using: &generator)
        XCTAssertEqual(z, Matrix(rows: 2, columns: 2))
    }

    func testSameSeedGivesIdenticalLayers() {
        var a = SeededGenerator(seed: 9), b = SeededGenerator(seed: 9)
        let first = Linear<Double>(5, 4, using: &a), second = Linear<Double>(5, 4, using: &b)
        XCTAssertEqual(first.weight.value, second.weight.value)
        XCTAssertNotEqual(first.weight.value, Linear<Double>(5, 4, using: &a).weight.value)
    }
}
