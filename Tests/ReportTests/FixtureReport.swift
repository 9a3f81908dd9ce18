import Foundation
import Plot
@testable import Report

/// A small outputs directory like `make report` leaves, drawn with Plot: an experiment with
/// a figure and a film, one with nothing optional, and one whose metrics.json is broken.
enum FixtureReport {
    static let frameCount = 4

    /// The fitted curve after `stage` of `frameCount - 1` stages: flat at first, the target
    /// at the end, so every frame looks different.
    private static func draw(stage: Int, on axes: Axes) {
        let xs = (0...120).map { Double($0) / 120 }
        let target = xs.map { pow(sin(4 * Double.pi * $0), 2) }
        let share = Double(stage) / Double(frameCount - 1)
        axes.title = "step \(stage * 100)"
        axes.yLimits = -0.2...1.2
        axes.line(x: xs, y: target, label: "target", color: Palette.color(0))
        axes.line(x: xs, y: target.map { 0.5 + share * ($0 - 0.5) }, label: "fit", color: Palette.color(1))
    }

    /// Writes the fixture under `outputs`.
    static func write(to outputs: URL) throws {
        let fit = outputs.appendingPathComponent("sine-fit")
        var frames: [ExperimentDocument.Frame] = []
        for stage in 0..<frameCount {
            let figure = Figure(width: 480, height: 320)
            draw(stage: stage, on: figure[0, 0])
            let file = "films/fit/frame-\(stage).png"
            try figure.writePNG(to: fit.appendingPathComponent(file))
            frames.append(.init(file: file, step: stage * 100, loss: 0.125 / Double(1 << (3 * stage))))
        }
        let strip = Figure(width: 960, height: 640, rows: 2, columns: 2, title: "All frames")
        for stage in 0..<frameCount { draw(stage: stage, on: strip[stage / 2, stage % 2]) }
        try strip.writePNG(to: fit.appendingPathComponent("films/fit/filmstrip.png"))
        let loss = Figure(width: 800, height: 500, title: "Loss")
        loss[0, 0].yScale = .log
        loss[0, 0].line(x: frames.map { Double($0.step) }, y: frames.map(\.loss), label: "½·MSE")
        try loss.writePNG(to: fit.appendingPathComponent("loss figure.png"))

        var document = ExperimentDocument(experiment: "sine-fit", title: "Sine fit <test>", description: "A fixture & its film.")
        document.headline = "½·MSE 3.7e-6"
        document.notebook = "Notebook 001"
        document.question = "Does the fit *reach* the target?"
        document.setup.architecture = "Sequential(Dense(1→4), Tanh, Dense(4→1))"
        document.setup.addHyperparameter("learning rate η", 0.01)
        document.addTable("Final loss", columns: [.init("optimiser"), .init("½·MSE", format: .scientific(2))]) {
            $0.addRow("Adam", frames.last!.loss)
        }
        document.addFigure("loss figure.png", caption: "The loss falls by \(frames.count - 1) orders of magnitude.")
        document.addFilm(.init(title: "Fitting the sine", caption: "The fit rises to the target.",
                               filmstrip: "films/fit/filmstrip.png", lossLabel: "½·MSE", frames: frames))
        document.conclusion = "It fits."
        document["final_loss"] = .number(frames.last!.loss)
        try document.write(to: fit.appendingPathComponent("metrics.json"))

        try ExperimentDocument(experiment: "bare", title: "Bare run").write(to: outputs.appendingPathComponent("bare/metrics.json"))
        let broken = outputs.appendingPathComponent("broken")
        try FileManager.default.createDirectory(at: broken, withIntermediateDirectories: true)
        try Data("{\"schema\": ".utf8).write(to: broken.appendingPathComponent("metrics.json"))
        _ = try ReportSite.write(outputs: outputs)
    }
}
