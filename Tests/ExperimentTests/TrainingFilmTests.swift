import Backprop
import ExperimentKit
import Plot
import XCTest

final class TrainingFilmTests: XCTestCase {
    /// A single neuron learning AND for `steps` steps with `optimizer`, recorded in `frames` snapshots.
    private func trainAND(frames: Int, steps: Int, seed: UInt64 = 4, adam: Bool = false)
        -> (network: Sequential<Double>, recorder: FilmRecorder<Double>, history: TrainingHistory) {
        var generator = SeededGenerator(seed: seed)
        let network = Sequential<Double>()
        network.append(Linear(2, 1, using: &generator))
        network.append(Sigmoid())
        let optimizer: any Optimizer<Double> = adam ? Adam(parameters: network.parameters, learningRate: 0.05)
                                                    : SGD(parameters: network.parameters, learningRate: 0.5)
        let trainer = Trainer(model: network, loss: BinaryCrossEntropy(), optimizer: optimizer)
        let recorder = FilmRecorder<Double>(frames: frames, totalSteps: steps)
        recorder.recordStart(network.parameters)
        let history = trainer.fit(Dataset.and(), configuration: TrainingConfiguration(epochs: steps),
                                  progress: { recorder.record(after: $0.step, network.parameters) })
        return (network, recorder, history)
    }

    private func imageSize(_ url: URL) throws -> (width: Int, height: Int) {
        let image = try PNGImage(contentsOf: url)
        return (image.width, image.height)
    }

    /// Draws the decision field of the snapshot's weights, as the experiments will.
    private func drawBorder(_ network: Sequential<Double>) -> (Axes, TrainingFilm<Double>.Panel) -> Void {
        { axes, panel in
            network.load(panel.snapshot)
            let field = DecisionField(model: network, x: -0.5...1.5, y: -0.5...1.5, resolution: 160)
            axes.heatmap(x: field.x, y: field.y, values: field.values, colorMap: .viridis, range: 0...1, colorBarLabel: "p(y = 1)")
            axes.contour(x: field.x, y: field.y, values: field.values, level: 0.5, color: .white)
        }
    }

    /// A temporary folder, or with VISUALS_SAMPLE_DIR set a kept one there (to look at the
    /// frames and run `report --outputs` on it).
    private func directory(_ name: String) throws -> URL {
        guard let kept = ProcessInfo.processInfo.environment["VISUALS_SAMPLE_DIR"] else { return try ExecutableRunner.temporaryDirectory(self) }
        let url = URL(fileURLWithPath: kept).appendingPathComponent("outputs/\(name)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    func testFilmHasAFramePerSnapshotInStepOrderWithTheRunsLosses() throws {
        let directory = try directory("film-one-track")
        let (network, recorder, history) = trainAND(frames: 16, steps: 2_000)
        let output = try OutputDirectory(path: directory.path, experiment: "film-test")
        var drawn: [Int] = []
        let film = try TrainingFilm<Double>(name: "and", title: "AND: the border moves", lossLabel: "log loss")
            .write(.init(name: "gradient descent", frames: recorder.frames(losses: history)), to: output) { axes, panel in
                drawn.append(panel.step)
                drawBorder(network)(axes, panel)
            }
        try output.commit()

        XCTAssertEqual(film.frames.count, 16)
        XCTAssertEqual(film.frames.map(\.step), recorder.steps)
        XCTAssertEqual(film.frames.map(\.step), film.frames.map(\.step).sorted())
        XCTAssertEqual(drawn, recorder.steps, "one draw per frame, in step order")
        for frame in film.frames {
            XCTAssertEqual(frame.loss, history.stepLosses[frame.step], "step \(frame.step)")
            let size = try imageSize(directory.appendingPathComponent(frame.file))
            XCTAssertEqual(size.width, 520); XCTAssertEqual(size.height, 440)
        }
        XCTAssertEqual(film.frames.map(\.file), (0..<16).map { "films/and/frame-\($0 < 10 ? "0" : "")\($0).png" })
        XCTAssertEqual(film.lossLabel, "log loss")
        // Four thumbnails of 300 px per row between margins of 14 and gaps of 12; four rows of
        // 300·440/520 px with a caption row (1.7 × 14 px) each, gaps between, a title row (1.6 × 18 px).
        XCTAssertEqual(film.filmstrip, "films/and/filmstrip.png")
        let strip = try imageSize(directory.appendingPathComponent(film.filmstrip))
        XCTAssertEqual(strip.width, 14 + 4 * 300 + 3 * 12 + 14)
        let thumbnailHeight: Double = 300.0 * 440 / 520, captionRow: Double = 1.7 * 14
        let expectedHeight: Double = 14 + 1.6 * 18 + 4 * (thumbnailHeight + captionRow) + 3 * 12 + 14
        XCTAssertEqual(strip.height, Int(expectedHeight.rounded(.up)))

        // The document written with it reads back, and the report can play it.
        var document = ExperimentDocument(experiment: "film-one-track", title: "Film")
        document.addFilm(film)
        let url = directory.appendingPathComponent("metrics.json")
        try document.write(to: url)
        XCTAssertEqual(try ExperimentDocument.read(from: url).films, [film])
    }

    /// Gradient descent and Adam side by side: one frame holds both panels at the same step.
    func testTracksFromSeveralRecordersShareEachFrame() throws {
        let directory = try directory("film-two-tracks")
        let gd = trainAND(frames: 6, steps: 200)
        let adam = trainAND(frames: 6, steps: 200, adam: true)
        let output = try OutputDirectory(path: directory.path, experiment: "film-test")
        var panels: [(Int, String, Int, Double)] = []
        let film = try TrainingFilm<Double>(name: "and-both", title: "AND", lossLabel: "log loss")
            .write([.init(name: "GD", frames: gd.recorder.frames(losses: gd.history)),
                    .init(name: "Adam", frames: adam.recorder.frames(losses: adam.history))], to: output) { axes, panel in
                panels.append((panel.track, panel.name, panel.step, panel.loss))
                drawBorder(panel.track == 0 ? gd.network : adam.network)(axes, panel)
            }
        try output.commit()
        XCTAssertEqual(film.frames.count, 6)
        XCTAssertEqual(panels.count, 12)
        for (index, frame) in film.frames.enumerated() {
            XCTAssertEqual(panels[2 * index].0, 0); XCTAssertEqual(panels[2 * index + 1].1, "Adam")
            XCTAssertEqual(panels[2 * index + 1].2, frame.step)
            XCTAssertEqual(panels[2 * index + 1].3, adam.history.stepLosses[frame.step])
            XCTAssertEqual(frame.loss, gd.history.stepLosses[frame.step], "the player reads the first track's loss")
            XCTAssertEqual(try imageSize(directory.appendingPathComponent(frame.file)).width, 2 * 520)
        }
        XCTAssertEqual(film.lossLabel, "log loss (GD)")
        XCTAssertEqual(try imageSize(directory.appendingPathComponent(film.filmstrip)).width, 14 + 2 * 600 + 12 + 14)
        var document = ExperimentDocument(experiment: "film-two-tracks", title: "Two tracks")
        document.addFilm(film)
        try document.write(to: directory.appendingPathComponent("metrics.json"))
    }

    func testMisuseIsReportedByName() throws {
        let directory = try ExecutableRunner.temporaryDirectory(self)
        let output = try OutputDirectory(path: directory.path, experiment: "film-test")
        let short = trainAND(frames: 4, steps: 100), long = trainAND(frames: 4, steps: 400)
        let film = TrainingFilm<Double>(name: "x", title: "x")
        XCTAssertThrowsError(try film.write([.init(name: "a", frames: short.recorder.frames(losses: short.history)),
                                             .init(name: "b", frames: long.recorder.frames(losses: long.history))], to: output) { _, _ in }) {
            XCTAssertTrue("\($0)".contains("different steps"), "\($0)")
        }
        XCTAssertThrowsError(try film.write(.init(name: "a", frames: []), to: output) { _, _ in }) {
            XCTAssertTrue("\($0)".contains("no frames"), "\($0)")
        }
        XCTAssertThrowsError(try TrainingFilm<Double>(name: "../up", title: "x")
            .write(.init(name: "a", frames: short.recorder.frames(losses: short.history)), to: output) { _, _ in }) {
            XCTAssertTrue("\($0)".contains("../up"), "\($0)")
        }
        output.discard()
    }
}
