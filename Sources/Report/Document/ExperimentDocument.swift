/// What one experiment run reports, written to its `metrics.json` and rendered as its page:
/// it reads top to bottom like the notebook it reproduces — the question, the set-up, the
/// results, the figures and films, the conclusion — and keeps every raw number in `values`.
///
/// Only `experiment` and `title` are required; a part left empty is left off the page.
///
/// ```swift
/// var report = ExperimentDocument(experiment: "sine-fit", title: "Sine fit: gradient descent vs Adam")
/// report.notebook = "Notebook 001, *fitting sin²(4πx) with a 1-4-4-1 network*"
/// report.question = "Does Adam fit the sine where plain gradient descent stalls?"
/// report.setup.data = "\(points) points x ∈ [0, 1], y = sin²(4πx)"
/// report.setup.architecture = String(describing: network)
/// report.setup.addHyperparameter("learning rate η (Adam)", 0.01)
/// report.setup.addHyperparameter("steps", steps, unit: "full-batch steps")
/// report.addTable("Final loss", columns: [.init("optimiser"), .init("½·MSE", format: .scientific(2))]) { table in
///     table.addRow("gradient descent", gdLoss)
///     table.addRow("Adam", adamLoss)
/// }
/// report.addFigure("fit.png", caption: "Look at the humps: gradient descent fits only the first.")
/// report.conclusion = "Adam ended \(gdLoss / adamLoss, format: .significant(2))× below gradient descent."
/// report.headline = "Adam ½·MSE \(NumberFormat.scientific(1).format(adamLoss))"
/// report["adam_final_loss"] = .number(adamLoss)
/// try report.write(to: directory.appendingPathComponent("metrics.json"))
/// ```
public struct ExperimentDocument: Equatable, Sendable {
    /// What `metrics.json` says it is; a file without it (or with another) is not read.
    public static let schema = "swift-backprop/experiment-document/1"

    /// The experiment's name, as in `experiment-<name>` and `outputs/<name>/`.
    public var experiment: String
    /// The page title.
    public var title: String
    /// One or two plain sentences under the title (the older reports' only text).
    public var description: String?
    /// One line for the table of contents: the run's main number ("Adam ½·MSE 5.6e-4").
    public var headline: String?
    /// Which course notebook the experiment reproduces.
    public var notebook: Markdown?
    /// The question the experiment answers.
    public var question: Markdown?
    /// Data, architecture and hyper-parameters.
    public var setup = Setup()
    /// Result tables, in page order.
    public var results: [Table] = []
    /// Figures (PNG files beside `metrics.json`), in page order.
    public var figures: [Figure] = []
    /// Training films, in page order.
    public var films: [Film] = []
    /// What this run's numbers show, written by the experiment from those numbers.
    public var conclusion: Markdown?
    /// The linear-algebra library the run used, shown in a "ran on" line.
    public var blas: BLAS?
    /// Every raw number, under the keys the experiment chose; shown collapsed at the end.
    public var values: [String: JSONValue] = [:]

    /// An empty document for `experiment`.
    public init(experiment: String, title: String, description: String? = nil) {
        self.experiment = experiment
        self.title = title
        self.description = description
    }

    /// The raw value under `key`.
    public subscript(key: String) -> JSONValue? {
        get { values[key] }
        set { values[key] = newValue }
    }

    /// Appends a result table that `fill` gives its rows.
    public mutating func addTable(_ title: String, columns: [Table.Column], caption: Markdown? = nil,
                                  rows fill: (inout Table) -> Void) {
        var table = Table(title, columns: columns, caption: caption)
        fill(&table)
        results.append(table)
    }

    /// Appends a figure: a PNG file beside `metrics.json` and a caption saying what to look at.
    public mutating func addFigure(_ file: String, caption: Markdown, alt: String? = nil) {
        figures.append(Figure(file: file, caption: caption, alt: alt))
    }

    /// Appends a film.
    public mutating func addFilm(_ film: Film) { films.append(film) }
}

extension ExperimentDocument: Codable {
    enum CodingKeys: String, CodingKey {
        case schema, experiment, title, description, headline, notebook, question, setup, results, figures, films
        case conclusion, blas, values
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let schema = try c.decodeIfPresent(String.self, forKey: .schema)
        guard schema == Self.schema else {
            throw DecodingError.dataCorruptedError(forKey: .schema, in: c, debugDescription: schema.map {
                "schema \"\($0)\" is not \"\(Self.schema)\""
            } ?? "no \"schema\" field: written by an older version of the experiment; run it again")
        }
        experiment = try c.decode(String.self, forKey: .experiment)
        title = try c.decode(String.self, forKey: .title)
        description = try c.decodeIfPresent(String.self, forKey: .description)
        headline = try c.decodeIfPresent(String.self, forKey: .headline)
        notebook = try c.decodeIfPresent(Markdown.self, forKey: .notebook)
        question = try c.decodeIfPresent(Markdown.self, forKey: .question)
        setup = try c.decodeIfPresent(Setup.self, forKey: .setup) ?? Setup()
        results = try c.decodeIfPresent([Table].self, forKey: .results) ?? []
        figures = try c.decodeIfPresent([Figure].self, forKey: .figures) ?? []
        films = try c.decodeIfPresent([Film].self, forKey: .films) ?? []
        conclusion = try c.decodeIfPresent(Markdown.self, forKey: .conclusion)
        blas = try c.decodeIfPresent(BLAS.self, forKey: .blas)
        values = try c.decodeIfPresent([String: JSONValue].self, forKey: .values) ?? [:]
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(Self.schema, forKey: .schema)
        try c.encode(experiment, forKey: .experiment)
        try c.encode(title, forKey: .title)
        try c.encodeIfPresent(description, forKey: .description)
        try c.encodeIfPresent(headline, forKey: .headline)
        try c.encodeIfPresent(notebook, forKey: .notebook)
        try c.encodeIfPresent(question, forKey: .question)
        if !setup.isEmpty { try c.encode(setup, forKey: .setup) }
        if !results.isEmpty { try c.encode(results, forKey: .results) }
        if !figures.isEmpty { try c.encode(figures, forKey: .figures) }
        if !films.isEmpty { try c.encode(films, forKey: .films) }
        try c.encodeIfPresent(conclusion, forKey: .conclusion)
        try c.encodeIfPresent(blas, forKey: .blas)
        try c.encode(values, forKey: .values)
    }
}
