import XCTest
@testable import Backprop

final class MatrixTests: XCTestCase {
    private func naiveProduct(_ a: [[Double]], _ b: [[Double]]) -> [[Double]] {
        a.map { row in (0..<b[0].count).map { j in zip(row, b.map { $0[j] }).reduce(0) { $0 + $1.0 * $1.1 } } }
    }

    func testProductWithEveryTransposeFlagMatchesNaiveLoops() {
        var generator = SeededGenerator(seed: 11)
        let a = Matrix<Double>(rows: 3, columns: 4, elements: (0..<12).map { _ in generator.normal() })
        let b = Matrix<Double>(rows: 4, columns: 5, elements: (0..<20).map { _ in generator.normal() })
        let expected = Matrix(naiveProduct(a.nestedRows, b.nestedRows))
        XCTAssertLessThan((a * b).maxAbsoluteDifference(expected), 1e-14)
        for (ta, tb) in [(true, false), (false, true), (true, true)] {
            var c = Matrix<Double>(rows: 0, columns: 0)
            Matrix.multiply(ta ? a.transposed() : a, tb ? b.transposed() : b, transposingA: ta, transposingB: tb, into: &c)
            XCTAssertLessThan(c.maxAbsoluteDifference(expected), 1e-14, "transposes \(ta) \(tb)")
        }
        let floatProduct = Matrix<Float>(a) * Matrix<Float>(b)
        XCTAssertLessThan(Matrix<Double>(floatProduct).maxAbsoluteDifference(expected), 1e-5)
    }

    func testProductAccumulatesWithBetaOne() {
        let a = Matrix<Double>([[1, 2]]), b = Matrix<Double>([[3], [4]])
        var c = Matrix<Double>([[10]])
        Matrix.multiply(a, b, into: &c, beta: 1)
        XCTAssertEqual(c, Matrix([[21]]))
    }

    func testBroadcastAndReductions() {
        var m = Matrix<Double>([[1, 2, 3], [4, 5, 6]])
        m.addRow(Matrix([[10, 20, 30]]))
        XCTAssertEqual(m, Matrix([[11, 22, 33], [14, 25, 36]]))
        XCTAssertEqual(Matrix(m.columnSums), Matrix([[25, 47, 69]]))
        XCTAssertEqual(m.rowSums(), Matrix([[66], [75]]))
        XCTAssertEqual(m.transposed().shape, Shape(3, 2))
        XCTAssertEqual(m.transposed()[2, 1], 36)
        XCTAssertEqual(m.argmaxPerRow(), [2, 2])
    }

    func testReshapeKeepsStorageWhenShrinkingAndGatherRowsCopiesRows() {
        var m = Matrix<Float>(rows: 4, columns: 2, repeating: 1)
        m.reshape(rows: 2, columns: 3)
        XCTAssertEqual(m.shape, Shape(2, 3))
        XCTAssertEqual(m.count, 6)
        let source = Matrix<Float>([[0, 0], [1, 1], [2, 2]])
        XCTAssertEqual(source.gatheringRows([2, 0]), Matrix([[2, 2], [0, 0]]))
        XCTAssertEqual(source.rows(1..<3), Matrix([[1, 1], [2, 2]]))
    }

    func testEmptyMatricesAreHandled() {
        let empty = Matrix<Double>(rows: 0, columns: 3)
        XCTAssertEqual(Matrix(empty.columnSums), Matrix([[0, 0, 0]]))
        XCTAssertEqual((empty * Matrix<Double>(rows: 3, columns: 2)).shape, Shape(0, 2))
        XCTAssertEqual(Sigmoid<Double>().forward(empty).shape, Shape(0, 3))
    }
}
