import Foundation
import XCTest
import Report

/// Runs a built executable of this package (they sit next to the test bundle in the build
/// directory) and reads what it wrote.
struct ExecutableRunner {
    struct Result {
        /// By its own exit, or killed by a signal.
        var reason: Process.TerminationReason
        /// The exit status; for a run killed by a signal, 128 + the signal's number, as a
        /// shell reports it, so that a check for 1...127 never takes a crash for a refusal.
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
    ///   - launcher: a command that starts the executable, its path and arguments appended
    ///     (`["/usr/bin/taskset", "-c", "0"]`, `runuser -u nobody --`); none by default.
    ///   - directory: the working directory (the test's own when nil).
    ///   - environment: the test's environment, changed by these entries (a nil value removes one).
    static func run(_ name: String, _ arguments: [String], through launcher: [String] = [], in directory: URL? = nil,
                    environment: [String: String?] = [:]) throws -> Result {
        let executable = buildDirectory.appendingPathComponent(name)
        guard FileManager.default.isExecutableFile(atPath: executable.path) else {
            throw XCTSkip("\(name) is not built in \(buildDirectory.path); run `swift build` first")
        }
        let process = Process()
        if let command = launcher.first {
            guard FileManager.default.isExecutableFile(atPath: command) else { throw XCTSkip("\(command) is not installed") }
            process.executableURL = URL(fileURLWithPath: command)
            process.arguments = launcher.dropFirst() + [executable.path] + arguments
        } else {
            process.executableURL = executable
            process.arguments = arguments
        }
        if let directory { process.currentDirectoryURL = directory }
        if !environment.isEmpty {
            var changed = ProcessInfo.processInfo.environment
            for (key, value) in environment { changed[key] = value }
            process.environment = changed
        }
        // Files rather than pipes: nothing can block the child, however much it prints.
        let capture = FileManager.default.temporaryDirectory.appendingPathComponent("run-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: capture, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: capture) }
        let outURL = capture.appendingPathComponent("out"), errURL = capture.appendingPathComponent("err")
        try Data().write(to: outURL)
        try Data().write(to: errURL)
        let out = try FileHandle(forWritingTo: outURL), err = try FileHandle(forWritingTo: errURL)
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        try out.close()
        try err.close()
        let reason = process.terminationReason
        return Result(reason: reason, status: reason == .uncaughtSignal ? 128 + process.terminationStatus : process.terminationStatus,
                      standardOutput: String(decoding: try Data(contentsOf: outURL), as: UTF8.self),
                      standardError: String(decoding: try Data(contentsOf: errURL), as: UTF8.self))
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
