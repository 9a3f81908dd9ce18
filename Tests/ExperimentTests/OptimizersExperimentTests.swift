import Foundation
import Plot
import Report
import XCTest

final class OptimizersExperimentTests: XCTestCase {
    static let problems = ["and-gate", "circles", "sine"], optimizers = ["gd", "momentum", "adam"]
    static let thresholds = ["and-gate": 0.05, "circles": 0.1, "sine": 0.005]

    /// One quick run, shared by the tests that only read it.
    nonisolated(unsafe) private static var quickRun: (output: URL, result: ExecutableRunner.Result)?

    private func quick() throws -> (output: URL, result: ExecutableRunner.Result) {
        if let run = Self.quickRun { return run }
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("optimizers-quick-\(UUID().uuidString)")
        let result = try ExecutableRunner.run("experiment-optimizers", ["--quick", "--output", output.path])
        XCTAssertEqual(result.status, 0, result.standardError)
        Self.quickRun = (output, result)
        return (output, result)
    }

    override class func tearDown() {
        if let output = quickRun?.output { try? FileManager.default.removeItem(at: output) }
        super.tearDown()
    }

    func testQuickRunWritesEveryFigureTheFilmAndAFilledDocument() throws {
        let (output, _) = try quick()
        let document = try ExecutableRunner.document(in: output)
        XCTAssertEqual(document.figures.map(\.file), ["final-losses.png", "steps-to-threshold.png", "and-gate.png", "circles.png", "sine.png"])
        for file in document.figures.map(\.file) {
            XCTAssertTrue(FileManager.default.fileExists(atPath: output.appendingPathComponent(file).path), file)
        }
        XCTAssertTrue(document.notebook?.source.contains("Notebook 001") ?? false)
        XCTAssertFalse(document.question?.isEmpty ?? true)
        XCTAssertFalse(document.setup.data?.isEmpty ?? true)
        for network in ["Linear(2 → 1)", "Linear(2 → 16)", "Linear(1 → 4)"] {
            XCTAssertTrue(document.setup.architecture?.contains(network) ?? false, "the set-up prints \(network)")
        }
        XCTAssertEqual(document.setup.hyperparameters.first { $0.name == "learning rate η" }?.value,
                       .text("gradient descent 0.5, momentum 0.1, Adam 0.02"), "the study's defaults")
        // One table per problem, one row per optimiser, human column names.
        XCTAssertEqual(document.results.count, 3)
        for table in document.results {
            XCTAssertEqual(table.rows.count, 3, table.title)
            XCTAssertFalse(table.columns.contains { $0.name.contains("_") }, "no raw keys in \(table.title)")
        }
        XCTAssertFalse(document.conclusion?.isEmpty ?? true)
        XCTAssertFalse(document.headline?.isEmpty ?? true)
        XCTAssertEqual(document.values["seeds"]?.arrayValue?.count, 3, "--quick runs 3 seeds")
    }

    /// The film shows the three optimisers side by side: every frame is three panels wide,
    /// the frames are in step order, and the losses they show are the runs' own.
    func testCirclesFilmHasThreeTracksInStepOrder() throws {
        let (output, _) = try quick()
        let document = try ExecutableRunner.document(in: output)
        let film = try XCTUnwrap(document.films.first)
        XCTAssertEqual(document.films.count, 1)
        XCTAssertEqual(film.frames.count, 16)
        XCTAssertEqual(film.frames.map(\.step), film.frames.map(\.step).sorted())
        XCTAssertEqual(film.frames.first?.step, 0)
        XCTAssertEqual(film.frames.last?.step, 499, "the last frame is the state of the last step of 500")
        XCTAssertTrue(FileManager.default.fileExists(atPath: output.appendingPathComponent(film.filmstrip).path))
        let losses = try XCTUnwrap(document.values["circles_film"]?["losses"])
        for optimizer in Self.optimizers {
            XCTAssertEqual(losses[optimizer]?.arrayValue?.count, 16, optimizer)
        }
        // The player shows the first track's losses.
        XCTAssertEqual(film.frames.map(\.loss), losses["gd"]?.arrayValue?.compactMap(\.doubleValue))
        let first = try PNGImage(contentsOf: output.appendingPathComponent(film.frames[0].file))
        let last = try PNGImage(contentsOf: output.appendingPathComponent(film.frames[15].file))
        XCTAssertEqual(first.width, 3 * 480, "three panels of 480 pixels")
        XCTAssertEqual(last.width, first.width)
        // Step 0 is the same network for all three: every track shows the same initial loss.
        let initial = Self.optimizers.map { losses[$0]?.arrayValue?.first?.doubleValue }
        XCTAssertEqual(Set(initial).count, 1, "same initial weights: \(initial)")
    }

    /// Success counts, intervals and the tables agree with the per-seed numbers in metrics.json.
    func testCountsEqualThePerSeedNumbers() throws {
        let (output, _) = try quick()
        let document = try ExecutableRunner.document(in: output)
        let results = try XCTUnwrap(document.values["results"])
        for (tableIndex, problem) in Self.problems.enumerated() {
            let threshold = try XCTUnwrap(results[problem]?["threshold"]?.doubleValue)
            XCTAssertEqual(threshold, Self.thresholds[problem])
            let table = document.results[tableIndex]
            let successColumn = try XCTUnwrap(table.columns.firstIndex { $0.name.hasPrefix("ended ≤") })
            let divergedColumn = try XCTUnwrap(table.columns.firstIndex { $0.name == "diverged" })
            for (row, optimizer) in Self.optimizers.enumerated() {
                let entry = try XCTUnwrap(results[problem]?["optimizers"]?[optimizer])
                let finals = try XCTUnwrap(entry["final_loss_per_seed"]?.arrayValue).map { $0.doubleValue ?? .nan }
                let diverged = try XCTUnwrap(entry["diverged_per_seed"]?.arrayValue).map { $0.boolValue! }
                let succeeded = try XCTUnwrap(entry["succeeded_per_seed"]?.arrayValue).map { $0.boolValue! }
                XCTAssertEqual(succeeded, zip(finals, diverged).map { !$1 && $0 <= threshold }, "\(problem) \(optimizer)")
                let successes = succeeded.filter { $0 }.count
                XCTAssertEqual(entry["successes"]?.doubleValue, Double(successes))
                XCTAssertEqual(entry["diverged_runs"]?.doubleValue, Double(diverged.filter { $0 }.count))
                XCTAssertEqual(table.rows[row][successColumn], .number(Double(successes)), "\(problem) \(optimizer)")
                XCTAssertEqual(table.rows[row][divergedColumn], .number(Double(diverged.filter { $0 }.count)))
                let interval = try XCTUnwrap(entry["success_interval_95"]?.arrayValue?.compactMap(\.doubleValue))
                XCTAssertTrue(interval[0] <= Double(successes) / 3 && Double(successes) / 3 <= interval[1], "\(interval)")
            }
        }
    }

    /// Each problem's figures show the seed whose final losses rank closest to the middle rank,
    /// summed over the optimisers (a diverged run ranks last; ties go to the earlier seed).
    func testFigureSeedFollowsTheStatedRule() throws {
        let output = try ExecutableRunner.temporaryDirectory(self)
        let result = try ExecutableRunner.run("experiment-optimizers", ["--quick", "--seeds", "5", "--steps", "200", "--output", output.path])
        XCTAssertEqual(result.status, 0, result.standardError)
        let document = try ExecutableRunner.document(in: output)
        let seeds = try XCTUnwrap(document.values["seeds"]?.arrayValue?.compactMap(\.doubleValue))
        for problem in Self.problems {
            let results = try XCTUnwrap(document.values["results"]?[problem])
            var distance = [Double](repeating: 0, count: seeds.count)
            for optimizer in Self.optimizers {
                let entry = try XCTUnwrap(results["optimizers"]?[optimizer])
                let finals = try XCTUnwrap(entry["final_loss_per_seed"]?.arrayValue).map { $0.doubleValue ?? .infinity }
                let diverged = try XCTUnwrap(entry["diverged_per_seed"]?.arrayValue).map { $0.boolValue! }
                let keys = finals.indices.map { diverged[$0] ? Double.infinity : finals[$0] }
                let order = keys.indices.sorted { (keys[$0], $0) < (keys[$1], $1) }
                for (rank, index) in order.enumerated() { distance[index] += abs(Double(rank) - Double(seeds.count - 1) / 2) }
            }
            let expected = distance.indices.min { (distance[$0], $0) < (distance[$1], $1) }!
            XCTAssertEqual(results["figure_seed"]?.doubleValue, seeds[expected], problem)
            let caption = try XCTUnwrap(document.figures.first { $0.file == "\(problem).png" }?.caption.source)
            XCTAssertTrue(caption.contains("seed \(Int(seeds[expected]))"), caption)
        }
    }

    func testSameSeedsGiveByteIdenticalMetrics() throws {
        let first = try ExecutableRunner.temporaryDirectory(self), second = try ExecutableRunner.temporaryDirectory(self)
        for output in [first, second] {
            let result = try ExecutableRunner.run("experiment-optimizers", ["--quick", "--seeds", "3", "--seed", "5", "--output", output.path])
            XCTAssertEqual(result.status, 0, result.standardError)
        }
        // Byte equality: the 27 runs share the cores in whatever order, which must not change a digit.
        XCTAssertEqual(try Data(contentsOf: first.appendingPathComponent("metrics.json")),
                       try Data(contentsOf: second.appendingPathComponent("metrics.json")))
        let seeds = try ExecutableRunner.document(in: first).values["seeds"]?.arrayValue?.compactMap(\.doubleValue)
        XCTAssertEqual(seeds, [5, 6, 7])
    }

    /// A huge Adam rate diverges on every seed: counted as diverged (not merely failed), said
    /// in the conclusion, the film still written; the other optimisers' runs are untouched.
    func testDivergenceIsCountedSeparatelyAndSaid() throws {
        let normal = try ExecutableRunner.temporaryDirectory(self), diverging = try ExecutableRunner.temporaryDirectory(self)
        for (output, extra) in [(normal, [String]()), (diverging, ["--lr-adam", "1000"])] {
            let result = try ExecutableRunner.run("experiment-optimizers", ["--quick", "--seeds", "2", "--steps", "60", "--output", output.path] + extra)
            XCTAssertEqual(result.status, 0, result.standardError)
        }
        let document = try ExecutableRunner.document(in: diverging)
        let adam = try XCTUnwrap(document.values["results"]?["circles"]?["optimizers"]?["adam"])
        XCTAssertEqual(adam["diverged_runs"]?.doubleValue, 2)
        XCTAssertEqual(adam["successes"]?.doubleValue, 0)
        XCTAssertEqual(adam["diverged_per_seed"]?.arrayValue, [.bool(true), .bool(true)])
        XCTAssertEqual(adam["final_loss_per_seed"]?.arrayValue?.compactMap(\.doubleValue).filter(\.isFinite), [], "a diverged run has no final loss")
        let conclusion = try XCTUnwrap(document.conclusion?.source)
        XCTAssertTrue(conclusion.contains("Adam diverged on 2 runs (seeds 0, 1)"), conclusion)
        XCTAssertFalse(conclusion.contains("No run diverged"), conclusion)
        XCTAssertTrue(try ExecutableRunner.document(in: normal).conclusion?.source.contains("No run diverged") ?? false)
        XCTAssertEqual(document.films.first?.frames.count, 16, "the film keeps every frame")
        let normalResults = try ExecutableRunner.document(in: normal).values["results"]
        for problem in Self.problems {
            XCTAssertEqual(document.values["results"]?[problem]?["optimizers"]?["gd"], normalResults?[problem]?["optimizers"]?["gd"], problem)
        }
    }

    /// The conclusion is written from the numbers: with too few steps nothing reaches a
    /// threshold and it says so; in the quick run it names the fastest optimiser on circles.
    func testConclusionFollowsTheRun() throws {
        let short = try ExecutableRunner.temporaryDirectory(self)
        let result = try ExecutableRunner.run("experiment-optimizers", ["--quick", "--seeds", "2", "--steps", "5", "--output", short.path])
        XCTAssertEqual(result.status, 0, result.standardError)
        let conclusion = try XCTUnwrap(try ExecutableRunner.document(in: short).conclusion?.source)
        XCTAssertEqual(conclusion.components(separatedBy: "No run reached").count - 1, 3, conclusion)
        XCTAssertFalse(conclusion.contains("all three optimisers ended"), conclusion)
        XCTAssertTrue(result.standardOutput.contains("No run reached 0.1 within 5 steps"), "the terminal mirrors the page")

        let (output, run) = try quick()
        let document = try ExecutableRunner.document(in: output)
        let circles = try XCTUnwrap(document.values["results"]?["circles"]?["optimizers"])
        let names = ["gd": "gradient descent", "momentum": "momentum", "adam": "Adam"]
        let fastest = try XCTUnwrap(Self.optimizers.compactMap { optimizer in
            circles[optimizer]?["median_steps_to_threshold"]?.doubleValue.map { (optimizer, $0) }
        }.min { ($0.1, $0.0) < ($1.1, $1.0) })
        let text = try XCTUnwrap(document.conclusion?.source)
        XCTAssertTrue(text.contains("Median steps to reach 0.1: \(names[fastest.0]!) \(Int(fastest.1.rounded()))"), text)
        XCTAssertTrue(text.contains("\(names[fastest.0]!) got there in fewer steps"), text)
        XCTAssertTrue(run.standardOutput.contains("Median steps to reach 0.1: \(names[fastest.0]!)"))
        // AND's seeds start within 0.01·randn of zero: the page says the runs are nearly identical, from the spread.
        let spread = try XCTUnwrap(document.values["results"]?["and-gate"]?["final_loss_relative_spread"]?.doubleValue)
        XCTAssertLessThan(spread, 0.01)
        XCTAssertTrue(text.contains("The AND seeds give nearly identical runs"), text)
    }

    func testHelpExplainsTheOptions() throws {
        let result = try ExecutableRunner.run("experiment-optimizers", ["--help"])
        XCTAssertEqual(result.status, 0)
        for option in ["--seeds", "--steps", "--lr-gd", "--lr-momentum", "--lr-adam", "--seed", "--output", "--quick"] {
            XCTAssertTrue(result.standardOutput.contains(option), option)
        }
    }
}
