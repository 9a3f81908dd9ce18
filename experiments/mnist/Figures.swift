import Backprop
import Datasets
import ExperimentKit
import Foundation
import Plot

/// The experiment's figures; each returns the file name and caption it wrote.
enum Figures {
    /// Validation accuracy and training cost per epoch, every configuration on the same axes.
    static func curves(_ results: [RunResult], datasetName: String, to output: OutputDirectory) throws -> (String, String) {
        let figure = Figure(width: 1500, height: 650, rows: 1, columns: 2,
                            title: "\(datasetName): validation accuracy and training cost per epoch")
        let accuracy = figure[0, 0], cost = figure[0, 1]
        accuracy.title = "Validation accuracy"
        accuracy.xLabel = "epoch"
        accuracy.yLabel = "accuracy on the 10,000 validation images (%)"
        accuracy.legendPosition = .lowerRight
        cost.title = "Training cost (each configuration's own loss)"
        cost.xLabel = "epoch"
        cost.yLabel = "mean batch cost"
        cost.yScale = .log
        cost.legendPosition = .upperRight
        for (index, result) in results.enumerated() {
            let epochs = result.validationAccuracy.indices.map { Double($0 + 1) }
            let color = Palette.color(index)
            let label = "\(result.configuration.rawValue): \(result.configuration.title)"
            accuracy.line(x: epochs, y: result.validationAccuracy.map { 100 * $0 }, label: label, color: color, width: 2)
            cost.line(x: epochs, y: result.trainingCost, label: label, color: color, width: 2)
        }
        let file = "curves.png"
        try figure.writePNG(to: output.file(file))
        return (file, "Validation accuracy (left) and mean training cost (right, log scale) after each epoch. "
                + "The costs are not comparable across configurations: ½(ŷ−y)² per element for sigmoid-mse, cross-entropy per sample for the others.")
    }

    /// The confusion matrix of `result` on the test set: rows true class, columns predicted.
    static func confusion(_ result: RunResult, testLabels: [Int], classNames: [String], to output: OutputDirectory) throws -> (String, String) {
        var counts = [[Double]](repeating: [Double](repeating: 0, count: 10), count: 10)
        for (truth, predicted) in zip(testLabels, result.testPredictions) { counts[truth][predicted] += 1 }
        let figure = Figure(width: 950, height: 900,
                            title: "Test-set confusion matrix: \(result.configuration.rawValue), \(formatFixed(100 * result.testAccuracy, decimals: 2)) % correct")
        figure[0, 0].matrix(values: counts, rowLabels: classNames, columnLabels: classNames,
                            xLabel: "predicted class", yLabel: "true class")
        let file = "confusion.png"
        try figure.writePNG(to: output.file(file))
        return (file, "Confusion matrix of \(result.configuration.rawValue) (the configuration with the best validation accuracy) on the \(testLabels.count) test images; row = true class, column = predicted class.")
    }

    /// The first misclassified test images of `result`, captioned true → predicted.
    static func misclassified(_ result: RunResult, test: Dataset<Float>, classNames: [String], limit: Int = 40,
                              to output: OutputDirectory) throws -> (String, String) {
        let labels = test.classLabels
        let wrong = labels.indices.filter { labels[$0] != result.testPredictions[$0] }
        let shown = Array(wrong.prefix(limit))
        let images = shown.map { test.inputs.row($0).map(Double.init) }
        let captions = shown.map { "\(classNames[labels[$0]]) → \(classNames[result.testPredictions[$0]])" }
        let figure = Figure(width: 1200, height: 900,
                            title: "Misclassified test images (true → predicted): \(result.configuration.rawValue), first \(shown.count) of \(wrong.count)")
        figure[0, 0].images(images, width: 28, height: 28, captions: captions, columns: 8, colorMap: .greys, range: 0...1)
        let file = "misclassified.png"
        try figure.writePNG(to: output.file(file))
        return (file, "The first \(shown.count) of the \(wrong.count) test images that \(result.configuration.rawValue) gets wrong, in test-file order, each captioned true class → predicted class.")
    }

    /// The ten rows of a single-layer model's weight matrix as 28 × 28 images, above what
    /// training changed (W − W₀): pixels that are background in every image keep their
    /// random initial weight, whose speckle would otherwise hide the learned pattern.
    static func weights(_ result: RunResult, classNames: [String], to output: OutputDirectory) throws -> (String, String)? {
        guard result.configuration.isSingleLayer, let initial = result.initialWeight,
              let linear = result.network.layers.first?.module as? Linear<Float> else { return nil }
        let weight = linear.weight.value
        let side = Int(Double(weight.columns).squareRoot())
        let learned = (0..<weight.rows).map { weight.row($0).map(Double.init) }
        let change = (0..<weight.rows).map { r in zip(weight.row(r), initial.row(r)).map { Double($0 - $1) } }
        let captions = Array(classNames.prefix(weight.rows))
        let figure = Figure(width: 1300, height: 1250, rows: 2, columns: 1,
                            title: "Weights of \(result.configuration.rawValue): one \(side) × \(side) image per output class")
        figure[0, 0].title = "Learned weights W (after \(result.validationAccuracy.count) epochs)"
        figure[0, 0].images(learned, width: side, height: side, captions: captions, columns: 5,
                            colorMap: .blueWhiteRed, colorBarLabel: "weight")
        figure[1, 0].title = "Change from the N(0, 0.1²) initialisation, W − W₀"
        figure[1, 0].images(change, width: side, height: side, captions: captions, columns: 5,
                            colorMap: .blueWhiteRed, colorBarLabel: "weight change")
        let file = "weights-\(result.configuration.rawValue).png"
        try figure.writePNG(to: output.file(file))
        return (file, "Row k of \(result.configuration.rawValue)'s weight matrix drawn as an image for class k (top), and its change during training (bottom). "
                + "Red: ink on that pixel raises the class's output; blue: lowers it; white: zero. Border pixels are blank in every digit, so their weights keep the random initial values (the speckle at the top).")
    }
}
