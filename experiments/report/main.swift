import ArgumentParser
import Foundation
import Plot

/// Collects every experiment's metrics.json and figures into outputs/index.html.
@main
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Write index.html over the experiments' outputs.",
        discussion: "Reads <outputs>/*/metrics.json and writes <outputs>/index.html: one section per experiment, with its figures and metrics.")

    @Option(name: .long, help: "Directory holding one folder per experiment.")
    var outputs: String = "outputs"

    func run() throws {
        let written = try Report.write(outputs: URL(fileURLWithPath: outputs))
        print(written.path)
    }
}
