import Foundation

/// Where an experiment writes: `outputs/<experiment>/` unless `--output` says otherwise.
public struct OutputDirectory: Sendable {
    public let url: URL

    public init(path: String?, experiment: String) throws {
        let chosen = path ?? "outputs/\(experiment)"
        url = URL(fileURLWithPath: chosen, isDirectory: true).standardizedFileURL
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    /// The URL of a file inside the directory.
    public func file(_ name: String) -> URL { url.appendingPathComponent(name) }
}
