import Foundation
import XCTest

/// Output locations no run can use, a full disk, another user's folder, interrupted runs and
/// the leftovers of killed ones (issue 16, findings 3, 5 and 8): every case is refused or
/// stopped with the folder and the cause named, exit status 1, and leaves the folder as it was.
final class BadInputOutputTests: XCTestCase {
    /// Every executable that writes an output folder, with arguments for a run of a second or less.
    static let writers: [(String, [String])] = [
        ("experiment-and-gate", ["--quick", "--steps", "10"]),
        ("experiment-sine-fit", ["--quick", "--steps", "10"]),
        ("experiment-optimizers", ["--quick", "--steps", "10"]),
        ("sweep-lr", ["--quick", "--steps", "10", "--lrs", "0.1,1"]),
        ("experiment-gradient-check", ["--quick"]),
        ("benchmark", ["--quick", "--skip-python", "--scenarios", "matmul", "--threads", "1"]),
    ]

    func testUnusableOutputLocationsAreRefusedBeforeAnyWorkNamingTheCause() throws {
        let directory = try ExecutableRunner.temporaryDirectory(self)
        let file = directory.appendingPathComponent("a-file")
        try Data("mine".utf8).write(to: file)
        let longName = directory.appendingPathComponent(String(repeating: "n", count: 300))
        let longPath = directory.appendingPathComponent(Array(repeating: "deep", count: 900).joined(separator: "/"))
        let locations: [(path: String, cause: String)] = [
            (file.path, "the output location exists and is not a directory"),
            (file.appendingPathComponent("inside").path, "\(file.path) is not a directory"),
            ("/proc/backprop-output", "cannot create folders in /proc"),
            (longName.path, "over the system's limit of 255"),
            (longPath.path, "over the system's limit of 4095"),
        ]
        for (executable, arguments) in Self.writers {
            for location in locations {
                let start = Date()
                let outcome = try BadInput.run(executable, arguments + ["--output", location.path])
                BadInput.assertRefused(outcome, status: 1...1, mentions: [String(location.path.prefix(60)), location.cause])
                XCTAssertLessThan(Date().timeIntervalSince(start), 5, "\(executable): refused before any work")
            }
        }
        XCTAssertEqual(try Data(contentsOf: file), Data("mine".utf8))
        XCTAssertEqual(BadInput.entries(directory), ["a-file"], "nothing created")
    }

    /// A folder the user may not write to, as an unprivileged user (nobody, when the tests
    /// run as root; otherwise a folder made read-only).
    func testUnwritableFolderIsRefusedNamingThePermission() throws {
        let directory = try ExecutableRunner.temporaryDirectory(self)
        let locked = directory.appendingPathComponent("locked")
        try FileManager.default.createDirectory(at: locked, withIntermediateDirectories: true)
        let existing = locked.appendingPathComponent("results")
        try FileManager.default.createDirectory(at: existing, withIntermediateDirectories: true)
        let user: String?
        if BadInput.isRoot {
            user = "nobody"   // root may write anywhere; nobody may not write into root's 0755 folders
        } else {
            user = nil
            chmod(existing.path, 0o555)
            chmod(locked.path, 0o555)
            addTeardownBlock { chmod(locked.path, 0o755); chmod(existing.path, 0o755) }
        }
        for (executable, arguments) in Self.writers.prefix(5) {
            let new = try BadInput.run(executable, arguments + ["--output", locked.appendingPathComponent("new").path], as: user)
            BadInput.assertRefused(new, status: 1...1, mentions: ["cannot create folders in \(locked.path) (Permission denied)"])
            let old = try BadInput.run(executable, arguments + ["--output", existing.path], as: user)
            BadInput.assertRefused(old, status: 1...1, mentions: [existing.path, "the output directory is not writable (Permission denied)"])
        }
        let report = try BadInput.run("report", ["--outputs", existing.path], as: user)
        BadInput.assertRefused(report, status: 1...1, mentions: [existing.path, "not writable (Permission denied)"])
        XCTAssertEqual(BadInput.entries(locked), ["results"], "nothing written")
    }

    /// A full disk (a 1 MB tmpfs, filled once the first run has written its results): the
    /// second run fails naming the file and "No space left on device", and the first run's
    /// files stay byte for byte, with no staging folder or temporary file beside them.
    func testFullDiskKeepsThePreviousResultsAndNamesTheFile() throws {
        guard BadInput.isRoot else { throw XCTSkip("mounting a small tmpfs needs root; the full-disk case is not run") }
        let directory = try ExecutableRunner.temporaryDirectory(self)
        let disk = directory.appendingPathComponent("disk")
        try FileManager.default.createDirectory(at: disk, withIntermediateDirectories: true)
        let mount = Process()
        mount.executableURL = URL(fileURLWithPath: "/bin/mount")
        mount.arguments = ["-t", "tmpfs", "-o", "size=1m", "tmpfs", disk.path]
        mount.standardError = FileHandle.nullDevice
        try mount.run()
        mount.waitUntilExit()
        guard mount.terminationStatus == 0 else { throw XCTSkip("this machine does not allow mounting a tmpfs; the full-disk case is not run") }
        addTeardownBlock {
            let unmount = Process()
            unmount.executableURL = URL(fileURLWithPath: "/bin/umount")
            unmount.arguments = ["-l", disk.path]
            try? unmount.run()
            unmount.waitUntilExit()
        }
        let output = disk.appendingPathComponent("and-gate")
        let first = try BadInput.run("experiment-and-gate", ["--quick", "--steps", "10", "--output", output.path])
        XCTAssertEqual(first.status, 0, first.standardError)
        let before = try BadInput.snapshot(output)
        XCTAssertNotNil(before["borders.png"])

        // Fill what is left, 4 KB at a time, until the file system refuses.
        let filler = open(disk.appendingPathComponent("filler").path, O_WRONLY | O_CREAT, 0o644)
        let block = [UInt8](repeating: 0x55, count: 4096)
        while block.withUnsafeBytes({ write(filler, $0.baseAddress, $0.count) }) > 0 {}
        close(filler)

        let second = try BadInput.run("experiment-and-gate", ["--quick", "--steps", "10", "--seed", "3", "--output", output.path])
        BadInput.assertRefused(second, status: 1...1, mentions: ["could not write \(output.path)/", "No space left on device"])
        XCTAssertFalse(second.standardError.contains(".run-"), "the file is named where it was going, not in the staging folder")
        XCTAssertEqual(try BadInput.snapshot(output), before, "the previous run's files, unchanged")

        let fresh = disk.appendingPathComponent("fresh")
        let third = try BadInput.run("experiment-and-gate", ["--quick", "--steps", "10", "--output", fresh.path])
        BadInput.assertRefused(third, status: 1...1, mentions: [fresh.path, "No space left on device"])
        XCTAssertFalse(FileManager.default.fileExists(atPath: fresh.path), "a failed first run leaves no folder")
    }

    /// SIGTERM during a first run: exit status 1 with a line saying so, and the folder the
    /// run created is gone; SIGINT during a parallel sweep with previous results keeps them.
    func testInterruptedRunsLeaveNothingOfThemselves() throws {
        let directory = try ExecutableRunner.temporaryDirectory(self)
        let fresh = directory.appendingPathComponent("fresh")
        let first = try interrupt("experiment-sine-fit", ["--steps", "3000000", "--output", fresh.path], watching: fresh, with: SIGTERM)
        BadInput.assertRefused(first, status: 1...1, mentions: ["interrupted (SIGTERM): nothing of this run was kept"])
        XCTAssertFalse(first.standardError.contains("previous results"), "there were none")
        XCTAssertFalse(FileManager.default.fileExists(atPath: fresh.path), "the folder the run created is removed")

        let sweep = directory.appendingPathComponent("sweep")
        let previous = try BadInput.run("sweep-lr", ["--quick", "--steps", "10", "--lrs", "0.1,1", "--output", sweep.path])
        XCTAssertEqual(previous.status, 0, previous.standardError)
        let before = try BadInput.snapshot(sweep)
        let second = try interrupt("sweep-lr", ["--steps", "2000000", "--lrs", "0.01,0.1", "--seed", "5", "--output", sweep.path], watching: sweep, with: SIGINT)
        BadInput.assertRefused(second, status: 1...1, mentions: ["interrupted (SIGINT)", "\(sweep.path) holds the previous results, unchanged"])
        XCTAssertEqual(try BadInput.snapshot(sweep), before)
    }

    /// Temporary files and staging folders of processes that are gone are removed by the
    /// next run; those of a process still running (another run into the same folder) stay.
    func testLeftoversOfDeadProcessesGoAndThoseOfLiveOnesStay() throws {
        let directory = try ExecutableRunner.temporaryDirectory(self)
        let child = Process()
        child.executableURL = URL(fileURLWithPath: "/bin/true")
        try child.run()
        child.waitUntilExit()
        let dead = child.processIdentifier, alive = getpid()
        let stale = [".metrics.json.\(dead).777.tmp", ".borders.png.\(dead).1.tmp", ".run-\(dead)"]
        let live = [".metrics.json.\(alive).777.tmp", ".run-\(alive)"]
        for name in stale + live {
            if name.hasPrefix(".run-") {
                try FileManager.default.createDirectory(at: directory.appendingPathComponent(name), withIntermediateDirectories: true)
                try Data("half".utf8).write(to: directory.appendingPathComponent(name).appendingPathComponent("loss.png"))
            } else {
                try Data(repeating: 0x42, count: 32_000).write(to: directory.appendingPathComponent(name))
            }
        }
        let run = try BadInput.run("experiment-and-gate", ["--quick", "--steps", "10", "--output", directory.path])
        XCTAssertEqual(run.status, 0, run.standardError)
        let names = Set(try FileManager.default.contentsOfDirectory(atPath: directory.path))
        for name in stale { XCTAssertFalse(names.contains(name), "\(name) of a dead process is removed") }
        for name in live { XCTAssertTrue(names.contains(name), "\(name) of a running process is left alone") }
        XCTAssertEqual(names.subtracting(live), [".backprop-run-files", "borders.png", "loss.png", "xor-seeds.png", "xor-final-losses.png",
                                                 "and-neuron.png", "xor-network.png", "films", "metrics.json"])
    }

    /// Starts a run, waits until it has begun writing (its staging folder exists), sends `signal`.
    private func interrupt(_ name: String, _ arguments: [String], watching folder: URL, with signal: Int32) throws -> BadInput.Outcome {
        let process = Process()
        process.executableURL = ExecutableRunner.buildDirectory.appendingPathComponent(name)
        process.arguments = arguments
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        let deadline = Date().addingTimeInterval(20)
        while Date() < deadline, !BadInput.entries(folder).contains(where: { $0.hasPrefix(".run-") }) { usleep(20_000) }
        usleep(200_000)
        kill(process.processIdentifier, signal)
        let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return BadInput.Outcome(reason: process.terminationReason, status: process.terminationStatus, standardOutput: "", standardError: message)
    }
}
