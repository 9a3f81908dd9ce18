import CZlib
import Foundation
import XCTest
import Backprop
@testable import Datasets

/// Builders for small IDX files and gzip streams, written by the tests themselves.
enum IDXFixtures {
    static func bigEndian(_ value: UInt32) -> [UInt8] {
        [UInt8(value >> 24), UInt8((value >> 16) & 0xFF), UInt8((value >> 8) & 0xFF), UInt8(value & 0xFF)]
    }

    /// An idx3-ubyte file; the header may claim other sizes than `pixels` has.
    static func images(count: UInt32, rows: UInt32, columns: UInt32, pixels: [UInt8]) -> [UInt8] {
        bigEndian(IDXImages.magic) + bigEndian(count) + bigEndian(rows) + bigEndian(columns) + pixels
    }

    /// An idx1-ubyte file; the header may claim another count than `labels` has.
    static func labels(_ labels: [UInt8], claimedCount: UInt32? = nil) -> [UInt8] {
        bigEndian(IDXLabels.magic) + bigEndian(claimedCount ?? UInt32(labels.count)) + labels
    }

    /// Three 2×2 images whose pixels are all distinct and include both extremes.
    static let threeImagePixels: [UInt8] = [0, 1, 2, 3, 10, 20, 30, 40, 255, 254, 128, 7]

    /// A gzip stream of `bytes` made by zlib's deflate with the gzip wrapper.
    static func gzip(_ bytes: [UInt8]) -> [UInt8] {
        var stream = z_stream()
        let status = deflateInit2_(&stream, Z_BEST_COMPRESSION, Z_DEFLATED, 16 + MAX_WBITS, 8,
                                   Z_DEFAULT_STRATEGY, zlibVersion(), Int32(MemoryLayout<z_stream>.size))
        precondition(status == Z_OK, "deflateInit2 failed: \(status)")
        defer { deflateEnd(&stream) }
        var output = [UInt8](repeating: 0, count: Int(deflateBound(&stream, UInt(bytes.count))) + 64)
        var input = bytes
        let produced: Int = input.withUnsafeMutableBufferPointer { inputBuffer in
            output.withUnsafeMutableBufferPointer { outputBuffer in
                stream.next_in = inputBuffer.baseAddress
                stream.avail_in = UInt32(inputBuffer.count)
                stream.next_out = outputBuffer.baseAddress
                stream.avail_out = UInt32(outputBuffer.count)
                let result = deflate(&stream, Z_FINISH)
                precondition(result == Z_STREAM_END, "deflate did not finish: \(result)")
                return outputBuffer.count - Int(stream.avail_out)
            }
        }
        return Array(output[0..<produced])
    }
}

/// A fresh temporary directory per test, removed afterwards.
class IDXTestCase: XCTestCase {
    var directory: URL!

    override func setUpWithError() throws {
        directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("idx-tests-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        if let directory { try? FileManager.default.removeItem(at: directory) }
    }

    @discardableResult
    func write(_ bytes: [UInt8], to name: String) throws -> URL {
        let url = directory.appendingPathComponent(name)
        try Data(bytes).write(to: url)
        return url
    }

    /// Asserts that `body` throws an `IDXError` accepted by `matches`, whose message
    /// contains every string in `fragments` (always include the file name).
    func assertIDXError<T>(_ body: @autoclosure () throws -> T, fragments: [String],
                           file: StaticString = #filePath, line: UInt = #line,
                           _ matches: (IDXError) -> Bool) {
        do {
            let value = try body()
            XCTFail("expected an IDXError, got \(value)", file: file, line: line)
        } catch let error as IDXError {
            XCTAssertTrue(matches(error), "unexpected case: \(error)", file: file, line: line)
            let message = error.description
            XCTAssertEqual(error.localizedDescription, message, file: file, line: line)
            for fragment in fragments {
                XCTAssertTrue(message.contains(fragment), "message \"\(message)\" lacks \"\(fragment)\"",
                              file: file, line: line)
            }
        } catch {
            XCTFail("expected an IDXError, got \(type(of: error)): \(error)", file: file, line: line)
        }
    }
}
