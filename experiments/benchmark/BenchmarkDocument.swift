import Backprop
import ExperimentKit

extension BenchmarkReport {
    /// The benchmark's page: what ran where, every time and ratio, the targets and how many
    /// this run met, all from the run's own numbers.
    func document(seed: UInt64) -> ExperimentDocument {
        var document = ExperimentDocument(experiment: "benchmark", title: "Benchmark: ours against PyTorch and numpy")
        document.question = "How long do the course's scenarios take with this library, and with PyTorch and numpy run side by side on the same machine?"
        document.setup.data = Markdown(escaping: """
            Synthetic data in each scenario's shapes (timing does not depend on the values): MNIST-shaped \
            epochs, the AND gate and the 1-4-4-1 sine fit per step, square matrix products.
            """)
        document.setup.addHyperparameter("CPU", blas.cpu.description)
        document.setup.addHyperparameter("our BLAS", blas.summary)
        for (name, library) in peerBLAS.sorted(by: { $0.key < $1.key }) {
            document.setup.addHyperparameter("\(name == "torch" ? "PyTorch" : name) multiplies with", library)
        }
        document.setup.addHyperparameter("OPENBLAS_* variables",
                                         openBLASEnvironment.isEmpty ? "none set" : openBLASEnvironment.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " "))
        document.setup.addHyperparameter("load average before (1 min)", loadBefore.first ?? .nan)
        document.setup.addHyperparameter("load average after (1 min)", loadAfter.first ?? .nan)
        document.setup.addHyperparameter("timing", "median of \(repeats) after \(warmup) warm-up run(s), \(rounds) interleaved round(s)")
        for (name, reason) in skipped.sorted(by: { $0.key < $1.key }) {
            document.setup.addHyperparameter("\(name) baseline", "skipped: \(reason)")
        }

        document.addTable("Times and ratios", columns: [
            .init("case"), .init("threads", format: .integer), .init("ours", unit: "ms or µs", format: .significant(3)),
            .init("PyTorch", format: .significant(3)), .init("numpy", format: .significant(3)),
            .init("ours / PyTorch", format: .fixed(3)), .init("ours / numpy", format: .fixed(3)),
            .init("GFLOP/s", format: .fixed(1)),
        ], caption: "Per epoch and per product in ms, per step in µs; a ratio below 1 means this library is faster.") { table in
            for row in rows {
                let scale = row.benchmarkCase.unit == .step ? 1e6 : 1e3
                let unit = row.benchmarkCase.unit == .step ? "µs" : "ms"
                table.addRow("\(row.key) (per \(row.benchmarkCase.unit.rawValue), \(unit))", row.threads, row.oursMedian * scale,
                             row.torchMedian.map { $0 * scale }, row.numpyMedian.map { $0 * scale },
                             row.ratioTorch, row.ratioNumpy, row.gflops)
            }
        }
        let checked = targets.filter { $0.met != nil }
        let met = checked.filter { $0.met == true }
        document.addTable("Targets at \(targetThreads) thread\(targetThreads == 1 ? "" : "s")", columns: [
            .init("target"), .init("required"), .init("measured", format: .fixed(3)), .init("verdict"),
        ]) { table in
            for target in targets {
                table.addRow(target.name, target.requirement, target.value, target.met.map { $0 ? "met" : "missed" } ?? "not measured")
            }
        }
        document.addFigure("bench.png", caption: "Time ratios ours/PyTorch (left) and ours/numpy (right), log scale: a bar short of 1 means this library is faster.")
        let missed = checked.filter { $0.met == false }.map(\.name)
        document.conclusion = missed.isEmpty
            ? "This run met all \(checked.count) targets it measured, on \(blas.cpu.description) with \(blas.summary)."
            : "This run met \(met.count) of \(checked.count) targets it measured; missed: \(missed.joined(separator: "; ")). Ran on \(blas.cpu.description) with \(blas.summary)."
        document.headline = "\(met.count) of \(checked.count) targets met"
        document.values = summary
        document["seed"] = .of(seed)
        return document
    }
}
