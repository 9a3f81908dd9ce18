extension ExperimentDocument {
    /// How the experiment was set up: the data, the network as printed, the hyper-parameters.
    public struct Setup: Hashable, Sendable, Codable {
        /// The data: where it comes from, how many samples, how it was split.
        public var data: Markdown?
        /// The network as it prints itself (`print(model)`), shown preformatted.
        public var architecture: String?
        /// Name, value and unit of each hyper-parameter, in the order given.
        public var hyperparameters: [Hyperparameter] = []

        public init(data: Markdown? = nil, architecture: String? = nil, hyperparameters: [Hyperparameter] = []) {
            self.data = data
            self.architecture = architecture
            self.hyperparameters = hyperparameters
        }

        /// Whether there is nothing to show.
        public var isEmpty: Bool {
            (data?.isEmpty ?? true) && (architecture?.isEmpty ?? true) && hyperparameters.isEmpty
        }

        /// Appends a hyper-parameter: `addHyperparameter("learning rate η", 0.1)`,
        /// `addHyperparameter("batch size", 32, unit: "samples")`, `addHyperparameter("optimiser", "Adam")`.
        public mutating func addHyperparameter(_ name: String, _ value: some ValueConvertible, unit: String? = nil) {
            hyperparameters.append(Hyperparameter(name, value.reportValue, unit: unit))
        }

        public init(from decoder: Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            data = try c.decodeIfPresent(Markdown.self, forKey: .data)
            architecture = try c.decodeIfPresent(String.self, forKey: .architecture)
            hyperparameters = try c.decodeIfPresent([Hyperparameter].self, forKey: .hyperparameters) ?? []
        }
    }

    /// One row of the hyper-parameter table.
    public struct Hyperparameter: Hashable, Sendable, Codable {
        /// Human name, symbol included: "learning rate η".
        public var name: String
        public var value: Value
        /// "steps", "samples", "%"… or nil for a pure number.
        public var unit: String?

        public init(_ name: String, _ value: Value, unit: String? = nil) {
            self.name = name
            self.value = value
            self.unit = unit
        }
    }
}
