import Foundation

/// Progress for long work, written to standard error: on a terminal a live bar redrawn in
/// place with rate and ETA (like tqdm); otherwise a plain line every few seconds and one
/// at the end. Never both. Safe to update from several threads.
public final class ProgressBar: @unchecked Sendable {
    public let label: String
    public private(set) var total: Int
    private let interactive: Bool
    private let plainInterval: TimeInterval
    private let start: Date
    /// When the last line was drawn. A plain log starts the clock at creation, so short
    /// work writes one line (at `finish`) instead of a first line and a last.
    private var lastDraw: Date
    private var completed = 0
    private var info = ""
    private var finished = false
    private let lock = NSLock()

    /// - Parameters:
    ///   - interactive: draw a live bar; by default, whether standard error is a terminal.
    ///   - plainInterval: seconds between plain lines when not interactive.
    public init(_ label: String, total: Int, interactive: Bool? = nil, plainInterval: TimeInterval = 5) {
        self.label = label
        self.total = max(total, 1)
        self.interactive = interactive ?? (isatty(STDERR_FILENO) == 1)
        self.plainInterval = plainInterval
        start = Date()
        lastDraw = self.interactive ? .distantPast : start
    }

    /// Records `completed` units done, with optional text such as "loss 0.031".
    public func update(_ completed: Int, info: String = "") {
        lock.lock()
        defer { lock.unlock() }
        record(completed, info: info)
    }

    /// Adds one unit (for work finishing on several threads). The read and the write happen
    /// under one lock, so two tasks finishing together count as two.
    public func advance(info: String = "") {
        lock.lock()
        defer { lock.unlock() }
        record(completed + 1, info: info)
    }

    /// Call with `lock` held.
    private func record(_ completed: Int, info: String) {
        guard !finished else { return }
        self.completed = min(completed, total)
        self.info = info
        let now = Date()
        let interval = interactive ? 0.1 : plainInterval
        if now.timeIntervalSince(lastDraw) >= interval {
            lastDraw = now
            emit(final: false)
        }
    }

    /// Draws the final state and ends the line.
    public func finish(info: String? = nil) {
        lock.lock()
        defer { lock.unlock() }
        guard !finished else { return }
        if let info { self.info = info }
        emit(final: true)
        finished = true
    }

    private func emit(final: Bool) {
        let line = ProgressBar.render(label: label, completed: completed, total: total,
                                      elapsed: Date().timeIntervalSince(start), info: info,
                                      barWidth: interactive ? 24 : 0)
        let text = interactive ? "\r\u{1B}[2K" + line + (final ? "\n" : "") : line + "\n"
        FileHandle.standardError.write(Data(text.utf8))
    }

    /// One progress line, e.g. `training e=3  42%|██████▏        | 21/50 [00:02<00:03, 9.8 it/s] loss 0.12`.
    /// A bar width of 0 leaves the bar out (for logs).
    static func render(label: String, completed: Int, total: Int, elapsed: TimeInterval, info: String, barWidth: Int) -> String {
        let fraction = Double(completed) / Double(max(total, 1))
        let rate = elapsed > 0 ? Double(completed) / elapsed : 0
        let remaining = rate > 0 ? Double(total - completed) / rate : 0
        var bar = ""
        if barWidth > 0 {
            let eighths = Int((fraction * Double(barWidth * 8)).rounded(.down))
            let partials = ["", "▏", "▎", "▍", "▌", "▋", "▊", "▉"]
            bar = String(repeating: "█", count: eighths / 8) + partials[eighths % 8]
            bar += String(repeating: " ", count: max(0, barWidth - eighths / 8 - (eighths % 8 > 0 ? 1 : 0)))
            bar = "|\(bar)|"
        }
        let percent = String(repeating: " ", count: max(0, 3 - String(Int(fraction * 100)).count)) + "\(Int(fraction * 100))%"
        let rateText = rate >= 1 ? "\(formatFixed(rate, decimals: rate >= 100 ? 0 : 1)) it/s" : "\(formatFixed(rate > 0 ? 1 / rate : 0, decimals: 1)) s/it"
        var line = "\(label) \(percent)\(bar) \(completed)/\(total) [\(clock(elapsed))<\(clock(remaining)), \(rateText)]"
        if !info.isEmpty { line += " \(info)" }
        return line
    }

    static func clock(_ seconds: TimeInterval) -> String {
        let total = Int(seconds.rounded())
        let (hours, minutes, secs) = (total / 3600, (total % 3600) / 60, total % 60)
        let two = { (n: Int) in n < 10 ? "0\(n)" : "\(n)" }
        return hours > 0 ? "\(hours):\(two(minutes)):\(two(secs))" : "\(two(minutes)):\(two(secs))"
    }
}
