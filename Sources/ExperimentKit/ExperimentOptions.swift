import ArgumentParser
import Backprop

/// The options every experiment takes: `--seed`, `--output`, `--quick`.
///
/// ```swift
/// struct AndGate: ParsableCommand {
///     @OptionGroup var common: ExperimentOptions
/// }
/// ```
public struct ExperimentOptions: ParsableArguments {
    @Option(help: "Seed for every random choice; the same seed gives identical numbers.")
    public var seed: UInt64 = 0

    @Option(name: .long, help: ArgumentHelp("Directory for metrics.json and figures (default: outputs/<experiment>/).", valueName: "dir"))
    public var output: String?

    @Flag(help: "A run of a few seconds with smaller problems (used by the tests).")
    public var quick = false

    public init() {}

    /// Refuses, before any work, an output location no run could write into (a file, a
    /// folder without write permission, /proc, a name too long); ArgumentParser calls it
    /// for every command that includes these options. Without `--output` the default
    /// `outputs/<experiment>` is checked through `outputs`.
    public func validate() throws {
        if output?.isEmpty == true { throw ValidationError("--output must name a folder, got an empty string") }
        try OptionCheck.outputLocation(output ?? "outputs")
    }

    /// The output directory for `experiment`, created if needed.
    /// Also says, once, when the products would run narrower kernels than the CPU supports.
    public func outputDirectory(for experiment: String) throws -> OutputDirectory {
        BLASConfiguration.adviseOnce()
        return try OutputDirectory(path: output, experiment: experiment)
    }
}
