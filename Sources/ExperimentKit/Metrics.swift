import Foundation
import Backprop

/// The older way to fill `metrics.json`: a title, a description, figures with plain-text
/// captions and raw values. It now writes an ``ExperimentDocument``; new code fills
/// `document` (question, set-up, tables, films, conclusion…) or uses `ExperimentDocument`
/// directly, and this type goes once no experiment needs it.
public struct Metrics {
    /// Every part of the report; `figures` below is added to its figures when written.
    public var document: ExperimentDocument
    /// Figures with plain-text captions (escaped, so they show literally), drawn before
    /// `document.figures`.
    public var figures: [(file: String, caption: String)] = []

    public init(experiment: String, title: String, description: String) {
        document = ExperimentDocument(experiment: experiment, title: title, description: description)
    }

    public var experiment: String {
        get { document.experiment }
        set { document.experiment = newValue }
    }

    public var title: String {
        get { document.title }
        set { document.title = newValue }
    }

    public var description: String {
        get { document.description ?? "" }
        set { document.description = newValue }
    }

    /// The raw numbers, written under `values` in `metrics.json`.
    public var values: [String: JSONValue] {
        get { document.values }
        set { document.values = newValue }
    }

    public subscript(key: String) -> JSONValue? {
        get { document.values[key] }
        set { document.values[key] = newValue }
    }

    /// The document as written: `figures` first, then `document.figures`.
    public var completeDocument: ExperimentDocument {
        var complete = document
        complete.figures = figures.map { ExperimentDocument.Figure(file: $0.file, caption: Markdown(escaping: $0.caption)) } + document.figures
        return complete
    }

    /// Writes `metrics.json` into the directory, atomically.
    @discardableResult
    public func write(to directory: OutputDirectory) throws -> URL {
        try completeDocument.write(to: directory)
    }
}

extension ExperimentDocument {
    /// Writes `metrics.json` into the experiment's output directory, atomically, and
    /// returns where it will be once the run commits. The BLAS the products ran on is recorded with it: the page's "ran on"
    /// line, and every detail (kernels, how they were chosen, the CPU) under `values.blas`.
    @discardableResult
    public func write(to directory: OutputDirectory) throws -> URL {
        let configuration = Backprop.BLAS.configuration
        var document = self
        document.blas = document.blas ?? BLAS(library: configuration.library, version: configuration.version,
                                              core: configuration.core, threads: configuration.threads)
        document.values["blas"] = configuration.json
        try document.write(to: directory.file("metrics.json"))
        return directory.final("metrics.json")
    }
}
