extension ExperimentDocument {
    /// A figure on the page: an image file beside `metrics.json` and its caption.
    public struct Figure: Hashable, Sendable, Codable {
        /// File name relative to the experiment's folder: "fit.png".
        public var file: String
        /// What to look at in the figure, and what it shows in this run.
        public var caption: Markdown
        /// Text for readers who cannot see the image; the caption's text when nil.
        public var alt: String?

        public init(file: String, caption: Markdown, alt: String? = nil) {
            self.file = file
            self.caption = caption
            self.alt = alt
        }
    }
}
