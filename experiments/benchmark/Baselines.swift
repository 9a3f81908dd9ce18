import Foundation
import Plot
import Report

/// One of the Python baselines in `bench/`, kept running as a subprocess (`--serve`) with the
/// same thread count, so that each case can be timed on ours and on the baselines one after
/// the other.
final class PythonBaseline {
    /// "torch" or "numpy": the script is `bench/<name>_baseline.py`.
    let name: String
    /// The baseline's version and BLAS, as its first line said.
    private(set) var version: String?
    /// The BLAS the baseline multiplies with, as it reports it (library and kernels).
    private(set) var blas: String?

    private let process = Process()
    private let requests = Pipe(), answers = Pipe(), errors = Pipe()
    private var buffered = Data()

    struct Failure: Error { var reason: String }

    /// Starts the script. A missing interpreter, script or module is a `Failure` whose reason
    /// the benchmark reports as "skipped", so it still prints our own numbers.
    init(name: String, python: String, directory: String, threads: Int, samples: Int, steps: Int) throws(Failure) {
        self.name = name
        let script = URL(fileURLWithPath: directory).appendingPathComponent("\(name)_baseline.py").path
        guard FileManager.default.fileExists(atPath: script) else { throw Failure(reason: "\(script) not found") }
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [python, script, "--serve", "--threads", "\(threads)", "--samples", "\(samples)", "--steps", "\(steps)"]
        var environment = ProcessInfo.processInfo.environment
        for variable in ["OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"] { environment[variable] = "\(threads)" }
        process.environment = environment
        process.standardInput = requests
        process.standardOutput = answers
        process.standardError = errors
        do { try process.run() } catch { throw Failure(reason: "could not start \(python): \(error)") }
        guard let header = readAnswer() else { throw Failure(reason: failureReason()) }
        if case .string(let version)? = header["version"] { self.version = version }
        if case .string(let library)? = header["blas"]?["library"], case .string(let core)? = header["blas"]?["core"] {
            blas = library.contains(core) ? library : "\(library), \(core)"
        }
    }

    deinit { close() }

    /// The baseline's median seconds per unit for `key`, or a failure saying why not.
    func time(_ key: String, warmup: Int, repeats: Int) throws(Failure) -> Double {
        let request: JSONValue = ["case": .string(key), "warmup": .integer(warmup), "repeats": .integer(repeats)]
        // One line per request: the compact encoding has no newlines.
        guard var line = try? JSONEncoder().encode(request) else { throw Failure(reason: "could not encode a request") }
        line.append(0x0A)
        do { try requests.fileHandleForWriting.write(contentsOf: line) } catch { throw Failure(reason: failureReason()) }
        guard let answer = readAnswer() else { throw Failure(reason: failureReason()) }
        if case .string(let message)? = answer["error"] { throw Failure(reason: message) }
        guard case .number(let median)? = answer["median_s"] else { throw Failure(reason: "unreadable answer from \(name)_baseline.py") }
        return median
    }

    /// Ends the subprocess (its standard input closes, so it leaves its loop).
    func close() {
        guard process.isRunning else { return }
        try? requests.fileHandleForWriting.close()
        process.waitUntilExit()
    }

    /// The next line of output as JSON, or nil when the process ended first.
    private func readAnswer() -> JSONValue? {
        while true {
            if let newline = buffered.firstIndex(of: 0x0A) {
                let line = buffered[buffered.startIndex..<newline]
                buffered.removeSubrange(buffered.startIndex...newline)
                return try? JSONValue.parse(Data(line))
            }
            let chunk = answers.fileHandleForReading.availableData
            if chunk.isEmpty { return nil }
            buffered.append(chunk)
        }
    }

    /// The last line the script wrote to standard error (a Python traceback ends with the cause).
    private func failureReason() -> String {
        if process.isRunning { process.terminate() }
        process.waitUntilExit()
        let text = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        return text.split(separator: "\n").last.map(String.init) ?? "\(name)_baseline.py exited with status \(process.terminationStatus)"
    }
}
