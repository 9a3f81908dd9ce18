import Foundation
import Plot
import Report

/// The Python baselines in `bench/`, run as subprocesses with the same thread count.
struct PythonBaseline {
    /// "torch" or "numpy": the script is `bench/<name>_baseline.py`.
    var name: String
    var python: String
    var directory: String

    struct Outcome {
        /// Median seconds per unit, by case key.
        var medians: [String: Double] = [:]
        var version: String?
        /// Why nothing was measured, when that happened.
        var skipped: String?
    }

    /// Runs the script for `cases`; a missing interpreter, script or module is reported as
    /// skipped, not as a failure, so the benchmark still prints our own numbers.
    func run(cases: [String], threads: Int, warmup: Int, repeats: Int, samples: Int, steps: Int) -> Outcome {
        let script = URL(fileURLWithPath: directory).appendingPathComponent("\(name)_baseline.py").path
        guard FileManager.default.fileExists(atPath: script) else {
            return Outcome(skipped: "\(script) not found")
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [python, script, "--cases", cases.joined(separator: ","), "--threads", "\(threads)",
                             "--warmup", "\(warmup)", "--repeats", "\(repeats)", "--samples", "\(samples)", "--steps", "\(steps)"]
        var environment = ProcessInfo.processInfo.environment
        for variable in ["OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"] { environment[variable] = "\(threads)" }
        process.environment = environment
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        do { try process.run() } catch { return Outcome(skipped: "could not start \(python): \(error)") }
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            let lastLine = String(decoding: errData, as: UTF8.self).split(separator: "\n").last.map(String.init) ?? "exit status \(process.terminationStatus)"
            return Outcome(skipped: lastLine)
        }
        guard let json = try? JSONValue.parse(outData), case .object(let results)? = json["results"] else {
            return Outcome(skipped: "unreadable output from \(script)")
        }
        var outcome = Outcome()
        if case .string(let version)? = json["version"] { outcome.version = version }
        for (key, value) in results {
            if case .number(let median)? = value["median_s"] { outcome.medians[key] = median }
        }
        return outcome
    }
}
