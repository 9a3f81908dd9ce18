import Backprop
import Datasets
import ExperimentKit
import Foundation
import Plot

/// The experiment's figures. Each writes its PNG into `output` and adds it to `report` with a
/// caption computed from the runs it draws.
enum Figures {
    /// Validation error and training cost per epoch: every seed's run as a thin line, the
    /// representative run of each configuration as a thick one. The error (100 − accuracy) on a
    /// log scale keeps 10 % and 2 % apart, where an accuracy axis would press them together.
    static func curves(_ sweep: Sweep, datasetName: String, validationImages: Int,
                       to output: OutputDirectory, report: inout ExperimentDocument) throws {
        let figure = Figure(width: 1500, height: 650, rows: 1, columns: 2,
                            title: "\(datasetName): validation error and training cost after each epoch")
        let error = figure[0, 0], cost = figure[0, 1]
        error.title = "Validation error (100 − accuracy)"
        error.xLabel = "epoch"
        error.yLabel = "error on the \(grouped(validationImages)) validation images (%)"
        error.yScale = .log
        error.legendPosition = .upperRight
        cost.title = "Training cost (each configuration's own loss)"
        cost.xLabel = "epoch"
        cost.yLabel = "mean batch cost"
        cost.yScale = .log
        cost.legendPosition = .hidden
        for (index, configuration) in sweep.configurations.enumerated() {
            let color = Palette.color(index)
            let faint = Color(red: color.red, green: color.green, blue: color.blue, alpha: 0.35)
            let representative = sweep.representative(of: configuration)
            for run in sweep.runs(of: configuration) where run.seed != representative.seed {
                let epochs = run.validationAccuracy.indices.map { Double($0 + 1) }
                error.line(x: epochs, y: run.validationAccuracy.map { 100 * (1 - $0) }, color: faint, width: 1)
                cost.line(x: epochs, y: run.trainingCost, color: faint, width: 1)
            }
            let epochs = representative.validationAccuracy.indices.map { Double($0 + 1) }
            let label = sweep.seeds.count > 1 ? "\(configuration.name) (seed \(representative.seed))" : configuration.name
            error.line(x: epochs, y: representative.validationAccuracy.map { 100 * (1 - $0) }, label: label, color: color, width: 2.5)
            cost.line(x: epochs, y: representative.trainingCost, label: label, color: color, width: 2.5)
        }
        try figure.writePNG(to: output.file("curves.png"))

        let seedsText: Markdown = sweep.seeds.count > 1
            ? "Thick lines: each configuration's representative run (the seed with the median test accuracy); thin lines: the other \(sweep.seeds.count == 2 ? "seed" : "\(sweep.seeds.count - 1) seeds"). "
            : "One run per configuration (seed \(String(sweep.seeds[0]))). "
        var gaps: [String] = []
        for configuration in sweep.configurations {
            let runs = sweep.runs(of: configuration)
            let first = Distribution(runs.map { 1 - ($0.validationAccuracy.first ?? .nan) })
            let last = Distribution(runs.map { 1 - ($0.validationAccuracy.last ?? .nan) })
            if let start = first.median, let end = last.median {
                gaps.append("\(configuration.name) from \(formatFixed(100 * start, decimals: 1)) % after the first epoch to \(formatFixed(100 * end, decimals: 2)) % after the last")
            }
        }
        report.addFigure("curves.png", caption: seedsText
            + "Left: the error on the validation images after each epoch, on a log scale (median over seeds: \(gaps.joined(separator: "; "))). "
            + "Right, in the same colours: the mean training cost of each epoch's batches, on a log scale. The costs are not comparable across configurations: "
            + "½(ŷ−y)² per element for sigmoid-mse, cross-entropy per image for the others.")
    }

    /// Each seed's test accuracy, one panel per configuration, with the mean and (for the
    /// MLP) the 98 % mark the notebook's task 5 aims past.
    static func testAccuracyBySeed(_ sweep: Sweep, target: Double, to output: OutputDirectory,
                                   report: inout ExperimentDocument) throws {
        let configurations = sweep.configurations
        let figure = Figure(width: 450 * configurations.count + 100, height: 560, rows: 1, columns: configurations.count,
                            title: "Test accuracy of every seed (weights of each run's best validation epoch)")
        for (index, configuration) in configurations.enumerated() {
            let axes = figure[0, index]
            let runs = sweep.runs(of: configuration)
            let seeds = runs.map { Double($0.seed) }
            let accuracies = runs.map { 100 * $0.testAccuracy }
            let distribution = sweep.testAccuracy(of: configuration)
            axes.title = configuration.name
            axes.xLabel = "seed"
            axes.yLabel = index == 0 ? "test accuracy (%)" : nil
            axes.legendPosition = .best
            let low = accuracies.min() ?? 0, high = accuracies.max() ?? 100
            let margin = max(0.1, 0.25 * (high - low))
            var limits = (low - margin)...(high + margin)
            if !configuration.isSingleLayer {
                limits = min(limits.lowerBound, 100 * target - margin)...max(limits.upperBound, 100 * target + margin)
                axes.hline(y: 100 * target, label: "target \(formatFixed(100 * target, decimals: 1)) %", color: Color(hex: 0xB00020), style: .dotted)
            }
            axes.yLimits = limits
            axes.xLimits = ((seeds.min() ?? 0) - 0.5)...((seeds.max() ?? 0) + 0.5)
            if let mean = distribution.mean {
                axes.hline(y: 100 * mean, label: "mean \(formatFixed(100 * mean, decimals: 2)) %", color: Palette.color(index), style: .dashed)
            }
            axes.scatter(x: seeds, y: accuracies, color: Palette.color(index), marker: .circle, size: 1.6)
        }
        try figure.writePNG(to: output.file("test-accuracy.png"))

        let mlp = configurations.first { !$0.isSingleLayer }
        var caption: Markdown = "One dot per seed: the test accuracy of the weights that scored best on the validation images; dashed: the mean over the \(sweep.seeds.count) seeds."
        if let mlp {
            let distribution = sweep.testAccuracy(of: mlp)
            caption = caption + " Dotted: \(100 * target, format: .fixed(1)) %, which \(code: mlp.name) reached from \(distribution.count(atLeast: target)) of \(distribution.count) seeds (lowest \(100 * (distribution.minimum ?? .nan), format: .fixed(2)) %)."
        }
        report.addFigure("test-accuracy.png", caption: caption)
    }

    /// The confusion matrix of `run` on the test images: rows true class, columns predicted.
    static func confusion(_ run: RunResult, testLabels: [Int], classNames: [String], to output: OutputDirectory,
                          report: inout ExperimentDocument) throws {
        var counts = [[Double]](repeating: [Double](repeating: 0, count: 10), count: 10)
        for (truth, predicted) in zip(testLabels, run.testPredictions) { counts[truth][predicted] += 1 }
        let figure = Figure(width: 950, height: 900,
                            title: "Test-set confusion matrix: \(run.configuration.name), seed \(run.seed), \(formatFixed(100 * run.testAccuracy, decimals: 2)) % correct")
        figure[0, 0].matrix(values: counts, rowLabels: classNames, columnLabels: classNames,
                            xLabel: "predicted class", yLabel: "true class")
        try figure.writePNG(to: output.file("confusion.png"))

        // The most frequent confusions (all of them when tied), to say where to look.
        let mistakes = (0..<10).flatMap { truth in (0..<10).filter { $0 != truth }.map { (truth: truth, predicted: $0) } }
        let most = mistakes.map { counts[$0.truth][$0.predicted] }.max() ?? 0
        let worst = mistakes.filter { counts[$0.truth][$0.predicted] == most }
        var caption: Markdown = "\(code: run.configuration.name) (the configuration with the best mean validation accuracy), seed \(String(run.seed)), on the \(grouped(testLabels.count)) test images: row = true class, column = predicted class; the diagonal holds the correct answers."
        if most > 0 {
            let pairs = worst.map { "\(classNames[$0.truth]) taken for \(classNames[$0.predicted])" }.joined(separator: ", ")
            caption = caption + (worst.count == 1
                ? " The most frequent mistake: \(pairs), \(Int(most)) times."
                : " The most frequent mistakes, \(Int(most)) times each: \(pairs).")
        }
        report.addFigure("confusion.png", caption: caption)
    }

    /// The first misclassified test images of `run`, captioned true → predicted.
    static func misclassified(_ run: RunResult, test: Dataset<Float>, classNames: [String], limit: Int = 40,
                              to output: OutputDirectory, report: inout ExperimentDocument) throws {
        let labels = test.classLabels
        let wrong = labels.indices.filter { labels[$0] != run.testPredictions[$0] }
        let shown = Array(wrong.prefix(limit))
        let images = shown.map { test.inputs.row($0).map(Double.init) }
        let captions = shown.map { "\(classNames[labels[$0]]) → \(classNames[run.testPredictions[$0]])" }
        let figure = Figure(width: 1200, height: 900,
                            title: "Misclassified test images (true → predicted): \(run.configuration.name), seed \(run.seed), first \(shown.count) of \(wrong.count)")
        figure[0, 0].images(images, width: 28, height: 28, captions: captions, columns: 8, colorMap: .greys, range: 0...1)
        try figure.writePNG(to: output.file("misclassified.png"))
        report.addFigure("misclassified.png", caption: "The first \(shown.count) of the \(wrong.count) test images that \(code: run.configuration.name) (seed \(String(run.seed))) gets wrong, in test-file order, each captioned true class → predicted class.")
    }

    /// The ten rows of a single-layer model's weight matrix as 28 × 28 images, above what
    /// training changed (W − W₀): pixels that are background in every image keep their
    /// random initial weight, whose speckle would otherwise hide the learned pattern.
    static func weights(_ run: RunResult, classNames: [String], to output: OutputDirectory,
                        report: inout ExperimentDocument) throws {
        guard run.configuration.isSingleLayer, let initial = run.initialWeight,
              let linear = run.network.layers.first?.module as? Linear<Float> else { return }
        let weight = linear.weight.value
        let side = Int(Double(weight.columns).squareRoot())
        let learned = (0..<weight.rows).map { weight.row($0).map(Double.init) }
        let change = (0..<weight.rows).map { r in zip(weight.row(r), initial.row(r)).map { Double($0 - $1) } }
        let captions = Array(classNames.prefix(weight.rows))
        let name = run.configuration.name
        let figure = Figure(width: 1300, height: 1250, rows: 2, columns: 1,
                            title: "Weights of \(name) (seed \(run.seed)): one \(side) × \(side) image per output class")
        figure[0, 0].title = "Learned weights W (epoch \(run.bestEpoch + 1), the best on validation)"
        figure[0, 0].images(learned, width: side, height: side, captions: captions, columns: 5,
                            colorMap: .blueWhiteRed, colorBarLabel: "weight")
        figure[1, 0].title = "Change from the N(0, 0.1²) initialisation, W − W₀"
        figure[1, 0].images(change, width: side, height: side, captions: captions, columns: 5,
                            colorMap: .blueWhiteRed, colorBarLabel: "weight change")
        let file = "weights-\(name).png"
        try figure.writePNG(to: output.file(file))

        // Pixels that are 0 in every training image get a zero gradient at every step
        // (∂L/∂W = ∂L/∂yᵀ · x), so their weights keep the random initial values exactly.
        let untouched = (0..<weight.columns).filter { column in
            (0..<weight.rows).allSatisfy { change[$0][column] == 0 }
        }.count
        let medianChange = Distribution(change.flatMap { $0.map(abs) }).median ?? 0
        report.addFigure(file, caption: "Row k of \(code: name)'s weight matrix (seed \(String(run.seed))) drawn as an image for class k (top), and its change during training (bottom). "
            + "Red: ink on that pixel raises the class's output; blue: lowers it; white: zero. "
            + "Training moved a weight by \(medianChange, format: .significant(2)) in the median, against the initialisation's standard deviation of 0.1"
            + (medianChange < 0.05 ? ", so the learned weights still show the random speckle they started from; the change shows what was learned. " : ". ")
            + "A pixel that is 0 in every training image gets a zero gradient at every step: \(untouched) of the \(weight.columns) pixels kept their initial weights exactly, in every class.")
    }

    /// 10000 → "10 000", as the report groups numbers.
    static func grouped(_ value: Int) -> String {
        NumberFormat.integer.format(Double(value))
    }
}

extension Markdown {
    /// Markdown followed by more Markdown: sentences built from parts.
    static func + (left: Markdown, right: Markdown) -> Markdown {
        Markdown(left.source + right.source)
    }
}
