import Backprop
import ExperimentKit
import Foundation
import Plot

/// The figures of the first seed's three runs.
struct GradientFlowFigures {
    static let files = ["gradient-norms.png", "update-ratios.png", "activations.png", "loss.png"]

    /// One run per activation, in the order of the panels.
    let runs: [GradientFlowRun]
    let data: Dataset<Double>
    /// Units per hidden layer.
    let width: Int
    let seed: UInt64

    var layerCount: Int { runs[0].layerCount }
    var steps: Int { runs[0].steps }

    func writeAll(to output: OutputDirectory) throws {
        try perLayerFigure(title: "Gradient norm ‖∂L/∂W‖ of each layer's weights, per step",
                           yLabel: "‖∂L/∂W‖ (Frobenius)", values: { $0.gradientNorms(layer: $1) })
            .writePNG(to: output.file("gradient-norms.png"))
        try perLayerFigure(title: "Relative update ‖ΔW‖ / ‖W‖ of each layer's weights, per step",
                           yLabel: "‖ΔW‖ / ‖W‖", values: { $0.updateRatios(layer: $1) })
            .writePNG(to: output.file("update-ratios.png"))
        try activationsFigure().writePNG(to: output.file("activations.png"))
        try lossFigure().writePNG(to: output.file("loss.png"))
    }

    /// Layer 1 darkest, the output layer lightest: depth reads as brightness.
    static func layerColor(_ layer: Int, of count: Int) -> Color {
        ColorMap.viridisOnWhite.color(at: count > 1 ? Double(layer) / Double(count - 1) : 0)
    }

    func layerName(_ layer: Int) -> String {
        let fanIn = layer == 0 ? data.inputs.columns : width
        let fanOut = layer == layerCount - 1 ? 1 : width
        return "layer \(layer + 1) (\(fanIn)→\(fanOut))" + (layer == layerCount - 1 ? ", output" : "")
    }

    /// One panel per activation, one line per Linear layer, on a log axis shared by the panels
    /// so that heights compare across them.
    func perLayerFigure(title: String, yLabel: String, values: (GradientFlowRun, Int) -> [Double]) -> Figure {
        let figure = Figure(width: 1900, height: 720, rows: 1, columns: runs.count, title: title)
        let series = runs.map { run in (0..<layerCount).map { values(run, $0) } }
        let positive = series.joined().joined().filter { $0 > 0 && $0.isFinite }
        let limits = (positive.min() ?? 1e-3) / 2 ... (positive.max() ?? 1) * 2
        for (panel, run) in runs.enumerated() {
            let axes = figure[0, panel]
            axes.title = "\(run.activation.title) hidden layers (\(run.activation.initializerTitle))"
            axes.xLabel = "step"
            axes.yLabel = panel == 0 ? yLabel : nil
            axes.yScale = .log
            axes.yLimits = limits
            // The legend once, in the first panel: the colours mean the same layer in every panel.
            axes.legendPosition = panel == 0 ? .best : .hidden
            if layerCount <= Self.legendLimit {
                for layer in 0..<layerCount {
                    let (xs, ys) = thinned(series[panel][layer], maximum: 1_000)
                    axes.line(x: xs.map { $0 - 1 }, y: ys, label: layerName(layer),
                              color: Self.layerColor(layer, of: layerCount), width: 0.75)
                }
            } else {
                // Too many layers for a legend: a colour bar names them.
                axes.lineFamily((0..<layerCount).map { layer in
                    let (xs, ys) = thinned(series[panel][layer], maximum: 1_000)
                    return FamilyCurve(x: xs.map { $0 - 1 }, y: ys, value: Double(layer + 1))
                }, parameter: "layer", colorBarLabel: "Linear layer (1: input side)", legendLimit: 0, width: 0.75)
            }
            if run.diverged, let step = run.history.divergedAtStep {
                axes.vline(x: Double(step), label: "diverged at step \(step)", color: Color(hex: 0xAA0000))
            }
        }
        return figure
    }

    /// Layers named one by one in a legend; more get a colour bar.
    static let legendLimit = 12

    /// The hidden layers the activations figure shows: all of them up to eight, else eight
    /// evenly spaced ones from the first to the last.
    static func shownHiddenLayers(of hidden: Int) -> [Int] {
        guard hidden > 8 else { return Array(0..<hidden) }
        return (0..<8).map { Int((Double($0) * Double(hidden - 1) / 7).rounded()) }
    }

    /// Small multiples: a column per activation, a row per hidden layer (first at the top),
    /// each panel with the layer's histogram at initialisation (grey, filled) and after
    /// training (the activation's colour, as in loss.png). Bins and heights are shared down a
    /// column, so a layer reads against the layers before and after it.
    func activationsFigure() -> Figure {
        let layers = Self.shownHiddenLayers(of: runs[0].initialActivations.count)
        let figure = Figure(width: 1800, height: 300 + 210 * layers.count, rows: layers.count, columns: runs.count,
                            title: "Hidden-layer outputs: grey at initialisation, coloured after " + (runs.allSatisfy { $0.stepsTaken == steps } ? "\(steps) steps" : "training"))
        for (column, run) in runs.enumerated() {
            let range = Self.histogramRange(run)
            let before = layers.map { Histogram(run.initialActivations[$0], bins: 30, range: range) }
            let after = layers.map { Histogram(run.finalActivations[$0], bins: 30, range: range) }
            let highest = (before + after).flatMap(\.fractions).max() ?? 1
            for (row, layer) in layers.enumerated() {
                let axes = figure[row, column]
                axes.title = row == 0 ? "\(run.activation.title) hidden layers" : nil
                axes.xLabel = row == layers.count - 1 ? "\(run.activation.title) output value" : nil
                axes.yLabel = column == 0 ? "layer \(layer + 1)" : nil
                axes.xLimits = range
                axes.yLimits = 0...(highest * 1.08)
                axes.legendPosition = .hidden
                axes.histogram(before[row], height: .fraction, color: Color(hex: 0x8C8C8C), fillOpacity: 0.35)
                axes.histogram(after[row], height: .fraction, color: Palette.color(column), fillOpacity: 0, width: 1.1)
            }
        }
        return figure
    }

    /// The activation's range: (0, 1) for sigmoid, (−1, 1) for tanh; for ReLU from 0 to the
    /// 99th percentile of its outputs before and after, so that a few large values do not
    /// squeeze the rest into one bin (the values beyond are left out of the histogram).
    static func histogramRange(_ run: GradientFlowRun) -> ClosedRange<Double> {
        switch run.activation {
        case .sigmoid: return 0...1
        case .tanh: return -1...1
        case .relu:
            let values = (run.initialActivations + run.finalActivations).joined().filter(\.isFinite).sorted()
            let high = values.isEmpty ? 1 : values[min(values.count - 1, Int(0.99 * Double(values.count)))]
            return 0...max(high, 1e-6)
        }
    }

    func lossFigure() -> Figure {
        let figure = Figure(width: 1200, height: 750, title: "Training loss of the three networks (seed \(seed))")
        let axes = figure[0, 0]
        axes.xLabel = "step"
        axes.yLabel = "binary cross-entropy"
        axes.yScale = .log
        for (index, run) in runs.enumerated() {
            let (xs, ys) = thinned(run.history.stepLosses, maximum: 1_000)
            axes.line(x: xs.map { $0 - 1 }, y: ys, label: "\(run.activation.title) (final \(scientific(run.finalLoss, digits: 3)))",
                      color: Palette.color(index), width: 1.2)
        }
        let prior = Self.priorLoss(data)
        axes.hline(y: prior, label: "predicting the class frequency (\(formatFixed(prior, decimals: 3)))")
        return figure
    }

    /// The first/last gradient ratio at step 0 of every seed of the sweep, per activation.
    static func seedsFigure(_ sweep: GradientFlowSweep) -> Figure {
        let figure = Figure(width: 1200, height: 700, title: "First-layer ÷ output-layer gradient norm at step 0, per seed")
        let axes = figure[0, 0]
        axes.xLabel = "seed"
        axes.yLabel = "‖∂L/∂W₁‖ / ‖∂L/∂W_out‖"
        axes.yScale = .log
        // Seeds as numbers while they fit a Double exactly and do not wrap past 2⁶⁴ − 1; else
        // counted from the first. (Not map(Double.init): for UInt64 that is init(bitPattern:).)
        let exact = sweep.seeds.last! >= sweep.seeds.first! && sweep.seeds.last! < 1 << 53
        let seeds = exact ? sweep.seeds.map { Double($0) } : sweep.seeds.indices.map { Double($0) }
        if !exact { axes.xLabel = "seed − \(sweep.seeds[0])" }
        // At least six seeds wide, so that the ticks fall on whole seeds.
        axes.xLimits = (seeds.first! - 0.5)...(max(seeds.last!, seeds.first! + 5) + 0.5)
        let markers: [Marker] = [.circle, .square, .triangle]
        var all: [Double] = [1]
        for (index, activation) in sweep.activations.enumerated() {
            let ratios = sweep.seeds.indices.map { sweep.run(seed: $0, activation).firstToLastGradientRatio(atStep: 0) }
            all += ratios.filter { $0 > 0 && $0.isFinite }
            axes.scatter(x: seeds, y: ratios, label: activation.title, color: Palette.color(index),
                         marker: markers[index % markers.count], size: 1.3)
        }
        // Headroom above the points for the legend, in the upper right.
        axes.yLimits = (all.min()! / 3)...(all.max()! * 60)
        axes.legendPosition = .upperRight
        axes.hline(y: 1, color: Color(hex: 0x999999), style: .dotted)
        return figure
    }

    /// The cross-entropy of predicting the fraction of class 1 for every point: what a
    /// network that learned nothing from the inputs reaches.
    static func priorLoss(_ data: Dataset<Double>) -> Double {
        let p = data.targets.elements.reduce(0, +) / Double(data.count)
        return p <= 0 || p >= 1 ? 0 : -(p * log(p) + (1 - p) * log(1 - p))
    }
}
