import XCTest
import Backprop

final class AccuracyTests: XCTestCase {
    func testAccuracyComparesTheArgmaxOfEachRowWithItsLabel() {
        let scores = Matrix<Float>([[0.1, 0.7, 0.2], [0.5, 0.4, 0.1], [0.0, 0.2, 0.9], [0.3, 0.3, 0.4]])
        XCTAssertEqual(accuracy(of: scores, labels: [1, 0, 2, 0]), 0.75)
        XCTAssertEqual(accuracy(of: scores, labels: [0, 1, 0, 1]), 0)
        let oneHot = Matrix<Float>([[0, 1, 0], [1, 0, 0], [0, 0, 1], [0, 0, 1]])
        XCTAssertEqual(accuracy(of: scores, targets: oneHot), 1)
        XCTAssertEqual(accuracy(of: Matrix<Float>(rows: 0, columns: 3), labels: []), 0)
    }

    /// One sigmoid output is p(y = 1): class 1 from ½ up (an argmax of one column would
    /// always say class 0).
    func testSingleColumnScoresAreThresholdedAtOneHalf() {
        let scores = Matrix<Double>([[0.9], [0.5], [0.49], [0.1]])
        XCTAssertEqual(classes(of: scores), [1, 1, 0, 0])
        XCTAssertEqual(accuracy(of: scores, labels: [1, 1, 0, 1]), 0.75)
        XCTAssertEqual(accuracy(of: scores, targets: Matrix([[1], [0], [0], [0]])), 0.75)
        let data = Dataset<Double>.xor()
        XCTAssertEqual(data.classLabels, [0, 1, 1, 0])
    }

    func testPredictionsAgainstLabels() {
        XCTAssertEqual(accuracy(predictions: [3, 1, 4, 1], labels: [3, 1, 5, 9]), 0.5)
        XCTAssertEqual(accuracy(predictions: [], labels: []), 0)
    }
}
