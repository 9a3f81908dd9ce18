import Backprop
import ExperimentKit
import Foundation
import Plot

/// The experiment's figures, diagrams and films, each with a caption written from the run.
struct AndGateFigures {
    let r: AndGateResults

    init(_ results: AndGateResults) { r = results }

    /// The square every border panel shows: the unit square's corners with a margin.
    static let range = -0.5...1.5
    static let ln2 = Foundation.log(2.0)

    /// Writes every figure into `output` and returns them, captioned, in page order.
    func write(to output: OutputDirectory) throws -> [ExperimentDocument.Figure] {
        var figures: [ExperimentDocument.Figure] = []
        try borders().writePNG(to: output.file("borders.png"))
        figures.append(.init(file: "borders.png", caption: bordersCaption))
        try losses().writePNG(to: output.file("loss.png"))
        figures.append(.init(file: "loss.png", caption: lossesCaption))
        try xorSeeds().writePNG(to: output.file("xor-seeds.png"))
        figures.append(.init(file: "xor-seeds.png", caption: xorSeedsCaption))
        try finalLosses().writePNG(to: output.file("xor-final-losses.png"))
        figures.append(.init(file: "xor-final-losses.png", caption: finalLossesCaption))
        let (neuron, neuronCaption) = try neuronDiagram()
        try neuron.writePNG(to: output.file("and-neuron.png"))
        figures.append(.init(file: "and-neuron.png", caption: neuronCaption))
        let (xorNetwork, xorCaption) = try xorDiagram()
        try xorNetwork.writePNG(to: output.file("xor-network.png"))
        figures.append(.init(file: "xor-network.png", caption: xorCaption))
        return figures
    }

    // MARK: Decision borders

    /// p(y = 1) of `model` over the square, the border p = ½ in black, the data as markers
    /// (● y = 0, ▲ y = 1) and, for a single neuron, its line w₁x₁ + w₂x₂ + b = 0 dashed in white.
    static func drawField(_ axes: Axes, model: any Module<Double>, data: Dataset<Double>, line: LinearBorder?,
                          resolution: Int = 160) {
        let field = DecisionField(model: model, x: range, y: range, resolution: resolution)
        axes.xLabel = "x₁"
        axes.yLabel = "x₂"
        axes.xLimits = range
        axes.yLimits = range
        // Panels are small and the points sit near every corner: the figure title explains
        // the markers instead of a legend that would cover some of them.
        axes.legendPosition = .hidden
        axes.heatmap(x: range, y: range, values: field.values, colorMap: .viridis, range: 0...1, colorBarLabel: "p(y = 1)")
        let values = field.values.flatMap { $0 }
        if let low = values.min(), let high = values.max(), high - low > 1e-9 {
            axes.contour(x: range, y: range, values: field.values, level: 0.5, color: .black, label: "border p = ½", width: 2)
        } else {
            // A constant field has no border: a contour would only trace rounding noise.
            let p = values.first ?? .nan
            axes.text("p = \(NumberFormat.significant(3).format(p)) everywhere", x: -0.35, y: 0.5,
                      color: p > 0.6 ? Color(hex: 0x222222) : Color(hex: 0xFFFFFF))
        }
        if let line, let start = line.x2(at: range.lowerBound), let end = line.x2(at: range.upperBound) {
            axes.line(x: [range.lowerBound, range.upperBound], y: [start, end], label: "w₁x₁ + w₂x₂ + b = 0",
                      color: Color(hex: 0xFFFFFF), style: .dashed, width: 1.5)
        }
        for (label, target, marker, color) in [("y = 0", 0.0, Marker.circle, Palette.color(5)), ("y = 1", 1.0, Marker.triangle, Palette.color(1))] {
            let rows = (0..<data.count).filter { data.targets[$0, 0] == target }
            axes.scatter(x: rows.map { data.inputs[$0, 0] }, y: rows.map { data.inputs[$0, 1] }, label: label, color: color, marker: marker,
                         size: data.count > 10 ? 1 : 1.6)
        }
    }

    func borders() -> Figure {
        let figure = Figure(width: 1400, height: 1200, rows: 2, columns: 2,
                            title: "Decision borders: p(y = 1), ● y = 0, ▲ y = 1, black line p = ½, white dashes w·x + b = 0")
        let neuronXor = r.neuronRuns[0]
        let neuronNetwork = Self.neuron(loaded: neuronXor.parameters)
        Self.drawField(figure[0, 0], model: r.network, data: r.and, line: r.border)
        figure[0, 0].title = "AND, one neuron: \(Self.ending(r.andHistory))\(r.andCorrect)/4 right"
        Self.drawField(figure[0, 1], model: r.floatNetwork, data: r.floatAnd, line: r.floatBorder)
        figure[0, 1].title = "float-valued AND, one neuron: \(Self.ending(r.floatHistory))\(r.floatCorrect)/\(r.floatAnd.count) right"
        Self.drawField(figure[1, 0], model: neuronNetwork, data: r.xor, line: nil)
        figure[1, 0].title = "XOR, one neuron (seed \(neuronXor.seed)): \(Self.ending(neuronXor))\(neuronXor.correctCorners)/4 right"
        Self.drawField(figure[1, 1], model: r.shownNetwork, data: r.xor, line: nil)
        figure[1, 1].title = "XOR, 2-2-1 (seed \(r.shown.seed)): \(Self.ending(r.shown))\(r.shown.correctCorners)/4 right"
        return figure
    }

    private var bordersCaption: Markdown {
        let neuronXor = r.neuronRuns[0]
        let spread = neuronXor.outputs.map { abs($0 - 0.5) }.max() ?? .nan
        let neuronPart: Markdown = neuronXor.outcome == .diverged
            ? "On XOR (bottom left, seed \(String(neuronXor.seed))) the neuron diverged."
            : spread == 0 ? "On XOR (bottom left, seed \(String(neuronXor.seed))) it ends with p = ½ exactly, everywhere: no border at all."
            : "On XOR (bottom left, seed \(String(neuronXor.seed))) its p stays within \(spread, format: .scientific(1)) of ½ at the four corners: the colour is flat, and its border p = ½, if drawn, only marks on which side of ½ those tiny differences fall."
        let hiddenPart: Markdown = r.shown.solved
            ? "The 2-2-1 network (bottom right, seed \(String(r.shown.seed)), the first seed that solved XOR) bends its border around the two corners labelled 1: no single line could."
            : "The 2-2-1 network (bottom right, seed \(String(r.shown.seed)); no seed solved XOR in this run) ended as: \(r.shown.outcome.title)."
        return "The single neuron's border p = ½ (black) lies on the white dashed line w₁x₁ + w₂x₂ + b = 0 computed from its weights: it is a linear model, so it separates AND (top left: \(r.border.equation)) and float-valued AND (top right: \(r.floatCorrect) of \(r.floatAnd.count) points on the right side). \(neuronPart) \(hiddenPart)"
    }

    // MARK: Loss curves

    func losses() -> Figure {
        let figure = Figure(width: 1200, height: 720, title: "Log loss per gradient-descent step")
        let axes = figure[0, 0]
        axes.xLabel = "step"
        axes.yLabel = "log loss"
        axes.xScale = .log
        axes.yScale = .log
        let neuronXor = r.neuronRuns[0]
        let curves: [(String, (steps: [Double], losses: [Double]), LineStyle, diverged: Bool)] = [
            ("AND, one neuron (η \(compactNumber(r.learningRate)))", Self.logThinned(r.andHistory.stepLosses), .solid, r.andHistory.diverged),
            ("float AND, one neuron", Self.logThinned(r.floatHistory.stepLosses), .solid, r.floatHistory.diverged),
            ("XOR, one neuron (seed \(neuronXor.seed))", neuronXor.curve, .dashed, neuronXor.divergedAtStep != nil),
            ("XOR, 2-2-1 (seed \(r.shown.seed), η \(compactNumber(r.xorLearningRate)))", r.shown.curve, .solid, r.shown.divergedAtStep != nil),
        ]
        for (index, (label, curve, style, diverged)) in curves.enumerated() {
            // A diverged run ends at the step that stopped it, marked with a cross.
            axes.line(x: curve.steps, y: curve.losses, label: label + (diverged ? ": diverged at step \(Int(curve.steps.last ?? 0))" : ""),
                      color: Palette.color(index), style: style, width: 1.5)
            if diverged, let step = curve.steps.last, let loss = curve.losses.last {
                axes.scatter(x: [step], y: [loss], color: Palette.color(index), marker: .cross, size: 1.6)
            }
        }
        axes.hline(y: Self.ln2, label: "ln 2: p = ½ everywhere", style: .dotted)
        axes.legendPosition = .lowerLeft
        return figure
    }

    private var lossesCaption: Markdown {
        let neuronXor = r.neuronRuns[0]
        let andPart: Markdown = r.andHistory.diverged
            ? "The AND run diverged at step \(r.andHistory.stepLosses.count) and stops there."
            : "AND's log loss falls from \(r.lossBefore, format: .fixed(3)) to \(r.andFinalLoss, format: .scientific(2)) in \(r.neuronSteps) steps."
        let xorPart: Markdown = neuronXor.outcome == .diverged
            ? "The neuron on XOR diverged."
            : "The neuron on XOR ends at \(neuronXor.finalLoss, format: .fixed(4)), ln 2 = \(Self.ln2, format: .fixed(4)) being the loss of answering ½ everywhere."
        return "Both axes logarithmic; each step's loss before its update. \(andPart) \(xorPart) The 2-2-1 network on XOR ends at \(r.shown.finalLoss, format: .scientific(2)) (\(r.shown.outcome.title))."
    }

    // MARK: XOR over seeds

    func xorSeeds() -> Figure {
        let figure = Figure(width: 1200, height: 720, title: "XOR, 2-2-1 network: log loss of each of the \(r.hiddenRuns.count) starts, coloured by how it ended")
        let axes = figure[0, 0]
        axes.xLabel = "step"
        axes.yLabel = "log loss"
        axes.xScale = .log
        axes.yScale = .log
        for (index, (outcome, runs)) in r.hiddenOutcomes.enumerated() {
            let color = Self.color(of: outcome, index: index)
            for (k, run) in runs.enumerated() {
                axes.line(x: run.curve.steps, y: run.curve.losses, label: k == 0 ? "\(outcome.title) (\(runs.count))" : nil,
                          color: color, width: outcome == .solved ? 1 : 1.5)
            }
        }
        for outcome in r.hiddenOutcomes.map(\.outcome) {
            if let level = outcome.plateauLoss {
                axes.hline(y: level, label: "plateau \(NumberFormat.fixed(3).format(level))", color: Color(hex: 0x777777), style: .dotted)
            }
        }
        axes.hline(y: XorOutcome.threshold, label: "solved: log loss ≤ \(compactNumber(XorOutcome.threshold))", style: .dashed)
        axes.legendPosition = .lowerLeft
        return figure
    }

    /// Solved runs in the palette's blue; each kind of failure in its own colour.
    static func color(of outcome: XorOutcome, index: Int) -> Color {
        switch outcome {
        case .solved: Palette.color(0)
        case .plateau(4, _): Palette.color(7)
        case .plateau(3, _): Palette.color(1)
        case .plateau(2, _): Palette.color(3)
        case .diverged: Palette.color(4)
        default: Palette.color(2 + index % 2 * 3)
        }
    }

    private var xorSeedsCaption: Markdown {
        let levels = r.hiddenOutcomes.compactMap { outcome, runs in outcome.plateauLoss.map { (outcome, runs.count, $0) } }
        var text: Markdown = "Each line is one start (seed), trained once at η = \(compactNumber(r.xorLearningRate)) for \(r.xorSteps) steps. \(r.hiddenSuccesses) of \(r.hiddenRuns.count) fall below the dashed threshold."
        if !levels.isEmpty {
            let list = levels.map { outcome, count, level in "\(NumberFormat.fixed(4).format(level)) (\(count) run\(count == 1 ? "" : "s"): \(outcome.title))" }
            let more: Markdown = " The others flatten out on the dotted plateaus: \(list.joined(separator: "; "))."
            text = Markdown(text.source + more.source)
        }
        return text
    }

    func finalLosses() -> Figure {
        let figure = Figure(width: 1000, height: 680, title: "XOR: final log loss of every start")
        let axes = figure[0, 0]
        axes.yLabel = "final log loss"
        axes.yScale = .log
        axes.distributions([ValueGroup(name: "Dense(2→1) + Sigmoid", values: AndGateResults.finalLosses(r.neuronRuns), color: Palette.color(7)),
                            ValueGroup(name: "2-2-1 sigmoid network", values: AndGateResults.finalLosses(r.hiddenRuns), color: Palette.color(0))],
                           threshold: XorOutcome.threshold, thresholdLabel: "solved: log loss ≤ \(compactNumber(XorOutcome.threshold))")
        axes.hline(y: Self.ln2, label: "ln 2: p = ½ everywhere", style: .dotted)
        for outcome in r.hiddenOutcomes.map(\.outcome) where outcome != .plateau(stuck: 4, sharedOutput: 0.5) {
            if let level = outcome.plateauLoss {
                axes.hline(y: level, label: "\(NumberFormat.fixed(3).format(level)): \(outcome.title)", color: Color(hex: 0x999999), style: .dotted)
            }
        }
        // The single neuron's runs sit high on the left and solved runs low on the right:
        // the lower left is free.
        axes.legendPosition = .lowerLeft
        return figure
    }

    private var finalLossesCaption: Markdown {
        let hidden = Distribution(AndGateResults.finalLosses(r.hiddenRuns))
        let solvedLosses = Distribution(r.hiddenRuns.filter(\.solved).map(\.finalLoss))
        var text: Markdown = "One dot per start, over a box from the lower to the upper quartile (line: median). The single neuron's \(r.neuronRuns.count) runs sit at ln 2."
        if r.neuronRunsAtHalf < r.neuronRuns.count {
            text = "One dot per start, over a box from the lower to the upper quartile (line: median). \(r.neuronRunsAtHalf) of the single neuron's \(r.neuronRuns.count) runs sit at ln 2."
        }
        if let low = solvedLosses.minimum, let high = solvedLosses.maximum {
            let more: Markdown = " The 2-2-1 network's solved runs end between \(low, format: .scientific(1)) and \(high, format: .scientific(1)); its median is \(hidden.median ?? .nan, format: .scientific(2))."
            text = Markdown(text.source + more.source)
        } else {
            let more: Markdown = " No 2-2-1 run solved XOR; their median is \(hidden.median ?? .nan, format: .scientific(2))."
            text = Markdown(text.source + more.source)
        }
        return text
    }

    // MARK: Network diagrams

    func neuronDiagram() throws -> (Figure, Markdown) {
        let diagram = try NetworkDiagram(r.network, input: Matrix([[1, 1]]), loss: BinaryCrossEntropy(), target: Matrix([[1]]), digits: 4)
        let b = r.border
        let z = b.w1 + b.w2 + b.b, p = diagram.prediction[0, 0]
        let figure = diagram.figure(title: "The trained neuron on x = (1, 1): forward values, weights and their gradients")
        let caption: Markdown = "The AND neuron after training, on the row (1, 1) with target 1: z = w₁·1 + w₂·1 + b = \(b.w1, format: .fixed(3)) + \(b.w2, format: .fixed(3)) \(b.b < 0 ? "−" : "+") \(abs(b.b), format: .fixed(3)) = \(z, format: .fixed(3)), p = σ(z) = \(p, format: .fixed(4)), log loss −ln p = \(diagram.loss ?? .nan, format: .scientific(2)). Each edge carries its weight and ∂L/∂w for this one row, ∂L/∂w = (p − 1)·x = \(p - 1, format: .scientific(2)) for both inputs: the gradient backpropagation hands gradient descent."
        return (figure, caption)
    }

    func xorDiagram() throws -> (Figure, Markdown) {
        let diagram = try NetworkDiagram(r.shownNetwork, input: Matrix([[1, 0]]), loss: BinaryCrossEntropy(), target: Matrix([[1]]), digits: 3)
        let figure = diagram.figure(title: "The 2-2-1 network (seed \(r.shown.seed)) on x = (1, 0)")
        // What each hidden unit computes over the four corners, named as a logic gate.
        let weights = r.shown.parameters[0], biases = r.shown.parameters[1]
        let corners = [(0.0, 0.0), (0.0, 1.0), (1.0, 0.0), (1.0, 1.0)]
        var gates: [String] = []
        for unit in 0..<2 {
            let fires = corners.map { x1, x2 in weights[unit, 0] * x1 + weights[unit, 1] * x2 + biases[0, unit] > 0 }
            gates.append("unit \(unit + 1) fires (a > ½) on \(Self.cornerList(corners, fires)): \(Self.gateName(fires))")
        }
        // The output read the same way, with each hidden unit taken as 0 or 1.
        let outputWeights = r.shown.parameters[2], outputBias = r.shown.parameters[3]
        let outputFires = corners.map { h1, h2 in outputWeights[0, 0] * h1 + outputWeights[0, 1] * h2 + outputBias[0, 0] > 0 }
        let network = corners.map { x1, x2 in r.shownNetwork.forward(Matrix([[x1, x2]]))[0, 0] > 0.5 }
        let p = diagram.prediction[0, 0]
        let caption: Markdown = "Seed \(String(r.shown.seed)) after training (\(r.shown.outcome.title)), on the row (1, 0) with target 1: p = \(p, format: .fixed(4)), log loss \(diagram.loss ?? .nan, format: .scientific(2)). Read as logic gates over the four corners: hidden \(gates.joined(separator: "; hidden ")); the output, taking each hidden unit as 0 or 1, computes \(Self.gateName(outputFires)) of unit 1 and unit 2. The whole network answers 1 on \(Self.cornerList(corners, network)): \(Self.gateName(network)). Nodes show z → a and the bias with its gradient; edges the weight and its gradient for this row."
        return (figure, caption)
    }

    static func cornerList(_ corners: [(Double, Double)], _ fires: [Bool]) -> String {
        let list = zip(corners, fires).filter(\.1).map { "(\(Int($0.0.0)), \(Int($0.0.1)))" }
        return list.isEmpty ? "no corner" : list.joined(separator: ", ")
    }

    /// The name of a two-input Boolean function from its truth table over (0,0), (0,1), (1,0), (1,1).
    static func gateName(_ fires: [Bool]) -> String {
        let code = fires.enumerated().reduce(0) { $0 | ($1.element ? 1 << (3 - $1.offset) : 0) }
        let names = ["FALSE (never 1)", "AND", "x₁ AND NOT x₂", "x₁", "NOT x₁ AND x₂", "x₂", "XOR", "OR",
                     "NOR", "XNOR", "NOT x₂", "x₁ OR NOT x₂", "NOT x₁", "NOT x₁ OR x₂", "NAND", "TRUE (always 1)"]
        return names[code]
    }

    // MARK: Films

    func andFilm(_ recorder: FilmRecorder<Double>, history: TrainingHistory, to output: OutputDirectory) throws -> ExperimentDocument.Film {
        var generator = SeededGenerator(seed: 0)
        let (network, dense) = AndGateExperiment.neuron(using: &generator)
        let frames = recorder.frames(losses: history)
        let film = TrainingFilm<Double>(name: "and", title: "AND: the single neuron's border during training", lossLabel: "log loss",
                                        caption: Self.filmCaption(frames))
        return try film.write(.init(name: "AND", frames: frames), to: output) { axes, panel in
            network.load(panel.snapshot)
            Self.drawField(axes, model: network, data: r.and, line: LinearBorder(dense), resolution: 100)
            axes.title = "AND, one neuron"
        }
    }

    func xorFilm(_ recorder: FilmRecorder<Double>, history: TrainingHistory, to output: OutputDirectory) throws -> ExperimentDocument.Film {
        var generator = SeededGenerator(seed: 0)
        let network = AndGateExperiment.twoTwoOne(using: &generator)
        let frames = recorder.frames(losses: history)
        let film = TrainingFilm<Double>(name: "xor", title: "XOR: the 2-2-1 network's border during training (seed \(r.shown.seed))",
                                        lossLabel: "log loss", caption: Self.filmCaption(frames))
        return try film.write(.init(name: "XOR 2-2-1", frames: frames), to: output) { axes, panel in
            network.load(panel.snapshot)
            Self.drawField(axes, model: network, data: r.xor, line: nil, resolution: 100)
            axes.title = "XOR, 2-2-1 (seed \(r.shown.seed))"
        }
    }

    /// What the frames show, from their losses: the fall from first to last and the
    /// interval between frames where it falls most.
    static func filmCaption(_ frames: [(snapshot: FilmRecorder<Double>.Snapshot, loss: Double)]) -> Markdown {
        guard let first = frames.first, let last = frames.last else { return "" }
        var text: Markdown = "\(frames.count) frames at log-spaced steps from 0 to \(last.snapshot.step) (the state after that many updates): the log loss goes from \(first.loss, format: .fixed(4)) to \(last.loss, format: .scientific(2))."
        let drops = zip(frames, frames.dropFirst()).map { ($0.snapshot.step, $1.snapshot.step, $0.loss - $1.loss) }
        if let largest = drops.max(by: { $0.2 < $1.2 }), largest.2 > 0 {
            let more: Markdown = " It falls most between steps \(largest.0) and \(largest.1) (by \(largest.2, format: .significant(2)))."
            text = Markdown(text.source + more.source)
        }
        return text
    }

    // MARK: Helpers

    /// "diverged at step 2, " for a run that diverged, else nothing.
    static func ending(_ history: TrainingHistory) -> String {
        guard let step = history.divergedAtStep else { return "" }
        return "diverged at step \(step + 1), "
    }

    static func ending(_ run: XorRun) -> String {
        run.divergedAtStep.map { "diverged at step \($0 + 1), " } ?? ""
    }

    /// A per-step curve cut down to about `maximum` points spaced evenly on a log axis, as
    /// (step numbers counted from 1, values): every early step, fewer and fewer later.
    static func logThinned(_ values: [Double], maximum: Int = 600) -> (steps: [Double], losses: [Double]) {
        guard values.count > maximum else { return (values.indices.map { Double($0 + 1) }, values) }
        var indices: [Int] = []
        let last = Double(values.count)
        for k in 0..<maximum {
            let index = Int(pow(last, Double(k) / Double(maximum - 1)).rounded()) - 1
            if index != indices.last { indices.append(min(index, values.count - 1)) }
        }
        return (indices.map { Double($0 + 1) }, indices.map { values[$0] })
    }

    /// A single neuron holding `parameters`.
    static func neuron(loaded parameters: [Matrix<Double>]) -> Sequential<Double> {
        var generator = SeededGenerator(seed: 0)
        let network = AndGateExperiment.neuron(using: &generator).network
        network.load(parameterValues: parameters)
        return network
    }
}
