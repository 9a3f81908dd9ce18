import Foundation

/// Why an atomic write failed, naming the file it was for.
public struct AtomicWriteError: Error, CustomStringConvertible {
    /// The file that was to be written.
    public var url: URL
    /// What went wrong.
    public var reason: String

    /// Names the file where the reader will look for it: a file staged for a run's output
    /// folder (`results/.run-<pid>/loss.png`) as `results/loss.png`.
    public var description: String { "could not write \(StagingFolder.destination(of: url).path): \(reason)" }
}

/// The folder a run writes into before its outputs are moved into place together
/// (`OutputDirectory` in ExperimentKit): `.run-<pid>` inside the target folder.
public enum StagingFolder {
    /// The name of the staging folder of process `pid`.
    public static func name(for pid: Int32) -> String { "\(prefix)\(pid)" }

    /// The process whose staging folder `name` is, if it is one.
    public static func process(ofFolderNamed name: String) -> Int32? {
        name.hasPrefix(prefix) ? Int32(name.dropFirst(prefix.count)) : nil
    }

    /// Where a file staged at `url` ends up: the same path without the staging folder.
    public static func destination(of url: URL) -> URL {
        let components = url.pathComponents
        guard let index = components.lastIndex(where: { process(ofFolderNamed: $0) != nil }) else { return url }
        var destination = URL(fileURLWithPath: "/")
        for (position, component) in components.enumerated().dropFirst() where position != index {
            destination.appendPathComponent(component)
        }
        return destination
    }

    static let prefix = ".run-"
}

/// Writes a file through a temporary file beside it that is renamed over it, so a reader
/// (a browser showing the report, the next run) sees the old file or the new one, never
/// half of one, and a failed write leaves the old file in place.
///
/// `produce` is handed the temporary file's path and writes the whole file there (Cairo,
/// for instance, writes PNG, SVG and PDF to a path). Missing directories are created.
public func writeAtomically(to url: URL, using produce: (_ temporaryPath: String) throws -> Void) throws {
    let directory = url.deletingLastPathComponent()
    do {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    } catch {
        throw AtomicWriteError(url: url, reason: "could not create its directory: \(error.localizedDescription)")
    }
    // Same directory as the target: rename(2) is atomic only within one file system.
    // The random part keeps two writers of one file (parallel runs) apart.
    let temporary = directory.appendingPathComponent(
        ".\(url.lastPathComponent).\(getpid()).\(UInt32.random(in: 0...UInt32.max)).tmp")
    do {
        try produce(temporary.path)
        guard rename(temporary.path, url.path) == 0 else {
            throw AtomicWriteError(url: url, reason: "rename: \(String(cString: strerror(errno)))")
        }
    } catch {
        unlink(temporary.path)
        throw error
    }
}

/// Writes `data` to `url` atomically (see ``writeAtomically(to:using:)``).
public func writeAtomically(_ data: Data, to url: URL) throws {
    try writeAtomically(to: url) { path in
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw AtomicWriteError(url: url, reason: String(cString: strerror(errno))) }
        var closed = false
        defer { if !closed { close(descriptor) } }
        try data.withUnsafeBytes { bytes in
            var offset = 0
            while offset < bytes.count {
                let written = write(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    throw AtomicWriteError(url: url, reason: String(cString: strerror(errno)))
                }
                offset += written
            }
        }
        // Some file systems report a full disk only when the file is closed.
        closed = true
        guard close(descriptor) == 0 else { throw AtomicWriteError(url: url, reason: String(cString: strerror(errno))) }
    }
}
