import Foundation
import XCTest
@testable import Backprop

final class LossTests: XCTestCase {
    func testMeanSquaredErrorConventionsMatchHandComputedValues() {
        let p = Matrix<Double>([[1, 2], [3, 5]]), y = Matrix<Double>([[0, 2], [1, 1]])
        // Squared differences 1, 0, 4, 16: sum 21 over 4 elements.
        XCTAssertEqual(MeanSquaredError(.plain).loss(of: p, target: y), 21.0 / 4, accuracy: 1e-15)
        XCTAssertEqual(MeanSquaredError(.half).loss(of: p, target: y), 21.0 / 8, accuracy: 1e-15)
        XCTAssertEqual(MeanSquaredError(.half).gradient(of: p, target: y), Matrix([[0.25, 0], [0.5, 1]]))
        XCTAssertEqual(MeanSquaredError(.plain).gradient(of: p, target: y), Matrix([[0.5, 0], [1, 2]]))
    }

    func testBinaryCrossEntropyMatchesHandComputedValue() {
        let p = Matrix<Double>([[0.9], [0.2]]), y = Matrix<Double>([[1], [0]])
        XCTAssertEqual(BinaryCrossEntropy().loss(of: p, target: y), -(log(0.9) + log(0.8)) / 2, accuracy: 1e-15)
    }

    func testBinaryCrossEntropyOfSaturatedProbabilitiesIsFinite() {
        for (p, y) in [(0.0, 1.0), (1.0, 0.0), (0.0, 0.0), (1.0, 1.0)] {
            let prediction = Matrix<Double>([[p]]), target = Matrix<Double>([[y]])
            let value = BinaryCrossEntropy().loss(of: prediction, target: target)
            let gradient = BinaryCrossEntropy().gradient(of: prediction, target: target)
            XCTAssertTrue(value.isFinite && gradient.isFinite, "p = \(p), y = \(y)")
            if p != y { XCTAssertGreaterThan(value, 30, "a confident wrong answer costs a lot") } else { XCTAssertLessThan(value, 1e-12) }
            // The gradient pushes p towards y.
            if p != y { XCTAssertEqual(gradient[0, 0].sign, p > y ? .plus : .minus) }
        }
        let floatValue = BinaryCrossEntropy().loss(of: Matrix<Float>([[0]]), target: Matrix<Float>([[1]]))
        XCTAssertTrue(floatValue.isFinite && floatValue > 10)
    }

    func testSoftmaxCrossEntropyIsStableForExtremeLogits() {
        let logits = Matrix<Double>([[1000, -1000, 0], [-1000, 1000, 999]])
        let target = Matrix<Double>([[1, 0, 0], [0, 0, 1]])
        let loss = SoftmaxCrossEntropy().loss(of: logits, target: target)
        // Row 1: log-sum-exp = 1000 exactly, loss 0. Row 2: 1000 + log(1 + e⁻¹) − 999.
        XCTAssertEqual(loss, (0 + 1 + log(1 + exp(-1.0))) / 2, accuracy: 1e-12)
        let gradient = SoftmaxCrossEntropy().gradient(of: logits, target: target)
        XCTAssertTrue(gradient.isFinite)
        XCTAssertEqual(gradient.rowSums().elements.map { abs($0) }.max()!, 0, accuracy: 1e-15, "each row of p − t sums to 0")
        let floatLoss = SoftmaxCrossEntropy().loss(of: Matrix<Float>(logits), target: Matrix<Float>(target))
        // In Float, logits of 1000 carry an absolute rounding error of ~1000·2⁻²⁴ ≈ 6e-5.
        XCTAssertEqual(Double(floatLoss), loss, accuracy: 1e-4)
    }

    func testSoftmaxModuleIsStableForExtremeLogits() {
        let y = Softmax<Float>().forward(Matrix([[1000, -1000, 1000]]))
        XCTAssertEqual(y, Matrix([[0.5, 0, 0.5]]))
    }

    func testShapeMismatchIsReportedWithLossNameAndBothShapes() {
        let error = XCTAssertThrowsShapeMismatch {
            try MeanSquaredError().check(Matrix<Double>(rows: 4, columns: 1), Matrix<Double>(rows: 4, columns: 2))
        }
        XCTAssertTrue(error?.description.contains("MeanSquaredError") ?? false)
        XCTAssertTrue(error?.description.contains("4×1") ?? false)
        XCTAssertTrue(error?.description.contains("4×2") ?? false)
    }
}

/// Runs `body`, asserts it throws a `ShapeMismatch`, and returns it.
func XCTAssertThrowsShapeMismatch(_ body: () throws -> Void, file: StaticString = #filePath, line: UInt = #line) -> ShapeMismatch? {
    do {
        try body()
        XCTFail("expected a ShapeMismatch", file: file, line: line)
    } catch let error as ShapeMismatch {
        return error
    } catch {
        XCTFail("expected a ShapeMismatch, got \(error)", file: file, line: line)
    }
    return nil
}
