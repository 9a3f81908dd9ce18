import Foundation
import XCTest

/// A run's output folder holds the files of one run, never a mix: an interrupted or failed
/// run leaves the previous results as they were and nothing of its own (issue 16, finding 3),
/// and an unusable location is reported before any work (finding 5).
final class OutputTransactionTests: XCTestCase {
    private func entries(_ directory: URL) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted()
    }

    /// Every file the run left, by path relative to `directory` (films/… included), hidden
    /// top-level entries aside.
    private func snapshot(_ directory: URL) throws -> [String: Data] {
        try BadInput.snapshot(directory).filter { !$0.key.hasPrefix(".") }
    }

    /// SIGINT in the middle of training: exit status 1 (not a signal), a line saying so, the
    /// previous run's files byte for byte, no staging folder, no temporary file.
    func testInterruptedRunLeavesThePreviousResultsAndNothingElse() throws {
        let directory = try ExecutableRunner.temporaryDirectory(self)
        let first = try ExecutableRunner.run("experiment-sine-fit", ["--quick", "--output", directory.path])
        XCTAssertEqual(first.status, 0, first.standardError)
        let before = try snapshot(directory)
        XCTAssertTrue(before.keys.contains("metrics.json"))

        let executable = ExecutableRunner.buildDirectory.appendingPathComponent("experiment-sine-fit")
        let process = Process()
        process.executableURL = executable
        // Long enough to be caught training (a few seconds), different numbers from the first run.
        process.arguments = ["--steps", "3000000", "--seed", "7", "--output", directory.path]
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = Pipe()
        try process.run()
        // Wait until it is training: its staging folder exists.
        let deadline = Date().addingTimeInterval(20)
        while Date() < deadline, try !entries(directory).contains(where: { $0.hasPrefix(".run-") }) { usleep(20_000) }
        usleep(300_000)
        process.interrupt()
        let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()

        XCTAssertEqual(process.terminationReason, .exit, "ended by its own exit, not killed by the signal")
        XCTAssertEqual(process.terminationStatus, 1)
        XCTAssertTrue(message.contains("interrupted (SIGINT)"), message)
        XCTAssertTrue(message.contains("previous results"), message)
        XCTAssertEqual(try snapshot(directory), before, "the previous run's files, unchanged")
        let hidden = try entries(directory).filter { $0.hasPrefix(".") && $0 != ".backprop-run-files" }
        XCTAssertEqual(hidden, [], "no staging folder or temporary file left")
    }

    /// What a run killed outright (SIGKILL, power loss) left is removed by the next run.
    func testNextRunRemovesWhatAKilledRunLeft() throws {
        let directory = try ExecutableRunner.temporaryDirectory(self)
        // A process id that is certainly gone: a child that has exited.
        let child = Process()
        child.executableURL = URL(fileURLWithPath: "/bin/true")
        try child.run()
        child.waitUntilExit()
        let dead = child.processIdentifier
        let staging = directory.appendingPathComponent(".run-\(dead)")
        try FileManager.default.createDirectory(at: staging, withIntermediateDirectories: true)
        try Data("half a figure".utf8).write(to: staging.appendingPathComponent("fit.png"))
        try Data("partial".utf8).write(to: directory.appendingPathComponent(".loss.png.\(dead).12345.tmp"))
        try Data("mine".utf8).write(to: directory.appendingPathComponent("notes.txt"))

        let run = try ExecutableRunner.run("experiment-sine-fit", ["--quick", "--output", directory.path])
        XCTAssertEqual(run.status, 0, run.standardError)
        let names = try entries(directory)
        XCTAssertFalse(names.contains(".run-\(dead)"))
        XCTAssertFalse(names.contains(".loss.png.\(dead).12345.tmp"))
        XCTAssertTrue(names.contains("notes.txt"), "a file that no run wrote is the user's: left alone")
        XCTAssertTrue(names.contains("metrics.json"))
    }

    /// A file the previous run wrote and this run does not is removed, so the folder never
    /// shows a figure from another run.
    func testFilesOfThePreviousRunThatThisRunDoesNotWriteAreRemoved() throws {
        let directory = try ExecutableRunner.temporaryDirectory(self)
        XCTAssertEqual(try ExecutableRunner.run("experiment-sine-fit", ["--quick", "--output", directory.path]).status, 0)
        let manifest = directory.appendingPathComponent(".backprop-run-files")
        var listed = try String(contentsOf: manifest, encoding: .utf8)
        listed += "old-figure.png\n"
        try listed.write(to: manifest, atomically: true, encoding: .utf8)
        try Data("from an older version".utf8).write(to: directory.appendingPathComponent("old-figure.png"))
        XCTAssertEqual(try ExecutableRunner.run("experiment-sine-fit", ["--quick", "--output", directory.path]).status, 0)
        XCTAssertFalse(try entries(directory).contains("old-figure.png"))
    }

    /// An output location that is a regular file is refused at once, naming it, with nothing written.
    func testOutputThatIsAFileIsRefusedBeforeAnyWork() throws {
        let directory = try ExecutableRunner.temporaryDirectory(self)
        let file = directory.appendingPathComponent("results")
        try Data("not a folder".utf8).write(to: file)
        let start = Date()
        let run = try ExecutableRunner.run("experiment-sine-fit", ["--output", file.path])
        XCTAssertEqual(run.status, 1)
        XCTAssertTrue(run.standardError.contains("\(file.path): the output location exists and is not a directory"), run.standardError)
        XCTAssertLessThan(Date().timeIntervalSince(start), 10, "refused before training (a full run takes longer)")
        XCTAssertEqual(try Data(contentsOf: file), Data("not a folder".utf8))
    }
}
