import Foundation
import XCTest
import Report

final class SweepLearningRateTests: XCTestCase {
    private let divergingSweep = ["--problem", "circles", "--lrs", "0.01,0.1,1,1000", "--steps", "200"]

    func testDivergedRateIsReportedWhileTheOthersFinishAndThePageIsFilled() throws {
        let output = try ExecutableRunner.temporaryDirectory(self)
        let result = try ExecutableRunner.run("sweep-lr", divergingSweep + ["--output", output.path])
        XCTAssertEqual(result.status, 0, result.standardError)
        let document = try ExecutableRunner.document(in: output)
        let runs = try XCTUnwrap(document.values["runs"]?.arrayValue)
        let divergedByRate = Dictionary(uniqueKeysWithValues: runs.compactMap { run in
            run["learning_rate"]?.doubleValue.map { ($0, run["diverged"]?.boolValue) }
        })
        XCTAssertEqual(divergedByRate, [0.01: false, 0.1: false, 1: false, 1000: true])
        XCTAssertEqual(runs.last?["status"]?.stringValue?.hasPrefix("diverged at step"), true)
        XCTAssertEqual(document.figures.map(\.file), ["curves.png", "final-loss.png"])
        for figure in document.figures.map(\.file) {
            XCTAssertTrue(FileManager.default.fileExists(atPath: output.appendingPathComponent(figure).path), figure)
        }
        XCTAssertTrue(document.notebook?.source.contains("Notebook 003") ?? false)
        XCTAssertFalse(document.question?.isEmpty ?? true)
        XCTAssertTrue(document.setup.architecture?.contains("Linear(2 → 16)") ?? false)
        // The table has every rate, with the diverged one said.
        let table = try XCTUnwrap(document.results.first)
        XCTAssertEqual(table.rows.map { $0[0] }, [.number(0.01), .number(0.1), .number(1), .number(1000)])
        let divergedColumn = try XCTUnwrap(table.columns.firstIndex { $0.name == "diverged" })
        XCTAssertEqual(table.rows.map { $0[divergedColumn].formatted().hasPrefix("yes") }, [false, false, false, true])
        XCTAssertTrue(document.conclusion?.source.contains("1 rate diverged (η = 1000)") ?? false, document.conclusion?.source ?? "")
        XCTAssertTrue(document.figures[1].caption.source.contains("the 1 rate that diverged"), document.figures[1].caption.source)
    }

    /// The conclusion names the rate with the lowest final loss among those that did not diverge.
    func testConclusionNamesTheLowestFinalLossAmongCompletedRates() throws {
        let output = try ExecutableRunner.temporaryDirectory(self)
        let result = try ExecutableRunner.run("sweep-lr", divergingSweep + ["--output", output.path])
        XCTAssertEqual(result.status, 0, result.standardError)
        let document = try ExecutableRunner.document(in: output)
        let completed = try XCTUnwrap(document.values["runs"]?.arrayValue).filter { $0["diverged"]?.boolValue == false }
        let lowest = try XCTUnwrap(completed.min { $0["final_loss"]!.doubleValue! < $1["final_loss"]!.doubleValue! })
        let rate = try XCTUnwrap(lowest["learning_rate"]?.doubleValue)
        XCTAssertEqual(document.values["best_learning_rate"]?.doubleValue, rate)
        XCTAssertEqual(document.values["best_final_loss"]?.doubleValue, lowest["final_loss"]?.doubleValue)
        let conclusion = try XCTUnwrap(document.conclusion?.source)
        XCTAssertTrue(conclusion.contains("The best rate is η = \(NumberFormat.compact.format(rate))"), conclusion)
        XCTAssertTrue(result.standardOutput.contains("The best rate is η = \(NumberFormat.compact.format(rate))"), "the terminal mirrors the page")
        XCTAssertTrue(document.headline?.contains("best η = \(NumberFormat.compact.format(rate))") ?? false)
    }

    func testEveryRateDivergingLeavesNoBestRate() throws {
        let output = try ExecutableRunner.temporaryDirectory(self)
        let result = try ExecutableRunner.run("sweep-lr", ["--problem", "circles", "--lrs", "1e5,1e6", "--steps", "20", "--output", output.path])
        XCTAssertEqual(result.status, 0, result.standardError)
        let document = try ExecutableRunner.document(in: output)
        XCTAssertEqual(document.values["best_learning_rate"], .null)
        let conclusion = try XCTUnwrap(document.conclusion?.source)
        XCTAssertTrue(conclusion.contains("diverged") && conclusion.contains("there is no best rate"), conclusion)
        XCTAssertFalse(document.figures[1].caption.source.contains("ring"), "no best rate is marked")
    }

    /// The curves' caption describes what was drawn: a legend for a few rates, a colour bar for many.
    func testCurvesCaptionMatchesLegendOrColourBar() throws {
        let few = try ExecutableRunner.temporaryDirectory(self), many = try ExecutableRunner.temporaryDirectory(self)
        for (output, arguments) in [(few, ["--lrs", "0.01,0.1,1"]), (many, [])] {
            let result = try ExecutableRunner.run("sweep-lr", ["--quick", "--steps", "20", "--output", output.path] + arguments)
            XCTAssertEqual(result.status, 0, result.standardError)
        }
        let fewCaption = try XCTUnwrap(ExecutableRunner.document(in: few).figures.first?.caption.source)
        let manyCaption = try XCTUnwrap(ExecutableRunner.document(in: many).figures.first?.caption.source)
        XCTAssertTrue(fewCaption.contains("named in the legend"), fewCaption)
        XCTAssertFalse(fewCaption.contains("colour bar"), fewCaption)
        XCTAssertTrue(manyCaption.contains("colour bar"), manyCaption)
        XCTAssertEqual(try ExecutableRunner.document(in: many).results.first?.rows.count, 20, "the default grid has 20 rates")
    }

    func testSameSeedGivesByteIdenticalMetrics() throws {
        let first = try ExecutableRunner.temporaryDirectory(self)
        let second = try ExecutableRunner.temporaryDirectory(self)
        for output in [first, second] {
            let result = try ExecutableRunner.run("sweep-lr", divergingSweep + ["--seed", "7", "--output", output.path])
            XCTAssertEqual(result.status, 0, result.standardError)
        }
        // Byte equality, not numeric closeness: the runs share the cores in whatever order
        // the scheduler picks, and that must not change a single digit.
        XCTAssertEqual(try Data(contentsOf: first.appendingPathComponent("metrics.json")),
                       try Data(contentsOf: second.appendingPathComponent("metrics.json")))
    }

    func testHelpExplainsTheOptions() throws {
        let result = try ExecutableRunner.run("sweep-lr", ["--help"])
        XCTAssertEqual(result.status, 0)
        for option in ["--problem", "--optimizer", "--lrs", "--steps", "--seed", "--output", "--quick"] {
            XCTAssertTrue(result.standardOutput.contains(option), option)
        }
    }
}

final class SweepMNISTTests: XCTestCase {
    func testMNISTSweepWithoutDataSaysHowToGetIt() throws {
        let output = try ExecutableRunner.temporaryDirectory(self)
        let result = try ExecutableRunner.run("sweep-lr", ["--problem", "mnist", "--data-dir", "/nonexistent/mnist-data",
                                                           "--output", output.path])
        XCTAssertNotEqual(result.status, 0)
        XCTAssertTrue(result.standardError.contains("make data"), result.standardError)
        XCTAssertTrue(result.standardError.contains("/nonexistent/mnist-data"), result.standardError)
    }
}
