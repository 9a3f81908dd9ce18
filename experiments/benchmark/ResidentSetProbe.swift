import Backprop
import Foundation
import Plot
import Report

/// Peak RSS of a one-epoch MNIST-shaped Float run (notebook 004's model), measured in a
/// child process of its own so that the other scenarios' data do not count.
enum ResidentSetProbe {
    struct Measurement {
        var peakBytes: Int
        /// Inputs and targets in Float: samples × (784 + 10) × 4 bytes.
        var dataBytes: Int
        var ratio: Double { Double(peakBytes) / Double(dataBytes) }
    }

    /// Runs `benchmark --rss-probe` (this executable) and reads the line it prints.
    static func measure(samples: Int, seed: UInt64) -> Measurement? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        process.arguments = ["--rss-probe", "--seed", "\(seed)"] + (samples == Sizes.quick.samples ? ["--quick"] : [])
        let out = Pipe()
        process.standardOutput = out
        guard (try? process.run()) != nil else { return nil }
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0, let json = try? JSONValue.parse(data),
              case .integer(let peak)? = json["peak_rss_bytes"], case .integer(let size)? = json["data_bytes"] else { return nil }
        return Measurement(peakBytes: peak, dataBytes: size)
    }

    /// The child's side: build the data, train one epoch, print the peak.
    static func runChild(samples: Int, seed: UInt64) {
        let epoch = Scenarios.mnist(Float.self, sizes: Sizes(samples: samples, andSteps: 0, sineSteps: 0, matmulSizes: []), seed: seed)
        _ = epoch()
        let json: JSONValue = ["peak_rss_bytes": .integer(Machine.peakResidentBytes()),
                               "data_bytes": .integer(samples * (784 + 10) * MemoryLayout<Float>.size)]
        print(String(decoding: (try? json.encoded()) ?? Data(), as: UTF8.self), terminator: "")
    }
}
