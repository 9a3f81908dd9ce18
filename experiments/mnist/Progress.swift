import ExperimentKit
import Foundation

/// An `ExperimentKit.ProgressBar` that writes a log (standard error not a terminal) one
/// line per bar for short work: a plain bar draws its first update at once and its end
/// again, which would double each of the hundreds of per-epoch lines. Here updates reach
/// the plain bar only after its interval has passed, so long work still reports progress.
final class EpochProgress {
    private let bar: ProgressBar
    private let total: Int
    private let live = isatty(STDERR_FILENO) == 1
    private let start = Date()
    private var forwarded = false
    private static let plainInterval: TimeInterval = 5

    init(_ label: String, total: Int) {
        self.total = total
        bar = ProgressBar(label, total: total, interactive: live, plainInterval: Self.plainInterval)
    }

    func update(_ completed: Int, info: String = "") {
        if live || Date().timeIntervalSince(start) >= Self.plainInterval {
            forwarded = true
            bar.update(completed, info: info)
        }
    }

    func finish(info: String) {
        if live || forwarded {
            bar.update(total, info: info)
            bar.finish(info: info)
        } else {
            bar.update(total, info: info)   // the plain bar's first and only line
        }
    }
}
