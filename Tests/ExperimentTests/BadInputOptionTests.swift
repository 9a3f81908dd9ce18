import Foundation
import Report
import XCTest

/// Extreme and malformed option values (issue 16, findings 4 and 10): each is refused before
/// any work with a message naming the option and what it accepts, exit status 64 (usage),
/// nothing written; and the largest seeds work end to end.
final class BadInputOptionTests: XCTestCase {
    /// (executable, arguments, texts the message must contain).
    static let refused: [(String, [String], [String])] = [
        ("experiment-and-gate", ["--lr=1e19"], ["--lr must be in 1e-9 … 1e6, got 1e19"]),
        ("experiment-and-gate", ["--lr=1e300"], ["--lr must be in", "1e300"]),
        ("experiment-and-gate", ["--lr=-1"], ["--lr must be in"]),
        ("experiment-and-gate", ["--lr=nan"], ["--lr must be in", "nan"]),
        ("experiment-and-gate", ["--steps", "1000000000000"], ["--steps must be in 10 … 10,000,000, got 1,000,000,000,000"]),
        ("experiment-and-gate", ["--steps", "1e12"], ["--steps"]),
        ("experiment-and-gate", ["--seed", "18446744073709551616"], ["--seed"]),
        ("experiment-sine-fit", ["--lr-adam", "1e300"], ["--lr-adam must be in"]),
        ("experiment-sine-fit", ["--lr-gd=0"], ["--lr-gd must be in"]),
        ("experiment-sine-fit", ["--points", "1000000000000"], ["--points must be in 2 … 1,000,000"]),
        ("experiment-sine-fit", ["--steps", "1000000000000"], ["--steps must be in 1 … 10,000,000"]),
        ("experiment-sine-fit", ["--seeds", "0"], ["--seeds must be in 1 … 1,000, got 0"]),
        ("experiment-sine-fit", ["--frames", "1"], ["--frames must be in 2 … 64, got 1"]),
        ("experiment-sine-fit", ["--seeds", "1000", "--steps", "10000000"], ["--seeds × --steps must be at most"]),
        ("experiment-optimizers", ["--lr-adam=1e19"], ["--lr-adam must be in"]),
        ("experiment-optimizers", ["--steps", "1000000000000"], ["--steps must be in"]),
        ("experiment-optimizers", ["--seeds", "0"], ["--seeds must be in 1 … 1,000, got 0"]),
        ("experiment-optimizers", ["--seeds", "1000000000000"], ["--seeds must be in"]),
        ("experiment-gradient-flow", ["--lr=1e19"], ["--lr must be in 1e-9 … 1e6, got 1e19"]),
        ("experiment-gradient-flow", ["--depth", "1000000000000"], ["--depth must be in 1 … 32"]),
        ("experiment-gradient-flow", ["--width", "1000000000000"], ["--width must be in 1 … 512"]),
        ("sweep-lr", ["--lrs", "0.1,1e300"], ["--lrs must be in", "1e300"]),
        ("sweep-lr", ["--lrs", "0.1,abc"], ["--lrs", "'abc'"]),
        ("sweep-lr", ["--steps", "1000000000000"], ["--steps must be in"]),
        ("benchmark", ["--warmup=-1"], ["--warmup must be in 0 … 1,000, got -1"]),
        ("benchmark", ["--repeats", "0"], ["--repeats must be in 1 … 1,000, got 0"]),
        ("benchmark", ["--rounds", "1000000000000"], ["--rounds must be in"]),
        ("benchmark", ["--threads", "0"], ["--threads must be in"]),
        ("benchmark", ["--threads", "1,x"], ["--threads", "'1,x'"]),
        ("experiment-gradient-check", ["--seed=-1"], ["--seed"]),
        ("experiment-gradient-check", ["--output", ""], ["--output must name a folder"]),
        ("experiment-gradient-check", ["--output="], ["--output"]),
        ("predict-digit", ["--index=-1", "--idx", "images"], ["--index must be in"]),
        ("predict-digit", ["--index", "1000000000000", "--idx", "images"], ["--index must be in"]),
    ]

    func testExtremeOptionValuesAreRefusedBeforeAnyWork() throws {
        let directory = try ExecutableRunner.temporaryDirectory(self)
        for (executable, arguments, mentions) in Self.refused {
            let output = directory.appendingPathComponent("out-\(executable)")
            let ownOutput = executable == "predict-digit" || arguments.contains { $0.hasPrefix("--output") }
            let outcome = try BadInput.run(executable, arguments + (ownOutput ? [] : ["--output", output.path]))
            BadInput.assertRefused(outcome, status: 64...64, mentions: mentions)
            XCTAssertFalse(FileManager.default.fileExists(atPath: output.path), "\(executable) \(arguments): nothing written")
        }
    }

    /// Seeds from 2⁶³ up to 2⁶⁴ − 1 run every experiment to its end; metrics.json records
    /// the seed exactly (a JSON integer), the report reads it, and the run is reproducible.
    func testSeedsAbove2To63WorkEndToEndAndAreRecordedExactly() throws {
        let outputs = try ExecutableRunner.temporaryDirectory(self)
        let runs: [(String, [String])] = [
            ("experiment-and-gate", ["--quick", "--steps", "10"]),
            ("experiment-sine-fit", ["--quick", "--steps", "10"]),
            ("experiment-optimizers", ["--quick", "--steps", "10"]),
            ("experiment-gradient-flow", ["--quick", "--steps", "10"]),
            ("sweep-lr", ["--quick", "--steps", "10", "--lrs", "0.1,1"]),
            ("experiment-gradient-check", ["--quick"]),
        ]
        for (index, (executable, arguments)) in runs.enumerated() {
            let seed = index % 2 == 0 ? UInt64.max : UInt64(1) << 63
            let output = outputs.appendingPathComponent(executable)
            let run = try BadInput.run(executable, arguments + ["--seed", String(seed), "--output", output.path])
            XCTAssertEqual(run.reason, .exit)
            XCTAssertEqual(run.status, 0, "\(executable):\n\(run.standardError.suffix(600))")
            BadInput.assertNoCrashReport(run)
            let text = try String(contentsOf: output.appendingPathComponent("metrics.json"), encoding: .utf8)
            XCTAssertTrue(text.contains("\"seed\" : \(seed)"), "\(executable): the seed as a JSON integer")
            XCTAssertEqual(try ExecutableRunner.document(in: output).values["seed"], .unsigned(seed), executable)
        }
        let report = try BadInput.run("report", ["--outputs", outputs.path])
        XCTAssertEqual(report.status, 0, report.standardError)
        let page = try String(contentsOf: outputs.appendingPathComponent("experiment-and-gate/index.html"), encoding: .utf8)
        XCTAssertTrue(page.contains(String(UInt64.max)), "the page shows the seed as written")
    }
}
