import ArgumentParser
import ExperimentKit
import Foundation
import Report

/// Writes the HTML report over every experiment's metrics.json: outputs/index.html and a
/// page per experiment.
@main
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Write the HTML report over the experiments' outputs.",
        discussion: """
        Reads <outputs>/*/metrics.json and writes <outputs>/index.html (a table of contents with \
        each experiment's headline number) and <outputs>/<experiment>/index.html (its page: \
        question, set-up, results, figures, films, conclusion, raw numbers). A metrics.json that \
        cannot be read, or that names missing files, is reported on its page and here, and the \
        exit status is 1; every other page is still written.
        """)

    @Option(name: .long, help: "Directory holding one folder per experiment.")
    var outputs: String = "outputs"

    func validate() throws {
        try OptionCheck.existingDirectory(outputs, of: "--outputs")
        try OptionCheck.outputLocation(outputs)
    }

    func run() throws {
        let summary = try ReportSite.write(outputs: URL(fileURLWithPath: outputs))
        print(summary.index.path)
        guard summary.problems.isEmpty else {
            for problem in summary.problems {
                FileHandle.standardError.write(Data("warning: \(problem)\n".utf8))
            }
            throw ExitCode(1)
        }
    }
}
