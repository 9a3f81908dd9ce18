import ExperimentKit
import Foundation
import XCTest

/// experiment-and-gate: notebook 003's cells, XOR over seeds, the films and diagrams, and
/// claims that follow the run's numbers.
final class AndGateExperimentTests: XCTestCase {
    private struct Run {
        var output: URL
        var result: ExecutableRunner.Result
        var document: ExperimentDocument
        var values: [String: JSONValue] { document.values }
        var conclusion: String { document.conclusion?.source ?? "" }

        func table(_ prefix: String) throws -> ExperimentDocument.Table {
            try XCTUnwrap(document.results.first { $0.title.hasPrefix(prefix) }, "no table titled \(prefix)…")
        }
    }

    private func run(_ arguments: [String]) throws -> Run {
        let output = try ExecutableRunner.temporaryDirectory(self)
        let result = try ExecutableRunner.run("experiment-and-gate", arguments + ["--output", output.path])
        XCTAssertEqual(result.status, 0, result.standardError)
        return Run(output: output, result: result, document: try ExecutableRunner.document(in: output))
    }

    private func xorRuns(_ run: Run, _ key: String) throws -> [[String: JSONValue]] {
        let values = try XCTUnwrap(run.values[key]?.arrayValue, key)
        let objects = values.compactMap { value -> [String: JSONValue]? in
            if case .object(let object) = value { return object }
            return nil
        }
        XCTAssertEqual(objects.count, values.count, "\(key) holds one object per seed")
        return objects
    }

    // MARK: The notebook's cell and the page

    func testQuickRunLearnsAndAndWritesEveryPartOfThePage() throws {
        let run = try run(["--quick"])
        let after = try XCTUnwrap(run.values["and_predictions_after"]?.arrayValue?.compactMap(\.doubleValue))
        XCTAssertEqual(after.map { $0.rounded() }, [1, 0, 0, 0])
        XCTAssertEqual(run.values["and_correct"]?.doubleValue, 4)
        XCTAssertEqual(run.values["and_diverged"]?.boolValue, false)
        // Noise of σ = 0.15 can carry a point across the best line, so not every point must be right.
        XCTAssertGreaterThanOrEqual(try XCTUnwrap(run.values["float_and_correct"]?.doubleValue), 97)
        // The notebook's cell prints the loss ten times; the terminal and the page show the same numbers.
        let printed = try XCTUnwrap(run.values["and_printed_losses"]?.arrayValue)
        XCTAssertEqual(printed.count, 10)
        let lastPrinted = try XCTUnwrap(printed.last?["loss"]?.doubleValue)
        XCTAssertTrue(run.result.standardOutput.contains("step \(NumberFormat.integer.format(10_000)): log loss \(formatFixed(lastPrinted, decimals: 6))"),
                      run.result.standardOutput)
        XCTAssertTrue(run.result.standardOutput.contains("decision border (p = ½):"))

        let document = run.document
        XCTAssertTrue(document.notebook?.source.contains("Notebook 003") ?? false)
        XCTAssertFalse(document.question?.isEmpty ?? true)
        XCTAssertTrue(document.setup.architecture?.contains("Linear(2 → 1)") ?? false)
        XCTAssertTrue(document.setup.architecture?.contains("Linear(2 → 2)") ?? false)
        XCTAssertGreaterThanOrEqual(document.setup.hyperparameters.count, 8)
        XCTAssertGreaterThanOrEqual(document.results.count, 6)
        XCTAssertFalse(document.conclusion?.isEmpty ?? true)
        XCTAssertFalse(document.headline?.isEmpty ?? true)
        // Human column names, never raw keys.
        for table in document.results {
            for column in table.columns { XCTAssertFalse(column.name.contains("_"), "\(table.title): \(column.name)") }
        }
        // The terminal mirrors the page: its tables and its conclusion.
        for table in document.results { XCTAssertTrue(run.result.standardOutput.contains(table.title), table.title) }
        let firstConclusionWords = try XCTUnwrap(document.conclusion?.source.replacingOccurrences(of: "**", with: "").prefix(40))
        XCTAssertTrue(run.result.standardOutput.contains(firstConclusionWords))

        let figures = document.figures.map(\.file)
        XCTAssertEqual(figures, ["borders.png", "loss.png", "xor-seeds.png", "xor-final-losses.png", "and-neuron.png", "xor-network.png"])
        for file in figures {
            XCTAssertTrue(FileManager.default.fileExists(atPath: run.output.appendingPathComponent(file).path), file)
        }
        for figure in document.figures { XCTAssertFalse(figure.caption.isEmpty, figure.file) }
    }

    /// The diagrams sit in the document and on disk, with captions carrying the run's numbers.
    func testDiagramCaptionsCarryTheTrainedNumbers() throws {
        let run = try run(["--quick", "--seeds", "4"])
        let neuron = try XCTUnwrap(run.document.figures.first { $0.file == "and-neuron.png" })
        let after = try XCTUnwrap(run.values["and_predictions_after"]?.arrayValue?.first?.doubleValue)
        XCTAssertTrue(neuron.caption.source.contains("p = σ(z) = \(NumberFormat.fixed(4).format(after))"), neuron.caption.source)
        let border = try XCTUnwrap(run.values["and_border"])
        let z = try XCTUnwrap(border["w1"]?.doubleValue) + XCTUnwrap(border["w2"]?.doubleValue) + XCTUnwrap(border["b"]?.doubleValue)
        XCTAssertTrue(neuron.caption.source.contains("= \(NumberFormat.fixed(3).format(z)), p"), neuron.caption.source)

        let network = try XCTUnwrap(run.document.figures.first { $0.file == "xor-network.png" })
        let shownSeed = try XCTUnwrap(run.values["xor_shown_seed"]?.doubleValue)
        XCTAssertTrue(network.caption.source.contains("Seed \(Int(shownSeed))"))
        // A network that solved XOR answers XOR, and its caption says so.
        if try xorRuns(run, "xor_2_2_1_runs").contains(where: { $0["solved"]?.boolValue == true }) {
            XCTAssertTrue(network.caption.source.contains("(1, 0): XOR."), network.caption.source)
        }
        for file in ["and-neuron.png", "xor-network.png"] {
            let data = try Data(contentsOf: run.output.appendingPathComponent(file))
            XCTAssertEqual(Array(data.prefix(4)), [0x89, 0x50, 0x4E, 0x47], "\(file) is a PNG")
        }
    }

    /// Both films: 16 frames each in step order, on disk, the AND film's last frame carrying
    /// the loss the notebook's cell printed last.
    func testFilmsHaveSixteenFramesInStepOrderWithTheRunsLosses() throws {
        let run = try run(["--quick", "--seeds", "4"])
        let films = run.document.films
        XCTAssertEqual(films.count, 2)
        for film in films {
            XCTAssertEqual(film.frames.count, 16, film.title)
            XCTAssertEqual(film.frames.map(\.step), film.frames.map(\.step).sorted(), film.title)
            XCTAssertEqual(film.frames.first?.step, 0)
            XCTAssertEqual(film.frames.last?.step, 9_999, "the last frame is the state whose loss step 10,000 computes")
            for file in film.frames.map(\.file) + [film.filmstrip] {
                XCTAssertTrue(FileManager.default.fileExists(atPath: run.output.appendingPathComponent(file).path), file)
            }
            XCTAssertFalse(film.caption?.isEmpty ?? true)
        }
        let printed = try XCTUnwrap(run.values["and_printed_losses"]?.arrayValue?.last?["loss"]?.doubleValue)
        XCTAssertEqual(films[0].frames.last?.loss, printed, "frame at step 9 999 holds the loss step 10 000 computed")
        XCTAssertEqual(films[0].frames.first?.loss, run.values["and_loss_before"]?.doubleValue)
    }

    // MARK: XOR over seeds

    /// The success count, the outcome counts and the interval are the per-seed results'
    /// own, and every outcome agrees with that seed's outputs.
    func testXorCountsEqualThePerSeedResultsAndOutcomesMatchTheOutputs() throws {
        let run = try run(["--quick"])
        try assertCountsMatchThePerSeedResults(run)
        // The shown run is the first seed that solved XOR, trained again to the same numbers.
        let runs = try xorRuns(run, "xor_2_2_1_runs")
        let shown = try XCTUnwrap(run.values["xor_shown_seed"]?.doubleValue)
        let first = runs.first { $0["solved"]?.boolValue == true } ?? runs[0]
        XCTAssertEqual(first["seed"]?.doubleValue, shown)
        XCTAssertEqual(first["final_loss"]?.doubleValue, run.values["xor_shown_final_loss"]?.doubleValue)

        // The single neuron cannot do XOR: p = ½ everywhere, log loss ln 2, for every seed.
        for record in try xorRuns(run, "xor_neuron_runs") {
            for p in try XCTUnwrap(record["outputs"]?.arrayValue?.compactMap(\.doubleValue)) { XCTAssertEqual(p, 0.5, accuracy: 0.01) }
            XCTAssertEqual(try XCTUnwrap(record["final_loss"]?.doubleValue), log(2), accuracy: 1e-3)
        }
        XCTAssertTrue(run.conclusion.contains("does not learn XOR"))
    }

    /// At η 0.1 the 2-2-1 runs end every which way in 10,000 steps (the seed study: 25 % solved):
    /// plateaus with two, three and four corners stuck, runs still moving. Each is told from its outputs.
    func testSlowRunsEndInOutcomesReadFromTheirOutputs() throws {
        let run = try run(["--quick", "--lr-xor", "0.1"])
        try assertCountsMatchThePerSeedResults(run)
        let outcomes = Set(try xorRuns(run, "xor_2_2_1_runs").compactMap { $0["outcome"]?.stringValue })
        XCTAssertGreaterThanOrEqual(outcomes.count, 3, "\(outcomes)")
        XCTAssertFalse(run.result.standardOutput.contains("&"), "the terminal shows characters, not HTML references")
    }

    private func assertCountsMatchThePerSeedResults(_ run: Run) throws {
        let runs = try xorRuns(run, "xor_2_2_1_runs")
        XCTAssertEqual(runs.count, 8, "--quick runs 8 seeds")
        XCTAssertEqual(runs.compactMap { $0["seed"]?.doubleValue }, (0..<8).map(Double.init))
        let targets = [0.0, 1, 1, 0]
        var outcomes: [String: Int] = [:]
        var solved = 0
        for record in runs {
            let outputs = try XCTUnwrap(record["outputs"]?.arrayValue?.compactMap(\.doubleValue))
            let loss = try XCTUnwrap(record["final_loss"]?.doubleValue)
            let outcome = try XCTUnwrap(record["outcome"]?.stringValue)
            outcomes[outcome, default: 0] += 1
            let correct = zip(outputs, targets).filter { ($0 >= 0.5) == ($1 == 1) }.count
            XCTAssertEqual(record["correct"]?.doubleValue, Double(correct))
            // The log loss recomputed from the outputs.
            let recomputed = -zip(outputs, targets).map { p, y in y == 1 ? log(p) : log(1 - p) }.reduce(0, +) / 4
            XCTAssertEqual(loss, recomputed, accuracy: 1e-12)
            let isSolved = correct == 4 && loss <= 0.05
            XCTAssertEqual(record["solved"]?.boolValue, isSolved)
            XCTAssertEqual(outcome == "solved", isSolved)
            if isSolved { solved += 1 }
            if outcome.hasPrefix("plateau_") {
                let stuck = try XCTUnwrap(Int(outcome.split(separator: "_")[1]))
                let unlearned = outputs.indices.filter { abs(outputs[$0] - targets[$0]) >= 0.2 }
                XCTAssertEqual(unlearned.count, stuck, "\(record)")
                let meanTarget = unlearned.map { targets[$0] }.reduce(0, +) / Double(stuck)
                for index in unlearned { XCTAssertEqual(outputs[index], meanTarget, accuracy: 0.05, "\(record)") }
            }
        }
        XCTAssertEqual(run.values["xor_2_2_1_successes"]?.doubleValue, Double(solved))
        guard case .object(let counted)? = run.values["xor_2_2_1_outcomes"] else { return XCTFail("no outcome counts") }
        XCTAssertEqual(counted.mapValues { $0.doubleValue ?? -1 }, outcomes.mapValues(Double.init))
        let interval = Distribution.wilsonInterval(successes: solved, of: runs.count)
        XCTAssertEqual(run.values["xor_2_2_1_success_interval"]?.arrayValue?.compactMap(\.doubleValue), [interval.lowerBound, interval.upperBound])

        // The page's table and conclusion say the same count.
        let table = try run.table("XOR from 8 random starts")
        XCTAssertEqual(table.rows[1][3], .number(Double(solved)))
        if solved > 0 && solved < runs.count {
            XCTAssertTrue(run.conclusion.contains("solved XOR from \(solved) of \(runs.count) starts"), run.conclusion)
        } else if solved == 0 {
            XCTAssertTrue(run.conclusion.contains("solved XOR from none of its \(runs.count) starts"), run.conclusion)
        }
    }

    func testFourSeedsQuickIsDeterministic() throws {
        let first = try run(["--quick", "--seeds", "4", "--seed", "11"])
        let second = try run(["--quick", "--seeds", "4", "--seed", "11"])
        let a = try Data(contentsOf: first.output.appendingPathComponent("metrics.json"))
        let b = try Data(contentsOf: second.output.appendingPathComponent("metrics.json"))
        XCTAssertEqual(a, b)
        XCTAssertGreaterThan(a.count, 2_000)
        XCTAssertEqual(try xorRuns(first, "xor_2_2_1_runs").compactMap { $0["seed"]?.doubleValue }, [11, 12, 13, 14])
        let other = try run(["--quick", "--seeds", "4", "--seed", "12"])
        XCTAssertNotEqual(try Data(contentsOf: other.output.appendingPathComponent("metrics.json")), a, "another seed, other numbers")
    }

    // MARK: Claims that follow the run (issue 16, finding 11)

    /// Ten steps solve nothing: the page must not say anything was learned or solved.
    func testTenStepsClaimNothingLearned() throws {
        let run = try run(["--quick", "--steps", "10", "--seeds", "4"])
        XCTAssertEqual(run.values["xor_2_2_1_successes"]?.doubleValue, 0)
        XCTAssertTrue(run.conclusion.contains("solved XOR from none of its 4 starts** in 10 steps"), run.conclusion)
        XCTAssertTrue(run.conclusion.contains("No seed solved XOR"), run.conclusion)
        XCTAssertTrue(run.conclusion.contains("not learned in this run"), run.conclusion)
        for phrase in ["One neuron learns AND", "learns XOR from", "before one solved it", "the first of the seeds"] {
            XCTAssertFalse(run.conclusion.contains(phrase), "claims '\(phrase)' after 10 steps: \(run.conclusion)")
        }
        XCTAssertTrue(run.document.headline?.contains("0/4 seeds") ?? false, run.document.headline ?? "")
        let outcomes = try run.table("How the 2-2-1 runs on XOR ended").rows.map { $0[0] }
        XCTAssertFalse(outcomes.contains { if case .text(let text) = $0 { text.hasPrefix("solved") } else { false } })
        XCTAssertTrue(run.result.standardOutput.contains("solved XOR from none of its 4 starts"))
    }

    /// η = 10⁶ diverges at the second step: the table, the page, metrics.json and the terminal say so.
    func testHugeLearningRateIsReportedAsDiverged() throws {
        let run = try run(["--quick", "--seeds", "2", "--lr", "1e6"])
        XCTAssertEqual(run.values["and_diverged"]?.boolValue, true)
        XCTAssertEqual(run.values["and_diverged_at_step"]?.doubleValue, 2)
        XCTAssertEqual(run.values["float_and_diverged"]?.boolValue, true)
        let learned = try run.table("What the single neuron learns")
        XCTAssertEqual(learned.rows[0].last, .text("diverged at step 2 (log loss 9.01)"))
        XCTAssertTrue(run.conclusion.contains("the single neuron diverged on AND"), run.conclusion)
        XCTAssertFalse(run.conclusion.contains("One neuron learns AND"))
        XCTAssertTrue(run.document.headline?.hasPrefix("AND diverged at η 1e6") ?? false, run.document.headline ?? "")
        let lossTable = try run.table("AND as in the notebook")
        XCTAssertTrue(lossTable.caption?.source.hasPrefix("**Diverged** at step 2") ?? false)
        XCTAssertTrue(run.result.standardOutput.contains("diverged at step 2"))
        // The 2-2-1 network has its own η and still trains.
        XCTAssertEqual(try xorRuns(run, "xor_2_2_1_runs").filter { $0["outcome"]?.stringValue == "diverged" }.count, 0)
    }

    // MARK: Options

    func testHelpNamesEveryOption() throws {
        let result = try ExecutableRunner.run("experiment-and-gate", ["--help"])
        XCTAssertEqual(result.status, 0)
        for option in ["--seed", "--seeds", "--lr", "--lr-xor", "--steps", "--output", "--quick"] {
            XCTAssertTrue(result.standardOutput.contains(option), option)
        }
    }

    func testInvalidOptionsAreRejectedWithAMessage() throws {
        for (arguments, message) in [(["--lr=-1"], "--lr must be in 1e-9 … 1e6, got -1"),
                                     (["--lr-xor", "0"], "--lr-xor must be in"),
                                     (["--seeds", "0"], "--seeds must be in 1 … 10,000, got 0"),
                                     (["--seeds", "10000", "--steps", "100000"], "--seeds × --steps must be at most")] {
            let result = try ExecutableRunner.run("experiment-and-gate", arguments)
            XCTAssertNotEqual(result.status, 0)
            XCTAssertTrue(result.standardError.contains(message), "\(arguments): \(result.standardError)")
        }
    }
}
