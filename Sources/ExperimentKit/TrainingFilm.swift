import Backprop
import Foundation
import Plot

/// Turns the snapshots of a `FilmRecorder` into a training film: one PNG per frame,
/// `films/<name>/frame-00.png`, … (each stamped with its step and loss), a filmstrip of all
/// frames, `films/<name>/filmstrip.png`, and the `ExperimentDocument.Film` that the
/// report's player plays.
///
/// A frame can show several runs side by side (gradient descent and Adam, say): one
/// `Track` per recorder, all recorded at the same steps; each gets a panel.
///
/// ```swift
/// let gdFilm = FilmRecorder<Double>(frames: 16, totalSteps: steps)    // recorded during training,
/// let adamFilm = FilmRecorder<Double>(frames: 16, totalSteps: steps)  // as FilmRecorder shows
/// let film = TrainingFilm<Double>(name: "sine", title: "Fitting sin²(4πx)", lossLabel: "½·MSE")
/// let network = setup.makeNetwork()                                  // a network to load snapshots into
/// let played = try film.write([.init(name: "gradient descent", frames: gdFilm.frames(losses: gdHistory)),
///                              .init(name: "Adam", frames: adamFilm.frames(losses: adamHistory))],
///                             to: output) { axes, panel in
///     network.load(panel.snapshot)
///     axes.line(x: xs, y: network.forward(grid).elements, label: "fit")
///     axes.scatter(x: data.x, y: data.y, label: "data")
/// }
/// document.addFilm(played)
/// ```
///
/// The draw closure fills one panel; the film sets the panel's title (the run's name and
/// loss) and the frame's title (the step) afterwards, so every frame is stamped the same way.
public struct TrainingFilm<Scalar: BLASScalar> {
    /// One run's frames: a recorder's snapshots with the loss at each.
    public struct Track {
        public var name: String
        public var frames: [(snapshot: FilmRecorder<Scalar>.Snapshot, loss: Double)]

        public init(name: String, frames: [(snapshot: FilmRecorder<Scalar>.Snapshot, loss: Double)]) {
            self.name = name
            self.frames = frames
        }
    }

    /// What the draw closure is given for one panel of one frame.
    public struct Panel {
        /// Which track (0 for the first).
        public let track: Int
        public let name: String
        public let snapshot: FilmRecorder<Scalar>.Snapshot
        public var step: Int { snapshot.step }
        public let loss: Double
    }

    /// The folder under `films/`; a plain name such as "xor".
    public var name: String
    public var title: String
    /// What to watch for, shown under the player.
    public var caption: Markdown?
    /// The loss's name on the frames and in the player: "log loss", "½·MSE".
    public var lossLabel: String
    /// One panel's size in pixels; a frame is as wide as its panels side by side.
    public var panelWidth = 520, panelHeight = 440
    /// Frames per row of the filmstrip; nil chooses 4 for one track and 2 for more.
    public var filmstripColumns: Int?

    public init(name: String, title: String, lossLabel: String = "loss", caption: Markdown? = nil) {
        self.name = name
        self.title = title
        self.lossLabel = lossLabel
        self.caption = caption
    }

    /// Writes one track's film; see `write(_:to:draw:)`.
    public func write(_ track: Track, to output: OutputDirectory,
                      draw: (_ axes: Axes, _ panel: Panel) throws -> Void) throws -> ExperimentDocument.Film {
        try write([track], to: output, draw: draw)
    }

    /// Writes every frame and the filmstrip into `output` and returns the film to add to
    /// the document. Tracks must have frames at the same steps.
    ///
    /// - Throws: `ExperimentError` when there are no frames, the tracks' steps differ or the
    ///   name is not a plain folder name; the error of a failed write.
    public func write(_ tracks: [Track], to output: OutputDirectory,
                      draw: (_ axes: Axes, _ panel: Panel) throws -> Void) throws -> ExperimentDocument.Film {
        guard !name.isEmpty, !name.contains("/"), !name.hasPrefix("."), name != ".." else {
            throw ExperimentError("TrainingFilm: '\(name)' is not a plain folder name for films/<name>/")
        }
        guard let first = tracks.first, !first.frames.isEmpty else {
            throw ExperimentError("TrainingFilm '\(name)': no frames to write (was the recorder given to the training loop?)")
        }
        let steps = first.frames.map(\.snapshot.step)
        for track in tracks.dropFirst() where track.frames.map(\.snapshot.step) != steps {
            throw ExperimentError("TrainingFilm '\(name)': tracks '\(first.name)' and '\(track.name)' have frames at different steps (\(steps) and \(track.frames.map(\.snapshot.step)))")
        }

        let digits = max(2, String(steps.count - 1).count)
        var figures: [Figure] = []
        var frames: [ExperimentDocument.Frame] = []
        for (index, step) in steps.enumerated() {
            let figure = Figure(width: panelWidth * tracks.count, height: panelHeight, columns: tracks.count)
            // Frames are shown at their own size, which is small for a figure: larger text.
            figure.textScale = 1.35
            for (k, track) in tracks.enumerated() {
                let (snapshot, loss) = track.frames[index]
                let axes = figure[0, k]
                try draw(axes, Panel(track: k, name: track.name, snapshot: snapshot, loss: loss))
                axes.title = tracks.count > 1 ? "\(track.name): \(lossLabel) \(Self.format(loss))" : axes.title
            }
            figure.title = tracks.count > 1 ? "step \(NumberFormat.integer.format(Double(step)))"
                                            : "step \(NumberFormat.integer.format(Double(step))) · \(lossLabel) \(Self.format(first.frames[index].loss))"
            let file = "films/\(name)/frame-\(String(repeating: "0", count: max(0, digits - String(index).count)))\(index).png"
            try figure.writePNG(to: output.file(file))
            figures.append(figure)
            frames.append(ExperimentDocument.Frame(file: file, step: step, loss: first.frames[index].loss))
        }

        let columns = filmstripColumns ?? (tracks.count == 1 ? 4 : 2)
        let captions = steps.indices.map { index in
            "step \(NumberFormat.integer.format(Double(steps[index]))) · " + tracks.map { track in
                (tracks.count > 1 ? "\(track.name) " : "\(lossLabel) ") + Self.format(track.frames[index].loss)
            }.joined(separator: ", ")
        }
        let sheet = ContactSheet(figures: figures, captions: captions, columns: columns,
                                 thumbnailWidth: 1200 / columns, title: title)
        let filmstrip = "films/\(name)/filmstrip.png"
        try sheet.writePNG(to: output.file(filmstrip))
        return ExperimentDocument.Film(title: title, caption: caption, filmstrip: filmstrip,
                                       lossLabel: tracks.count > 1 ? "\(lossLabel) (\(first.name))" : lossLabel, frames: frames)
    }

    /// A loss as the frames show it: three significant digits, scientific below 0.001.
    static func format(_ loss: Double) -> String { NumberFormat.compact.format(loss) }
}
