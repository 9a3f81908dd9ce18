import Foundation
import XCTest
@testable import Backprop

/// Networks and raw files shared by the safetensors tests.
enum SafetensorsTestSupport {
    /// Every module type the format describes, one custom name, non-zero biases.
    static func network<Scalar: BLASScalar>(_: Scalar.Type, seed: UInt64 = 1, customName: Bool = true) -> Sequential<Scalar> {
        var generator = SeededGenerator(seed: seed)
        let network = Sequential<Scalar>()
        network.append(Linear(3, 5, biasInitializer: .uniform(lower: -1, upper: 1), using: &generator), name: customName ? "hidden" : nil)
        network.append(Tanh())
        network.append(Linear(5, 4, biasInitializer: .uniform(lower: -1, upper: 1), using: &generator))
        network.append(ReLU())
        network.append(Linear(4, 4, biasInitializer: .uniform(lower: -1, upper: 1), using: &generator))
        network.append(Sigmoid())
        network.append(Linear(4, 3, biasInitializer: .uniform(lower: -1, upper: 1), using: &generator))
        network.append(Softmax())
        return network
    }

    static func input<Scalar: BLASScalar>(_: Scalar.Type, rows: Int = 6, columns: Int = 3, seed: UInt64 = 2) -> Matrix<Scalar> {
        var generator = SeededGenerator(seed: seed)
        return Matrix(rows: rows, columns: columns, elements: (0..<(rows * columns)).map { _ in Scalar(generator.uniform(-2, 2)) })
    }

    /// A file from a header written by hand and raw data bytes.
    static func file(header: String, data: [UInt8]) -> [UInt8] {
        var bytes: [UInt8] = []
        withUnsafeBytes(of: UInt64(header.utf8.count).littleEndian) { bytes.append(contentsOf: $0) }
        return bytes + Array(header.utf8) + data
    }

    static func temporaryDirectory(_ testCase: XCTestCase) throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("safetensors-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        testCase.addTeardownBlock { try? FileManager.default.removeItem(at: url) }
        return url
    }
}

/// Asserts that `body` throws exactly `expected`.
func XCTAssertThrowsSafetensorsError<T>(_ expected: SafetensorsError, _ body: () throws -> T, file: StaticString = #filePath, line: UInt = #line) {
    do {
        _ = try body()
        XCTFail("expected \(expected), nothing was thrown", file: file, line: line)
    } catch let error as SafetensorsError {
        XCTAssertEqual(error, expected, file: file, line: line)
    } catch {
        XCTFail("expected \(expected), got \(error)", file: file, line: line)
    }
}
