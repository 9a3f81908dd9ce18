extension ExperimentDocument {
    /// A training film: snapshots of what the network computes at chosen steps, played on
    /// the page with a slider, and printed as its filmstrip (one image of all frames).
    public struct Film: Hashable, Sendable, Codable {
        public var title: String
        /// What to watch for.
        public var caption: Markdown?
        /// The grid of all frames, one PNG beside `metrics.json`; shown in print.
        public var filmstrip: String
        /// The loss's name in the player's read-out: "log loss", "½·MSE".
        public var lossLabel: String
        /// In step order.
        public var frames: [Frame]

        public init(title: String, caption: Markdown? = nil, filmstrip: String, lossLabel: String = "loss", frames: [Frame]) {
            self.title = title
            self.caption = caption
            self.filmstrip = filmstrip
            self.lossLabel = lossLabel
            self.frames = frames
        }

        enum CodingKeys: String, CodingKey {
            case title, caption, filmstrip, frames
            case lossLabel = "loss_label"
        }

        public init(from decoder: Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            title = try c.decode(String.self, forKey: .title)
            caption = try c.decodeIfPresent(Markdown.self, forKey: .caption)
            filmstrip = try c.decode(String.self, forKey: .filmstrip)
            lossLabel = try c.decodeIfPresent(String.self, forKey: .lossLabel) ?? "loss"
            frames = try c.decode([Frame].self, forKey: .frames)
            guard !frames.isEmpty else {
                throw DecodingError.dataCorruptedError(forKey: .frames, in: c, debugDescription: "film \"\(title)\" has no frames")
            }
        }
    }

    /// One frame of a film: the image and the training state it shows.
    public struct Frame: Hashable, Sendable, Codable {
        /// PNG file relative to the experiment's folder: "films/xor/frame-07.png".
        public var file: String
        /// The training step the snapshot was taken after (0: before training).
        public var step: Int
        /// The loss at that step.
        public var loss: Double

        public init(file: String, step: Int, loss: Double) {
            self.file = file
            self.step = step
            self.loss = loss
        }
    }
}
