import Foundation
import Backprop
import Plot

/// What an experiment writes to `metrics.json`: who it is, the figures it drew (for the
/// HTML report), and its numbers.
public struct Metrics {
    public var experiment: String
    public var title: String
    public var description: String
    public var figures: [(file: String, caption: String)] = []
    public var values: [String: JSONValue] = [:]

    public init(experiment: String, title: String, description: String) {
        self.experiment = experiment
        self.title = title
        self.description = description
    }

    public subscript(key: String) -> JSONValue? {
        get { values[key] }
        set { values[key] = newValue }
    }

    public var json: JSONValue {
        var object = values
        object["experiment"] = .string(experiment)
        object["title"] = .string(title)
        object["description"] = .string(description)
        object["figures"] = .array(figures.map { ["file": .string($0.file), "caption": .string($0.caption)] })
        object["blas"] = BLAS.configuration.json
        return .object(object)
    }

    /// Writes `metrics.json` into the directory, atomically.
    @discardableResult
    public func write(to directory: OutputDirectory) throws -> URL {
        let url = directory.file("metrics.json")
        try writeAtomically(try json.encoded(), to: url)
        return url
    }
}
