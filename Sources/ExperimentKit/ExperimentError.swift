import Foundation

/// What stops an experiment, always naming the file or folder concerned and the cause:
/// "outputs/and-gate: the output location exists and is not a directory".
///
/// Executables throw it from `run()`; swift-argument-parser prints it as "Error: …" and
/// exits with status 1.
public struct ExperimentError: Error, CustomStringConvertible, LocalizedError {
    /// The file or folder concerned, when there is one.
    public var url: URL?
    public var cause: String

    public init(_ url: URL, _ cause: String) {
        self.url = url
        self.cause = cause
    }

    public init(_ cause: String) {
        url = nil
        self.cause = cause
    }

    public var description: String { url.map { "\($0.path): \(cause)" } ?? cause }
    public var errorDescription: String? { description }
}
