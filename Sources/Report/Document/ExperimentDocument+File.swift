import AtomicFile
import Foundation

/// A `metrics.json` that could not be read as an ``ExperimentDocument``: which file, and why.
public struct DocumentReadError: Error, CustomStringConvertible, Sendable {
    public var file: URL
    /// What is wrong, with the JSON path where it applies: "at results[0].columns: …".
    public var problem: String

    public var description: String { "\(file.path): \(problem)" }
}

extension ExperimentDocument {
    /// Reads a `metrics.json`; throws ``DocumentReadError`` naming the file and the problem.
    public static func read(from url: URL) throws -> ExperimentDocument {
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw DocumentReadError(file: url, problem: "cannot be read: \((error as NSError).localizedDescription)")
        }
        do {
            return try MetricsCoding.decoder().decode(ExperimentDocument.self, from: data)
        } catch let error as DecodingError {
            throw DocumentReadError(file: url, problem: Self.explain(error))
        } catch {
            throw DocumentReadError(file: url, problem: "\(error)")
        }
    }

    /// The `metrics.json` text: pretty-printed, keys sorted, so a seed gives the same bytes.
    public func encoded() throws -> Data { try MetricsCoding.encode(self) }

    /// Writes `metrics.json` to `url` atomically.
    public func write(to url: URL) throws { try writeAtomically(try encoded(), to: url) }

    private static func explain(_ error: DecodingError) -> String {
        func path(_ codingPath: [CodingKey]) -> String {
            guard !codingPath.isEmpty else { return "" }
            let text = codingPath.reduce(into: "") { text, key in
                if let index = key.intValue { text += "[\(index)]" } else { text += (text.isEmpty ? "" : ".") + key.stringValue }
            }
            return "at \(text): "
        }
        switch error {
        case .dataCorrupted(let context) where context.codingPath.isEmpty:
            let underlying = (context.underlyingError as NSError?)?.userInfo[NSDebugDescriptionErrorKey] as? String
            return "not valid JSON" + (underlying.map { " (\($0))" } ?? "")
        case .dataCorrupted(let context):
            return path(context.codingPath) + context.debugDescription
        case .keyNotFound(let key, let context):
            return path(context.codingPath) + "the required field \"\(key.stringValue)\" is missing"
        case .typeMismatch(let type, let context):
            return path(context.codingPath) + "expected \(Self.name(of: type))"
        case .valueNotFound(let type, let context):
            return path(context.codingPath) + "expected \(Self.name(of: type)), found null"
        @unknown default:
            return "\(error)"
        }
    }

    private static func name(of type: Any.Type) -> String {
        let text = String(describing: type)
        if type == String.self { return "a string" }
        if type == Double.self || type == Int.self { return "a number" }
        if text.hasPrefix("Dictionary") || text.hasPrefix("[String") { return "an object" }
        if text.hasPrefix("Array") || text.hasPrefix("[") { return "an array" }
        return text
    }
}
