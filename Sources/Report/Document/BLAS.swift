extension ExperimentDocument {
    /// The BLAS a run's products went through, for the page's "ran on" line.
    public struct BLAS: Hashable, Sendable, Codable {
        /// "OpenBLAS".
        public var library: String
        /// "0.3.21".
        public var version: String?
        /// The kernel family the library chose for this CPU: "SkylakeX".
        public var core: String?
        public var threads: Int?

        public init(library: String, version: String? = nil, core: String? = nil, threads: Int? = nil) {
            self.library = library
            self.version = version
            self.core = core
            self.threads = threads
        }

        /// "OpenBLAS 0.3.21 (SkylakeX kernels), 2 threads".
        public var summary: String {
            var text = library
            if let version { text += " " + version }
            if let core { text += " (\(core) kernels)" }
            if let threads { text += ", \(threads) thread\(threads == 1 ? "" : "s")" }
            return text
        }
    }
}
