import Foundation
import XCTest
import Report

/// Runs a built executable of this package (they sit next to the test bundle in the build
/// directory) and reads what it wrote.
struct ExecutableRunner {
    struct Result {
        var status: Int32
        var standardOutput: String
        var standardError: String
    }

    /// The build directory: the folder holding the test bundle.
    static var buildDirectory: URL {
        var url = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        while url.pathComponents.count > 1 && url.pathExtension != "xctest" { url.deleteLastPathComponent() }
        return url.pathExtension == "xctest" ? url.deletingLastPathComponent() : URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
    }

    /// - Parameters:
    ///   - directory: the working directory (the test's own when nil).
    ///   - environment: the test's environment, changed by these entries (a nil value removes one).
    static func run(_ name: String, _ arguments: [String], in directory: URL? = nil,
                    environment: [String: String?] = [:], file: StaticString = #filePath, line: UInt = #line) throws -> Result {
        let executable = buildDirectory.appendingPathComponent(name)
        guard FileManager.default.isExecutableFile(atPath: executable.path) else {
            throw XCTSkip("\(name) is not built in \(buildDirectory.path); run `swift build` first")
        }
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = directory }
        if !environment.isEmpty {
            var changed = ProcessInfo.processInfo.environment
            for (key, value) in environment { changed[key] = value }
            process.environment = changed
        }
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        // Read before waiting, so a full pipe never blocks the child.
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(status: process.terminationStatus,
                      standardOutput: String(decoding: outData, as: UTF8.self),
                      standardError: String(decoding: errData, as: UTF8.self))
    }

    /// A fresh temporary directory, removed when the test ends.
    static func temporaryDirectory(_ testCase: XCTestCase) throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("experiment-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        testCase.addTeardownBlock { try? FileManager.default.removeItem(at: url) }
        return url
    }

    /// The run's metrics.json, read as the report reads it.
    static func document(in directory: URL) throws -> ExperimentDocument {
        try ExperimentDocument.read(from: directory.appendingPathComponent("metrics.json"))
    }

    /// The raw numbers of the run's metrics.json (its `values`).
    static func metrics(in directory: URL) throws -> JSONValue {
        .object(try document(in: directory).values)
    }
}

extension JSONValue {
    var doubleValue: Double? {
        switch self {
        case .number(let value): value
        case .integer(let value): Double(value)
        case .unsigned(let value): Double(value)
        default: nil
        }
    }
    var boolValue: Bool? { if case .bool(let value) = self { value } else { nil } }
    var stringValue: String? { if case .string(let value) = self { value } else { nil } }
    var arrayValue: [JSONValue]? { if case .array(let value) = self { value } else { nil } }
}
