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

/// Writes data next to its destination and renames it into place, so a reader never sees
/// half a file and an interrupted run never truncates the previous result.
public func writeAtomically(_ data: Data, to url: URL) throws {
    let temporary = url.deletingLastPathComponent()
        .appendingPathComponent(".\(url.lastPathComponent).\(ProcessInfo.processInfo.processIdentifier).tmp")
    try data.write(to: temporary)
    if rename(temporary.path, url.path) != 0 {
        let code = errno
        try? FileManager.default.removeItem(at: temporary)
        throw CocoaError(.fileWriteUnknown, userInfo: [
            NSFilePathErrorKey: url.path,
            NSLocalizedDescriptionKey: "could not rename into \(url.path): \(String(cString: strerror(code)))",
        ])
    }
}
