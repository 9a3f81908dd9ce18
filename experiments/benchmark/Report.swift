import Backprop
import ExperimentKit
import Foundation
import Plot

/// One case at one thread count: each round's median for us and for the baselines.
struct ResultRow {
    var benchmarkCase: BenchmarkCase
    var threads: Int
    var ours: [Timing.Result] = []
    /// Per round; nil where a baseline did not time the case.
    var torch: [Double?] = []
    var numpy: [Double?] = []

    var key: String { benchmarkCase.key }
    /// The median over rounds of each round's median.
    var oursMedian: Double { median(ours.map(\.median)) ?? .nan }
    var torchMedian: Double? { median(torch.compactMap { $0 }) }
    var numpyMedian: Double? { median(numpy.compactMap { $0 }) }
    /// ours / PyTorch and ours / numpy, the median of the rounds' ratios (each round timed
    /// both within a minute or so): below 1 means we are faster.
    var ratioTorch: Double? { ratio(torch) }
    var ratioNumpy: Double? { ratio(numpy) }
    var gflops: Double? { benchmarkCase.flopsPerUnit.map { $0 / oursMedian / 1e9 } }

    private func ratio(_ peer: [Double?]) -> Double? {
        median(zip(ours, peer).compactMap { ours, peer in peer.map { ours.median / $0 } })
    }
}

func median(_ values: [Double]) -> Double? {
    guard !values.isEmpty else { return nil }
    let sorted = values.sorted(), middle = sorted.count / 2
    return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
}

/// A target from issue 6, checked on the medians at the largest thread count measured.
struct Target {
    var name: String
    var requirement: String
    var value: Double?
    var met: Bool?
    var note: String = ""

    var line: String {
        let status = met.map { $0 ? "met   " : "MISSED" } ?? "n/a   "
        let shown = value.map { formatFixed($0, decimals: 3) } ?? "–"
        return "\(status) \(name): \(shown) (\(requirement))\(note.isEmpty ? "" : "  \(note)")"
    }
}

struct BenchmarkReport {
    var rows: [ResultRow]
    var peak: Machine.Peak
    var rss: ResidentSetProbe.Measurement?
    var skipped: [String: String]
    var warmup: Int, repeats: Int, rounds: Int, quick: Bool
    var blas: BLASConfiguration
    /// What each baseline reported about its BLAS, by name ("torch", "numpy").
    var peerBLAS: [String: String]
    var loadBefore: [Double], loadAfter: [Double]
    var openBLASEnvironment: [String: String]

    var table: TextTable {
        var table = TextTable("case", "threads", "ours", "PyTorch", "numpy", "ours/PyTorch", "ours/numpy", "GFLOP/s")
        for row in rows {
            let unit = row.benchmarkCase.unit
            table.append("\(row.key) (per \(unit.rawValue))", "\(row.threads)", formatTime(row.oursMedian, unit),
                         row.torchMedian.map { formatTime($0, unit) } ?? "–", row.numpyMedian.map { formatTime($0, unit) } ?? "–",
                         row.ratioTorch.map { formatFixed($0, decimals: 3) } ?? "–",
                         row.ratioNumpy.map { formatFixed($0, decimals: 3) } ?? "–",
                         row.gflops.map { formatFixed($0, decimals: 1) } ?? "")
        }
        return table
    }

    var targetThreads: Int { rows.map(\.threads).max() ?? 0 }

    var targets: [Target] {
        let at = rows.filter { $0.threads == targetThreads }
        func row(_ key: String) -> ResultRow? { at.first { $0.key == key } }
        var targets: [Target] = []
        // Issue 12 tightened the MLP's target from 0.7 to 0.5.
        for (key, bound) in [("mnist_f32", 0.7), ("mnist_f64", 0.7), ("mlp_f32", 0.5)] {
            guard let r = row(key) else { continue }
            targets.append(Target(name: "\(key) ours/PyTorch", requirement: "≤ \(bound)", value: r.ratioTorch, met: r.ratioTorch.map { $0 <= bound }))
        }
        if let r = row("mlp_f32"), let gflops = r.gflops {
            let share = gflops / peak.gflops
            // The best matrix product measured shows what the vector units sustain in practice
            // (AVX-512 code runs below the scalar clock the peak is derived from).
            let bestProduct = at.filter { $0.benchmarkCase.unit == .product && $0.key.hasSuffix("f32") }.compactMap(\.gflops).max()
            let practical = bestProduct.map { "; best sgemm here \(formatFixed($0, decimals: 1)) GFLOP/s, MLP at \(formatFixed(gflops / $0 * 100, decimals: 0)) % of it" } ?? ""
            let ceiling = row("mlp_products_f32")?.gflops.map {
                "; its products alone \(formatFixed($0, decimals: 1)) GFLOP/s (\(formatFixed($0 / peak.gflops * 100, decimals: 0)) % of peak)"
            } ?? ""
            targets.append(Target(name: "mlp_f32 share of FP32 peak", requirement: "> 0.5 of \(formatFixed(peak.gflops, decimals: 1)) GFLOP/s",
                                  value: share, met: share > 0.5, note: "\(formatFixed(gflops, decimals: 1)) GFLOP/s" + practical + ceiling))
        }
        for key in ["and_f64", "sine_f64"] {
            guard let r = row(key) else { continue }
            let overTorch = r.ratioTorch.map { 1 / $0 }, overNumpy = r.ratioNumpy.map { 1 / $0 }
            targets.append(Target(name: "\(key) PyTorch/ours (speed-up)", requirement: "≥ 30", value: overTorch, met: overTorch.map { $0 >= 30 }))
            targets.append(Target(name: "\(key) numpy/ours (speed-up)", requirement: "≥ 50", value: overNumpy, met: overNumpy.map { $0 >= 50 }))
        }
        if let filmed = row("and_film_f64"), let plain = row("and_f64") {
            // A film snapshots 16 steps; every other step only compares its number.
            let ratio = filmed.oursMedian / plain.oursMedian
            targets.append(Target(name: "and_film_f64 / and_f64 (recording a training film)", requirement: "≤ 1.05",
                                  value: ratio, met: ratio <= 1.05))
        }
        for r in at where r.benchmarkCase.unit == .product {
            targets.append(Target(name: "\(r.key) ours/numpy", requirement: "≤ 1.10", value: r.ratioNumpy, met: r.ratioNumpy.map { $0 <= 1.10 }))
        }
        if let rss {
            targets.append(Target(name: "peak RSS / Float data (one MNIST-shaped epoch)", requirement: "≤ 2",
                                  value: rss.ratio, met: rss.ratio <= 2,
                                  note: "\(rss.peakBytes / 1_000_000) MB peak, \(rss.dataBytes / 1_000_000) MB data"))
        }
        return targets
    }

    var targetLines: [String] {
        ["Targets (medians at \(targetThreads) thread(s)\(quick ? "; --quick sizes, not meaningful" : "")):"] + targets.map { "  " + $0.line }
    }

    private func number(_ value: Double?) -> JSONValue { value.map(JSONValue.number) ?? .null }

    var rowsJSON: JSONValue {
        .array(rows.map { row in
            ["case": .string(row.key), "label": .string(row.benchmarkCase.label), "unit": .string(row.benchmarkCase.unit.rawValue),
             "threads": .integer(row.threads), "ours_s": .number(row.oursMedian),
             "ours_round_medians_s": .array(row.ours.map { .number($0.median) }),
             "ours_samples_s": .array(row.ours.flatMap(\.samples).map(JSONValue.number)),
             "torch_s": number(row.torchMedian), "numpy_s": number(row.numpyMedian),
             "torch_round_medians_s": .array(row.torch.map(number)), "numpy_round_medians_s": .array(row.numpy.map(number)),
             "ours_over_torch": number(row.ratioTorch), "ours_over_numpy": number(row.ratioNumpy), "gflops": number(row.gflops)]
        })
    }

    var summary: [String: JSONValue] {
        var values: [String: JSONValue] = [
            "fp32_peak_gflops": .number(peak.gflops),
            "fp32_peak_derivation": .string(peak.derivation),
            "warmup": .integer(warmup), "repeats": .integer(repeats), "rounds": .integer(rounds), "quick": .bool(quick),
            "results": rowsJSON,
            "targets": .array(targets.map { ["name": .string($0.name), "requirement": .string($0.requirement),
                                             "value": number($0.value), "met": $0.met.map(JSONValue.bool) ?? .null] }),
            "skipped_baselines": .object(skipped.mapValues(JSONValue.string)),
            "blas": blas.json,
            "baseline_blas": .object(peerBLAS.mapValues(JSONValue.string)),
            "load_average_before": .array(loadBefore.map(JSONValue.number)),
            "load_average_after": .array(loadAfter.map(JSONValue.number)),
            "openblas_environment": .object(openBLASEnvironment.mapValues(JSONValue.string)),
        ]
        if let rss {
            values["peak_rss_bytes"] = .integer(rss.peakBytes)
            values["float_data_bytes"] = .integer(rss.dataBytes)
        }
        return values
    }

    var json: JSONValue {
        var object = summary
        object["cpu"] = .string(peak.model)
        object["logical_cpus"] = .integer(peak.logicalCPUs)
        return .object(object)
    }

    /// Bars drawn as thick horizontal lines from parity (1) to each ratio, on a log axis,
    /// one row per case in table order, named beside it: left of the dashed line we are faster.
    func figure() -> Figure {
        let keys = rows.filter { !$0.benchmarkCase.oursOnly }.map(\.key).reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
        let threadCounts = rows.map(\.threads).reduce(into: [Int]()) { if !$0.contains($1) { $0.append($1) } }
        let ratios = rows.flatMap { [$0.ratioTorch, $0.ratioNumpy] }.compactMap { $0 }.filter { $0 > 0 }
        // The names stand right of the slowest bar, with room to the axis end.
        let slowest = Swift.max(ratios.max() ?? 1, 1), nameX = slowest * 1.6
        let lower = Swift.min(ratios.min() ?? 0.1, 0.5) / 2, upper = slowest * 60
        let figure = Figure(width: 1400, height: 200 + 36 * keys.count, rows: 1, columns: 2,
                            title: "Time ratio to the baselines (median of \(rounds) interleaved round\(rounds == 1 ? "" : "s"))")
        for (panel, (name, ratio)) in [("PyTorch", \ResultRow.ratioTorch), ("numpy", \ResultRow.ratioNumpy)].enumerated() {
            let axes = figure[0, panel]
            axes.title = "ours / \(name)"
            axes.xScale = .log
            axes.xLabel = "time ratio (log); below 1 we are faster"
            axes.yLabel = "case, in table order"
            axes.vline(x: 1, label: "parity")
            for (index, key) in keys.enumerated() {
                axes.text(key, x: nameX, y: Double(keys.count - index))
            }
            for (t, threads) in threadCounts.enumerated() {
                let color = Palette.color(t)
                var labelled = false
                for row in rows where row.threads == threads {
                    guard let value = row[keyPath: ratio], value > 0, let index = keys.firstIndex(of: row.key) else { continue }
                    let y = Double(keys.count - index) + (Double(threadCounts.count - 1) / 2 - Double(t)) * 0.3
                    axes.line(x: [1, value], y: [y, y], label: labelled ? nil : "\(threads) thread\(threads == 1 ? "" : "s")",
                              color: color, width: 10)
                    labelled = true
                }
            }
            axes.xLimits = lower...upper
            axes.yLimits = 0.3...(Double(keys.count) + 0.7)
        }
        return figure
    }
}
