import Foundation
import Plot

/// Figures that look like what the experiments will produce, built from synthetic data.
enum DemoFigures {
    /// Loss curves on a log axis, one of which diverges (NaN) for a stretch, plus a
    /// learning-rate sweep on a log x axis.
    static func lossCurves() -> Figure {
        let figure = Figure(rows: 1, columns: 2, title: "Sine fit: 1-4-4-1 sigmoid network")
        let steps = (0..<2000).map(Double.init)
        let gd = steps.map { 0.25 * exp(-$0 / 600) + 0.004 + 0.002 * sin($0 / 30) }
        var adam = steps.map { 0.25 * exp(-$0 / 120) + 0.0008 * (1 + 0.3 * cos($0 / 17)) }
        for i in 700..<760 { adam[i] = .nan }
        let loss = figure[0, 0]
        loss.title = "Training loss"; loss.xLabel = "step"; loss.yLabel = "½·MSE"
        loss.yScale = .log
        loss.line(x: steps, y: gd, label: "gradient descent (η = 0.5)")
        loss.line(x: steps, y: adam, label: "Adam (NaN for steps 700–760)", style: .dashed)
        loss.hline(y: 0.063, label: "predict the mean", style: .dotted)

        let sweep = figure[0, 1]
        sweep.title = "Final loss vs learning rate"; sweep.xLabel = "learning rate η"; sweep.yLabel = "loss after 2000 steps"
        sweep.xScale = .log; sweep.yScale = .log
        let rates = stride(from: -4.0, through: 0.5, by: 0.25).map { pow(10, $0) }
        let final = rates.map { r in r > 1.5 ? Double.infinity : 0.2 / (1 + 400 * r) + 0.002 + 0.5 * r * r * r }
        sweep.line(x: rates, y: final, label: "Adam", color: Palette.color(1), marker: .circle)
        sweep.annotate("best η", x: 0.1, y: final[12])
        return figure
    }

    /// A two-moons–like classifier: probability heatmap, the p = 0.5 contour, the points.
    static func decisionBorder() -> Figure {
        let figure = Figure(width: 960, height: 800, title: "XOR-like data: decision border of a 2-8-1 network")
        let n = 120
        let grid = (0..<n).map { i in (0..<n).map { j -> Double in
            let x = Double(j) / Double(n - 1), y = Double(i) / Double(n - 1)
            return 1 / (1 + exp(-12 * (x - 0.5) * (y - 0.5) * 4 + 0.3 * sin(6 * x)))
        } }
        var rng = DemoGenerator(state: 42)  // fixed, so the docs image is reproducible
        var xs0: [Double] = [], ys0: [Double] = [], xs1: [Double] = [], ys1: [Double] = []
        for _ in 0..<80 {
            let x = Double.random(in: 0.03...0.97, using: &rng), y = Double.random(in: 0.03...0.97, using: &rng)
            if (x - 0.5) * (y - 0.5) > 0 { xs1.append(x); ys1.append(y) } else { xs0.append(x); ys0.append(y) }
        }
        let border = figure[0, 0]
        border.title = "p(y = 1 | x)"; border.xLabel = "x₁"; border.yLabel = "x₂"
        border.heatmap(x: 0...1, y: 0...1, values: grid, colorMap: .viridis, range: 0...1, colorBarLabel: "p(y = 1)")
        border.contour(x: 0...1, y: 0...1, values: grid, level: 0.5, color: .white, label: "p = 0.5")
        border.scatter(x: xs0, y: ys0, label: "class 0", color: Palette.color(0), marker: .circle)
        border.scatter(x: xs1, y: ys1, label: "class 1", color: Palette.color(1), marker: .triangle)
        return figure
    }

    /// A 2×5 grid of synthetic "digits" and a grid of signed weight images.
    static func digits() -> Figure {
        let figure = Figure(rows: 1, columns: 2, title: "MNIST samples and first-layer weights")
        func digit(_ k: Int) -> [Double] {
            (0..<(28 * 28)).map { p in
                let r = Double(p / 28) - 13.5, c = Double(p % 28) - 13.5
                let radius = 6 + Double(k % 4)
                let d = abs((r * r + c * c * (1 + 0.1 * Double(k))).squareRoot() - radius)
                return max(0, 1 - d / 2.2)
            }
        }
        let images = (0..<10).map(digit)
        figure[0, 0].title = "Test digits"
        figure[0, 0].images(images, width: 28, height: 28,
                            captions: (0..<10).map { "true \($0) → \(($0 * 7) % 10)" })
        let weights = (0..<16).map { k in (0..<(28 * 28)).map { p -> Double in
            let r = Double(p / 28) / 27, c = Double(p % 28) / 27
            return 0.3 * sin(Double(k + 1) * 3 * r) * cos(Double(k % 5 + 1) * 2 * c)
        } }
        figure[0, 1].title = "Hidden-unit weights"
        figure[0, 1].images(weights, width: 28, height: 28, columns: 4, colorMap: .blueWhiteRed, colorBarLabel: "weight")
        return figure
    }

    /// A 10×10 confusion matrix beside per-class accuracy.
    static func confusion() -> Figure {
        let figure = Figure(rows: 1, columns: 2, title: "MNIST test set, 784-100-10 network")
        var counts = [[Double]](repeating: [Double](repeating: 0, count: 10), count: 10)
        for i in 0..<10 { for j in 0..<10 {
            counts[i][j] = i == j ? Double(950 + (i * 37) % 60) : Double((i * 7 + j * 13) % 11 < 3 ? (i + j) % 9 : 0)
        } }
        let labels = (0..<10).map(String.init)
        figure[0, 0].title = "Confusion matrix"
        figure[0, 0].matrix(values: counts, rowLabels: labels, columnLabels: labels, xLabel: "predicted", yLabel: "true")
        let acc = figure[0, 1]
        acc.title = "Accuracy per class"; acc.xLabel = "class"; acc.yLabel = "accuracy"
        let a = counts.enumerated().map { i, row in row[i] / row.reduce(0, +) }
        acc.scatter(x: (0..<10).map(Double.init), y: a, label: "test", marker: .square)
        acc.hline(y: a.reduce(0, +) / 10, label: "mean", style: .dotted)
        return figure
    }

    /// A 2×2 grid exercising the robustness cases: all-NaN, constant, empty, tiny values.
    static func edgeCases() -> Figure {
        let figure = Figure(rows: 2, columns: 2, title: "Edge cases")
        figure[0, 0].title = "All NaN"; figure[0, 0].line(x: [1, 2, 3], y: [.nan, .nan, .nan], label: "nan")
        figure[0, 1].title = "Constant 0.3"; figure[0, 1].line(x: [0, 1, 2, 3], y: [0.3, 0.3, 0.3, 0.3])
        figure[1, 0].title = "Empty, log y"; figure[1, 0].yScale = .log; figure[1, 0].line(x: [], y: [])
        figure[1, 1].title = "Tiny values, ±inf"; figure[1, 1].xLabel = "σ (V)"; figure[1, 1].yLabel = "η²"
        figure[1, 1].line(x: [0, 1e-6, 2e-6, 3e-6, 4e-6], y: [1e-7, .infinity, 3e-7, -.infinity, 2e-7], label: "σ → 0", marker: .cross)
        return figure
    }

    static var all: [(String, Figure)] {
        [("loss.png", lossCurves()), ("border.png", decisionBorder()), ("digits.png", digits()),
         ("confusion.png", confusion()), ("edge-cases.png", edgeCases())]
    }
}

/// SplitMix64: a fixed sequence so demo figures come out the same on every run.
struct DemoGenerator: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E3779B97F4A7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58476D1CE4E5B9
        z = (z ^ (z >> 27)) &* 0x94D049BB133111EB
        return z ^ (z >> 31)
    }
}
