import Dispatch
import Foundation

/// Where an experiment writes: `outputs/<experiment>/` unless `--output` says otherwise,
/// as one transaction per run.
///
/// Files are written into a staging folder inside the target (`.run-<pid>/`), and
/// `commit()` moves them over the previous run's files at the end, with interrupts held
/// back meanwhile; files the previous run wrote and this one did not are removed, other
/// files in the folder are left alone. So the folder holds one run's outputs, never a mix:
/// a run that fails, fills the disk or is interrupted (SIGINT, SIGTERM) leaves the previous
/// results as they were and its staging folder removed, and the next run removes what a
/// killed run (SIGKILL) left behind.
///
/// Created at the start of a run, before any work, so that an unusable location (a file,
/// an unwritable folder) is reported before minutes of training.
public final class OutputDirectory: @unchecked Sendable {
    /// The folder the results end up in.
    public let url: URL
    /// Where this run writes until `commit()`.
    public let staging: URL
    /// The folders of `url`'s path this run created, deepest last: a run that ends without
    /// committing removes them again when it left them empty.
    let created: [URL]

    /// The list of files the last committed run wrote, so that the next one can remove
    /// those it does not write again.
    static let manifestName = ".backprop-run-files"

    public init(path: String?, experiment: String) throws {
        let chosen = path ?? "outputs/\(experiment)"
        url = URL(fileURLWithPath: chosen, isDirectory: true).standardizedFileURL
        staging = url.appendingPathComponent(StagingFolder.name(for: getpid()), isDirectory: true)
        try Self.checkLocation(url)
        created = try Self.createDirectories(url)
        Self.removeLeftovers(in: url)
        guard mkdir(staging.path, 0o777) == 0 else {
            throw ExperimentError(staging, "cannot create the staging directory (\(String(cString: strerror(errno))))")
        }
        Interruption.shared.protect(staging, created: created)
    }

    /// Where to write the file `name` during the run (inside the staging folder).
    public func file(_ name: String) -> URL { staging.appendingPathComponent(name) }

    /// Where the file `name` is once the run has committed (for messages to the user).
    public func final(_ name: String) -> URL { url.appendingPathComponent(name) }

    /// Moves every staged file into place and removes the previous run's files that this
    /// run did not write. Interrupts wait until it is done.
    public func commit() throws {
        try Interruption.shared.deferring {
            let written = try Self.files(under: staging)
            let previous = (try? String(contentsOf: url.appendingPathComponent(Self.manifestName), encoding: .utf8))
                .map { Set($0.split(separator: "\n").map(String.init)) } ?? []
            for name in written {
                let destination = url.appendingPathComponent(name)
                try FileManager.default.createDirectory(at: destination.deletingLastPathComponent(), withIntermediateDirectories: true)
                guard rename(staging.appendingPathComponent(name).path, destination.path) == 0 else {
                    throw ExperimentError(destination, "cannot move the new file into place (\(String(cString: strerror(errno))))")
                }
            }
            for name in previous.subtracting(written) { try? FileManager.default.removeItem(at: url.appendingPathComponent(name)) }
            try writeAtomically(Data((written.sorted().joined(separator: "\n") + "\n").utf8), to: url.appendingPathComponent(Self.manifestName))
            try? FileManager.default.removeItem(at: staging)
            Interruption.shared.release(staging)
        }
    }

    /// Abandons the run: removes the staging folder, and the folders the run created if
    /// they are empty, leaving the previous results as they were.
    public func discard() {
        try? FileManager.default.removeItem(at: staging)
        Self.removeIfEmpty(created)
        Interruption.shared.release(staging)
    }

    /// Removes the folders (deepest first) that are empty; rmdir leaves the others.
    static func removeIfEmpty(_ folders: [URL]) {
        for folder in folders.reversed() { rmdir(folder.path) }
    }

    deinit {
        // A run that threw before committing: nothing of it stays.
        if FileManager.default.fileExists(atPath: staging.path) { discard() }
    }

    /// Staging folders and temporary files of runs that are no longer running.
    static func removeLeftovers(in directory: URL) {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory.path) else { return }
        for name in names where name.hasPrefix(".") {
            let pid: pid_t?
            if let process = StagingFolder.process(ofFolderNamed: name) {
                pid = process
            } else if name.hasSuffix(".tmp") {
                // `.<file>.<pid>.<random>.tmp`, as `writeAtomically` names them.
                let parts = name.split(separator: ".")
                pid = parts.count >= 4 ? pid_t(parts[parts.count - 3]) : nil
            } else {
                pid = nil
            }
            guard let pid, pid != getpid(), kill(pid, 0) != 0, errno == ESRCH else { continue }
            try? FileManager.default.removeItem(at: directory.appendingPathComponent(name))
        }
    }

    /// Paths of the regular files under `root`, relative to it.
    static func files(under root: URL) throws -> Set<String> {
        guard let enumerator = FileManager.default.enumerator(atPath: root.path) else { return [] }
        var files = Set<String>()
        while let name = enumerator.nextObject() as? String {
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: root.appendingPathComponent(name).path, isDirectory: &isDirectory), !isDirectory.boolValue {
                files.insert(name)
            }
        }
        return files
    }

    /// Checks, leaving nothing behind, that a run can write into `url`: each part of the
    /// path that exists is a directory, a folder can be made in the deepest one that exists,
    /// and the names fit the system's limits. `ExperimentOptions.validate()`
    /// runs it, so a bad `--output` is refused before any work.
    ///
    /// - Throws: ``ExperimentError`` naming `url` and the cause.
    public static func checkLocation(_ url: URL) throws {
        guard url.path.utf8.count < PATH_MAX else {
            throw ExperimentError(url, "the path is \(url.path.utf8.count) bytes long, over the system's limit of \(PATH_MAX - 1)")
        }
        if let long = url.pathComponents.first(where: { $0.utf8.count > NAME_MAX }) {
            throw ExperimentError(url, "the name '\(long.prefix(24))…' is \(long.utf8.count) bytes long, over the system's limit of \(NAME_MAX)")
        }
        var deepest = URL(fileURLWithPath: "/", isDirectory: true)
        for component in url.pathComponents.dropFirst() {
            let next = deepest.appendingPathComponent(component, isDirectory: true)
            var status = stat()
            guard stat(next.path, &status) == 0 else {
                if errno == ENOENT { break }
                throw ExperimentError(url, "cannot use \(next.path): \(String(cString: strerror(errno)))")
            }
            guard (status.st_mode & S_IFMT) == S_IFDIR else {
                throw ExperimentError(url, next.path == url.path ? "the output location exists and is not a directory"
                                                                 : "\(next.path) is not a directory")
            }
            deepest = next
        }
        // Creating (and removing) a folder is the one test that /proc, a read-only or full
        // file system and missing permissions all fail, each with its own reason.
        let probe = deepest.appendingPathComponent(".backprop-probe-\(getpid())")
        guard mkdir(probe.path, 0o700) == 0 || errno == EEXIST else {
            let cause = String(cString: strerror(errno))
            throw ExperimentError(url, deepest.path == url.path ? "the output directory is not writable (\(cause))"
                                                                : "cannot create it: cannot create folders in \(deepest.path) (\(cause))")
        }
        rmdir(probe.path)
    }

    /// `mkdir -p`, with the system's reason when a part cannot be made. Returns the folders
    /// it created, outermost first.
    static func createDirectories(_ url: URL) throws -> [URL] {
        var current = URL(fileURLWithPath: "/", isDirectory: true)
        var created: [URL] = []
        for component in url.pathComponents.dropFirst() {
            current.appendPathComponent(component, isDirectory: true)
            if mkdir(current.path, 0o777) == 0 {
                created.append(current)
            } else if errno != EEXIST {
                let cause = String(cString: strerror(errno))
                removeIfEmpty(created)
                throw ExperimentError(url, "cannot create \(current.path == url.path ? "the output directory" : current.path) (\(cause))")
            }
        }
        var status = stat()
        guard stat(url.path, &status) == 0, (status.st_mode & S_IFMT) == S_IFDIR else {
            throw ExperimentError(url, "the output location exists and is not a directory")
        }
        return created
    }
}

/// SIGINT and SIGTERM end a run cleanly: the staging folders of open output directories
/// are removed, a line says the previous results are unchanged, and the process exits with
/// status 1. During a commit they wait until it is done.
final class Interruption: @unchecked Sendable {
    static let shared = Interruption()

    private let lock = NSLock()
    /// Open runs' staging folders, each with the folders its run created.
    private var protected: [URL: [URL]] = [:]
    private var committing = 0
    private var pending: Int32?
    private var sources: [DispatchSourceSignal] = []
    private let queue = DispatchQueue(label: "backprop.interruption")

    private init() {
        for signalNumber in [SIGINT, SIGTERM] {
            signal(signalNumber, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: signalNumber, queue: queue)
            source.setEventHandler { [unowned self] in self.received(signalNumber) }
            source.resume()
            sources.append(source)
        }
    }

    func protect(_ staging: URL, created: [URL]) {
        lock.lock(); defer { lock.unlock() }
        protected[staging] = created
    }

    func release(_ staging: URL) {
        lock.lock(); defer { lock.unlock() }
        protected[staging] = nil
    }

    func deferring<T>(_ body: () throws -> T) rethrows -> T {
        lock.lock(); committing += 1; lock.unlock()
        defer {
            lock.lock()
            committing -= 1
            let signalled = committing == 0 ? pending : nil
            lock.unlock()
            if let signalled { stop(signalled) }
        }
        return try body()
    }

    private func received(_ signalNumber: Int32) {
        lock.lock()
        let busy = committing > 0
        if busy { pending = signalNumber }
        lock.unlock()
        if !busy { stop(signalNumber) }
    }

    private func stop(_ signalNumber: Int32) -> Never {
        lock.lock()
        let folders = protected
        lock.unlock()
        for (staging, created) in folders {
            try? FileManager.default.removeItem(at: staging)
            OutputDirectory.removeIfEmpty(created)
        }
        let name = signalNumber == SIGINT ? "SIGINT" : "SIGTERM"
        // Only a folder that existed before the run can hold previous results.
        let kept = folders.filter { $0.value.isEmpty }.map { $0.key.deletingLastPathComponent().path }.sorted().joined(separator: ", ")
        FileHandle.standardError.write(Data("\ninterrupted (\(name)): nothing of this run was kept\(kept.isEmpty ? "" : "; \(kept) holds the previous results, unchanged")\n".utf8))
        // _exit, not exit: the main thread may be inside a product, and exit's handlers
        // (OpenBLAS's among them) would tear down what it is using.
        _exit(1)
    }
}
