import ArgumentParser
import Foundation

/// The one way executables check their options before any work, from `validate()`, so
/// that a bad value stops the run at once with a message naming the option and what it
/// accepts, instead of an allocation failure or a crash minutes later.
///
/// ```swift
/// func validate() throws {
///     try OptionCheck.value(lr, of: "--lr", in: OptionCheck.learningRates)
///     try OptionCheck.value(steps, of: "--steps", in: 10...OptionCheck.maximumSteps)
///     try OptionCheck.existingFile(model, of: "--model")
/// }
/// ```
///
/// Out-of-range values throw ArgumentParser's `ValidationError` ("--lr must be in
/// 1e-9 … 1e6, got 1e19"; exit status 64, with the usage line); a file or folder that
/// is missing or unusable throws ``ExperimentError`` naming it and the cause (exit status 1).
/// `--output` is checked by ``ExperimentOptions`` itself.
public enum OptionCheck {
    /// Learning rates any experiment accepts. Above 10⁶ every problem here diverges at the
    /// first step; the bound keeps numbers in tables and titles readable.
    public static let learningRates: ClosedRange<Double> = 1e-9...1e6
    /// Most steps (or epochs) a run may ask for: every step's loss is kept in memory
    /// (8 bytes each, per run), and 10⁷ steps of the smallest network already take seconds.
    public static let maximumSteps = 10_000_000
    /// Most points or samples a generated data set may have (sine-fit's `--points`).
    public static let maximumPoints = 1_000_000

    /// Checks that `value`, when given, lies in `range`.
    /// - Throws: `ValidationError` naming `option`, the range and the value.
    public static func value(_ value: Int?, of option: String, in range: ClosedRange<Int>) throws {
        guard let value, !range.contains(value) else { return }
        throw ValidationError("\(option) must be in \(grouped(range.lowerBound)) … \(grouped(range.upperBound)), got \(grouped(value))")
    }

    /// Checks that a floating-point `value`, when given, is a number in `range` (NaN and
    /// infinities are outside every range).
    public static func value(_ value: Double?, of option: String, in range: ClosedRange<Double>) throws {
        guard let value, !(value.isFinite && range.contains(value)) else { return }
        throw ValidationError("\(option) must be in \(compactNumber(range.lowerBound)) … \(compactNumber(range.upperBound)), got \(value.isFinite ? compactNumber(value) : String(value))")
    }

    /// Checks that every value in `values` lies in `range` (a comma-separated list option).
    public static func values(_ values: [Double], of option: String, in range: ClosedRange<Double>) throws {
        for value in values { try self.value(value, of: option, in: range) }
    }

    /// Checks that `path`, when given, is a regular file this process can read.
    /// - Throws: ``ExperimentError`` naming the file and the cause (no such file, a
    ///   directory, permission denied).
    public static func existingFile(_ path: String?, of option: String) throws {
        guard let path else { return }
        let url = URL(fileURLWithPath: path)
        var status = stat()
        guard stat(path, &status) == 0 else { throw ExperimentError(url, "\(String(cString: strerror(errno))) (\(option))") }
        if (status.st_mode & S_IFMT) == S_IFDIR { throw ExperimentError(url, "is a directory, not a file (\(option))") }
        guard access(path, R_OK) == 0 else { throw ExperimentError(url, "cannot be read: \(String(cString: strerror(errno))) (\(option))") }
    }

    /// Checks that `path`, when given, is a directory this process can list.
    public static func existingDirectory(_ path: String?, of option: String) throws {
        guard let path else { return }
        let url = URL(fileURLWithPath: path)
        var status = stat()
        guard stat(path, &status) == 0 else { throw ExperimentError(url, "\(String(cString: strerror(errno))) (\(option))") }
        guard (status.st_mode & S_IFMT) == S_IFDIR else { throw ExperimentError(url, "is a file, not a directory (\(option))") }
        guard access(path, R_OK | X_OK) == 0 else { throw ExperimentError(url, "cannot be read: \(String(cString: strerror(errno))) (\(option))") }
    }

    /// Checks, leaving nothing behind, that a run could write into the folder `path`
    /// (see ``OutputDirectory/checkLocation(_:)``).
    public static func outputLocation(_ path: String) throws {
        try OutputDirectory.checkLocation(URL(fileURLWithPath: path, isDirectory: true).standardizedFileURL)
    }

    /// An integer grouped by thousands: "10,000,000", as option and data messages write numbers.
    public static func grouped(_ value: Int) -> String {
        let digits = String(String(value.magnitude).reversed())
        var grouped = ""
        for (index, digit) in digits.enumerated() {
            if index > 0 && index % 3 == 0 { grouped.append(",") }
            grouped.append(digit)
        }
        return (value < 0 ? "-" : "") + String(grouped.reversed())
    }
}
