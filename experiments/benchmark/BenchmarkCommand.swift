// benchmark: our library against PyTorch eager and a notebook-style numpy implementation,
// on the course's scenarios, at 1 and 2 BLAS threads.
import ArgumentParser
import Backprop
import ExperimentKit
import Foundation
import Plot

@main
struct BenchmarkCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "benchmark",
        abstract: "Time training and matrix products against PyTorch and numpy.",
        discussion: """
        Scenarios (--scenarios, comma-separated):
          mnist   notebook 004: Linear(784→10) + Sigmoid, MSE, SGD, batch 600,
                  one epoch of 50,000 (Float, Double)
          mlp     784-256-128-10 ReLU, softmax + cross-entropy, Adam, batch 128,
                  one epoch (Float); GFLOP/s and share of FP32 peak; and its
                  products alone on a batch in cache (ours only: the ceiling)
          tiny    AND gate (4 samples, 100,000 GD steps) and the 1-4-4-1 sine
                  fit (100 points, 20,000 Adam steps), µs per step
          matmul  C = A·B at 256, 512, 1024 (Float, Double)
        Data are synthetic in MNIST's shapes. Each time is the median over
        --repeats after --warmup runs. The Python baselines (bench/*.py) run as
        subprocesses with the same thread count and time the tiny networks over
        a 2,000-step slice. Writes bench.json, metrics.json and bench.png.
        """
    )

    @OptionGroup var common: ExperimentOptions

    @Option(help: "BLAS thread counts to measure, comma-separated.")
    var threads = "1,2"

    @Option(help: "Scenario groups to run, comma-separated: mnist, mlp, tiny, matmul.")
    var scenarios = Scenarios.groups.joined(separator: ",")

    @Flag(help: "Do not run the Python baselines (they are also skipped, with a note, when torch or numpy is missing).")
    var skipPython = false

    @Option(help: "The Python interpreter for the baselines.")
    var python = "python3"

    @Option(help: ArgumentHelp("Directory holding numpy_baseline.py and torch_baseline.py (default: bench; the baselines are skipped, with a note, when it is missing).", valueName: "dir"))
    var benchDirectory: String?

    @Option(help: "Timed repetitions per case (default 5, 1 with --quick).")
    var repeats: Int?

    @Option(help: "Untimed warm-up runs per case (default 1, 0 with --quick).")
    var warmup: Int?

    @Option(help: "Rounds of ours-then-baselines per thread count (default 3, 1 with --quick).")
    var rounds: Int?

    @Flag(help: .hidden) var rssProbe = false

    func validate() throws {
        let unknown = scenarioGroups.subtracting(Scenarios.groups)
        guard unknown.isEmpty else { throw ValidationError("unknown scenarios \(unknown.sorted()); known: \(Scenarios.groups.joined(separator: ", "))") }
        let counts = threads.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        guard !counts.isEmpty, counts.allSatisfy({ Int($0) != nil }) else { throw ValidationError("--threads needs comma-separated counts, e.g. 1,2; got '\(threads)'") }
        for count in threadCounts { try OptionCheck.value(count, of: "--threads", in: 1...256) }
        try OptionCheck.value(repeats, of: "--repeats", in: 1...1_000)
        try OptionCheck.value(warmup, of: "--warmup", in: 0...1_000)
        try OptionCheck.value(rounds, of: "--rounds", in: 1...100)
        // A folder the user typed must exist; the default may be missing (run elsewhere).
        if !skipPython { try OptionCheck.existingDirectory(benchDirectory, of: "--bench-directory") }
    }

    var scenarioGroups: Set<String> { Set(scenarios.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }) }
    var threadCounts: [Int] { threads.split(separator: ",").compactMap { Int($0.trimmingCharacters(in: .whitespaces)) } }
    var sizes: Sizes { common.quick ? .quick : .full }
    var roundCount: Int { rounds ?? (common.quick ? 1 : 3) }

    func run() throws {
        if rssProbe { return ResidentSetProbe.runChild(samples: sizes.samples, seed: common.seed) }
        let output = try common.outputDirectory(for: "benchmark")
        let peak = Machine.fp32Peak()
        let warmupRuns = warmup ?? (common.quick ? 0 : 1)
        let repetitions = repeats ?? (common.quick ? 1 : 5)
        let cases = Scenarios.cases(groups: scenarioGroups, sizes: sizes, seed: common.seed)
        let blas = BLAS.configuration
        let before = Machine.loadAverage()
        print("CPU: \(blas.cpu.description), \(peak.logicalCPUs) logical CPUs")
        print("BLAS: \(blas.summary)")
        if let advice = blas.advice { print("note: \(advice)") }
        print("FP32 peak: \(peak.derivation)")
        print("Load average before: \(before.map { formatFixed($0, decimals: 2) }.joined(separator: ", ")) (1, 5, 15 min)")
        print("Each time is the median of \(repetitions) after \(warmupRuns) warm-up run(s) in each of \(roundCount) round(s); a round times ours, "
              + "PyTorch and numpy case by case, so that a slower stretch of a shared machine affects all three; ratios are the median of the rounds' ratios.\n")

        var rows: [ResultRow] = []
        var skipped: [String: String] = [:]
        var peerBLAS: [String: String] = [:]
        // Largest count first: OpenBLAS 0.3.21 (Debian) can lower its thread count with
        // openblas_set_num_threads but, once lowered to 1, measured no speed-up when raised
        // back to 2 (1024² sgemm stayed at 16 ms instead of 8 ms).
        for threadCount in threadCounts.sorted(by: >) {
            Machine.setBLASThreads(threadCount)
            var baselines: [PythonBaseline] = []
            for name in ["torch", "numpy"] {
                guard !skipPython else { skipped[name] = "--skip-python"; continue }
                do {
                    let baseline = try PythonBaseline(name: name, python: python, directory: benchDirectory ?? "bench", threads: threadCount,
                                                      samples: sizes.samples, steps: common.quick ? 100 : 2_000)
                    baselines.append(baseline)
                    peerBLAS[name] = baseline.blas
                } catch {
                    skipped[name] = error.reason
                    print("  \(name) baseline skipped: \(error.reason)")
                }
            }
            let first = rows.count
            let bodies = cases.map { $0.prepare() }
            rows += cases.map { ResultRow(benchmarkCase: $0, threads: threadCount) }
            for round in 0..<roundCount {
                for (offset, body) in bodies.enumerated() {
                    let benchmarkCase = cases[offset], warmupNow = round == 0 ? warmupRuns : 0
                    Machine.settle()
                    let timed = Timing.median(of: body, warmup: warmupNow, repeats: repetitions)
                    rows[first + offset].ours.append(timed)
                    var line = "  round \(round + 1), \(threadCount) thread(s)  \(benchmarkCase.key): ours \(formatTime(timed.median, benchmarkCase.unit))"
                    for baseline in baselines where !benchmarkCase.oursOnly && skipped[baseline.name] == nil {
                        do {
                            Machine.settle()
                            let median = try baseline.time(benchmarkCase.key, warmup: warmupNow, repeats: repetitions)
                            if baseline.name == "torch" { rows[first + offset].torch.append(median) } else { rows[first + offset].numpy.append(median) }
                            line += ", \(baseline.name) \(formatTime(median, benchmarkCase.unit))"
                        } catch {
                            skipped[baseline.name] = error.reason
                            print("  \(baseline.name) baseline stopped: \(error.reason)")
                        }
                    }
                    print(line)
                }
            }
            for baseline in baselines { baseline.close() }
        }
        let after = Machine.loadAverage()

        let rss = ResidentSetProbe.measure(samples: sizes.samples, seed: common.seed)
        let report = BenchmarkReport(rows: rows, peak: peak, rss: rss, skipped: skipped,
                                     warmup: warmupRuns, repeats: repetitions, rounds: roundCount, quick: common.quick,
                                     blas: blas, peerBLAS: peerBLAS, loadBefore: before, loadAfter: after,
                                     openBLASEnvironment: ProcessInfo.processInfo.environment.filter { $0.key.hasPrefix("OPENBLAS_") })
        print()
        print(report.table.rendered)
        print()
        for line in report.targetLines { print(line) }
        for (name, reason) in skipped.sorted(by: { $0.key < $1.key }) { print("\(name) baseline skipped: \(reason)") }
        for (name, library) in peerBLAS.sorted(by: { $0.key < $1.key }) { print("\(name) multiplies with: \(library)") }
        print("Load average after: \(after.map { formatFixed($0, decimals: 2) }.joined(separator: ", "))")

        try writeAtomically(try report.json.encoded(), to: output.file("bench.json"))
        let figure = report.figure()
        try figure.writePNG(to: output.file("bench.png"))
        let written = try report.document(seed: common.seed).write(to: output)
        try output.commit()
        print("\nwrote \(output.final("bench.json").path), \(written.path), \(output.final("bench.png").path)")
    }
}

/// Median seconds per unit over repetitions.
enum Timing {
    struct Result { var median: Double; var samples: [Double] }

    static func median(of body: () -> Int, warmup: Int, repeats: Int) -> Result {
        for _ in 0..<warmup { _ = body() }
        var perUnit: [Double] = []
        for _ in 0..<max(repeats, 1) {
            let start = Machine.now()
            let units = body()
            perUnit.append((Machine.now() - start) / Double(units))
        }
        let sorted = perUnit.sorted()
        let middle = sorted.count / 2
        let median = sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
        return Result(median: median, samples: perUnit)
    }
}

func formatTime(_ seconds: Double, _ unit: Unit) -> String {
    switch unit {
    case .step: return formatFixed(seconds * 1e6, decimals: 2) + " µs"
    case .epoch, .product: return formatFixed(seconds * 1e3, decimals: 2) + " ms"
    }
}

