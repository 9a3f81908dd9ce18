import Foundation

/// Write-then-rename, so that readers (a browser showing the report, a half-finished run)
/// see either the old file or the new one, never a truncated one.
enum AtomicFile {
    static func write(to url: URL, _ produce: (String) throws -> Void) throws {
        let directory = url.deletingLastPathComponent()
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        // Same directory as the target: rename(2) is only atomic within one file system.
        let temp = directory.appendingPathComponent(".\(url.lastPathComponent).\(getpid()).\(UInt32.random(in: 0...UInt32.max)).tmp")
        do {
            try produce(temp.path)
            guard rename(temp.path, url.path) == 0 else {
                throw PlotError.io("rename to \(url.path): \(String(cString: strerror(errno)))")
            }
        } catch {
            unlink(temp.path)
            throw error
        }
    }

    static func write(_ data: Data, to url: URL) throws {
        try write(to: url) { path in
            guard FileManager.default.createFile(atPath: path, contents: data) else {
                throw PlotError.io("could not write \(path)")
            }
        }
    }
}
