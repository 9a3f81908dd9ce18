import CZlib
import Foundation
import XCTest

/// What every bad-input case asserts about a run: it ended by its own exit with a status in
/// 1...127 (never a signal, never 0), its message names what was wrong, and no stack trace
/// or runtime failure was printed. The suite runs against the debug executables in `make
/// test` and against the release ones in `make test-release` (the test bundle sits beside
/// the executables of its build).
enum BadInput {
    typealias Outcome = ExecutableRunner.Result

    /// Runs an executable of this package, as `user` when given (through runuser; root only).
    static func run(_ name: String, _ arguments: [String], as user: String? = nil) throws -> Outcome {
        try ExecutableRunner.run(name, arguments, through: user.map { ["/usr/sbin/runuser", "-u", $0, "--"] } ?? [])
    }

    /// The run failed cleanly: exit status in `status` (1...127 unless narrower), by its
    /// own exit, every text of `mentions` in its standard error, no crash report.
    static func assertRefused(_ outcome: Outcome, status: ClosedRange<Int32> = 1...127, mentions: [String],
                              file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(outcome.reason, .exit, "ended by a signal (\(outcome.status)):\n\(outcome.standardError.suffix(800))", file: file, line: line)
        XCTAssertTrue(status.contains(outcome.status), "exit status \(outcome.status), expected \(status):\n\(outcome.standardError.suffix(800))", file: file, line: line)
        for text in mentions {
            XCTAssertTrue(outcome.standardError.contains(text), "«\(text)» missing from:\n\(outcome.standardError.suffix(800))", file: file, line: line)
        }
        assertNoCrashReport(outcome, file: file, line: line)
    }

    /// No runtime failure, trap or backtrace in either stream.
    static func assertNoCrashReport(_ outcome: Outcome, file: StaticString = #filePath, line: UInt = #line) {
        for marker in ["Fatal error", "Current stack trace", "Crash", "Illegal instruction", "Backtrace", "NSCocoaErrorDomain", "Error Domain="] {
            XCTAssertFalse(outcome.standardError.contains(marker) || outcome.standardOutput.contains(marker),
                           "«\(marker)» printed:\n\(outcome.standardError.suffix(800))", file: file, line: line)
        }
    }

    /// Every entry under `directory`, hidden ones included, relative to it (empty when it is missing).
    static func entries(_ directory: URL) -> [String] {
        guard let enumerator = FileManager.default.enumerator(atPath: directory.path) else { return [] }
        return (enumerator.allObjects as? [String] ?? []).sorted()
    }

    /// The files under `directory` with their bytes, to compare before and after a run.
    static func snapshot(_ directory: URL) throws -> [String: Data] {
        var files: [String: Data] = [:]
        for name in entries(directory) {
            var isDirectory: ObjCBool = false
            let url = directory.appendingPathComponent(name)
            if FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), !isDirectory.boolValue {
                files[name] = try Data(contentsOf: url)
            }
        }
        return files
    }

    /// Whether the tests run as root (needed to mount a tmpfs and to run as another user).
    static var isRoot: Bool { getuid() == 0 }
}

/// Malformed and blank files, written by hand so that each defect is exactly the one named.
enum BadFiles {
    // MARK: PNG

    /// A valid 8-bit greyscale PNG of `grey` (row-major, 0 = black, 255 = white).
    static func png(width: Int, height: Int, grey: [UInt8]) -> [UInt8] {
        precondition(grey.count == width * height)
        var raw: [UInt8] = []
        for y in 0..<height { raw.append(0); raw += grey[(y * width)..<((y + 1) * width)] }
        var header: [UInt8] = []
        header += bigEndian(UInt32(width)) + bigEndian(UInt32(height)) + [8, 0, 0, 0, 0]
        return pngSignature + chunk("IHDR", header) + chunk("IDAT", deflate(raw)) + chunk("IEND", [])
    }

    /// A `size × size` PNG of one grey level.
    static func uniformPNG(size: Int, level: UInt8) -> [UInt8] {
        png(width: size, height: size, grey: [UInt8](repeating: level, count: size * size))
    }

    /// A dark vertical bar on white, a "1" any preprocessing finds.
    static func digitPNG() -> [UInt8] {
        png(width: 40, height: 40, grey: (0..<1600).map { (17..<23).contains($0 % 40) && (5..<35).contains($0 / 40) ? 0 : 255 })
    }

    /// A PNG whose header announces `width × height` pixels (a few bytes of data follow).
    static func pngAnnouncing(width: UInt32, height: UInt32) -> [UInt8] {
        pngSignature + chunk("IHDR", bigEndian(width) + bigEndian(height) + [8, 0, 0, 0, 0])
            + chunk("IDAT", deflate([0, 0, 0, 0])) + chunk("IEND", [])
    }

    /// `bytes` with the IHDR chunk's CRC flipped.
    static func withBadCRC(_ bytes: [UInt8]) -> [UInt8] {
        var damaged = bytes
        damaged[8 + 8 + 13] ^= 0xFF
        return damaged
    }

    /// The start of a JPEG file (JFIF header), as a photo renamed `.png` begins.
    static let jpeg: [UInt8] = [0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10] + Array("JFIF".utf8) + [0, 1, 1, 0, 0, 1, 0, 1, 0, 0] + [UInt8](repeating: 0x42, count: 200)

    static let pngSignature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]

    static func chunk(_ type: String, _ data: [UInt8]) -> [UInt8] {
        let body = Array(type.utf8) + data
        let crc = body.withUnsafeBufferPointer { UInt32(crc32(0, $0.baseAddress, UInt32($0.count))) }
        return bigEndian(UInt32(data.count)) + body + bigEndian(crc)
    }

    static func deflate(_ bytes: [UInt8]) -> [UInt8] {
        var size = compressBound(uLong(bytes.count))
        var out = [UInt8](repeating: 0, count: Int(size))
        let status = out.withUnsafeMutableBufferPointer { o in bytes.withUnsafeBufferPointer { compress(o.baseAddress, &size, $0.baseAddress, uLong($0.count)) } }
        precondition(status == Z_OK)
        return Array(out[0..<Int(size)])
    }

    static func bigEndian(_ value: UInt32) -> [UInt8] {
        [UInt8(value >> 24), UInt8((value >> 16) & 0xFF), UInt8((value >> 8) & 0xFF), UInt8(value & 0xFF)]
    }

    // MARK: IDX (MNIST)

    /// An idx3-ubyte file of `count` images of 28×28, pixel values cycling through 0...255.
    static func idxImages(count: Int, rows: Int = 28, columns: Int = 28) -> [UInt8] {
        [0, 0, 8, 3] + bigEndian(UInt32(count)) + bigEndian(UInt32(rows)) + bigEndian(UInt32(columns))
            + (0..<(count * rows * columns)).map { UInt8($0 % 256) }
    }

    /// An idx1-ubyte file of `count` labels cycling through 0...9.
    static func idxLabels(count: Int) -> [UInt8] {
        [0, 0, 8, 1] + bigEndian(UInt32(count)) + (0..<count).map { UInt8($0 % 10) }
    }

    /// A folder holding MNIST's four files, `train` training and 5 test images; the named
    /// file is replaced by `replacement` (a directory when it is nil).
    static func mnistDirectory(in parent: URL, train: Int = 20, replacing name: String? = nil, with replacement: [UInt8]? = nil) throws -> URL {
        let directory = parent.appendingPathComponent("mnist-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let files = ["train-images-idx3-ubyte": idxImages(count: train), "train-labels-idx1-ubyte": idxLabels(count: train),
                     "t10k-images-idx3-ubyte": idxImages(count: 5), "t10k-labels-idx1-ubyte": idxLabels(count: 5)]
        for (file, bytes) in files {
            let url = directory.appendingPathComponent(file)
            if file == name {
                if let replacement { try Data(replacement).write(to: url) } else { try FileManager.default.createDirectory(at: url, withIntermediateDirectories: false) }
            } else {
                try Data(bytes).write(to: url)
            }
        }
        return directory
    }

    // MARK: safetensors

    /// A safetensors header claiming `length` bytes of JSON, followed by `body`.
    static func safetensors(headerLength: UInt64, body: [UInt8]) -> [UInt8] {
        withUnsafeBytes(of: headerLength.littleEndian) { Array($0) } + body
    }
}
