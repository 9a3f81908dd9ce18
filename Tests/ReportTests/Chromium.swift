import Foundation
import XCTest

/// Headless Chromium run once per page: a fresh profile each time, nothing fetched but the
/// `file://` page, and a time limit so a hung browser fails the test instead of the suite.
struct Chromium {
    let executable: URL

    /// The browser named by `$CHROMIUM`, or the Debian package's; skips the test when none.
    static func find() throws -> Chromium {
        let candidates = [ProcessInfo.processInfo.environment["CHROMIUM"], "/usr/bin/chromium", "/usr/bin/chromium-browser",
                          "/usr/bin/google-chrome"].compactMap { $0 }
        guard let path = candidates.first(where: FileManager.default.isExecutableFile(atPath:)) else {
            throw XCTSkip("Chromium not found: the browser tests need it. Install it with `apt-get install chromium` (or set CHROMIUM to a Chromium binary) and run them again.")
        }
        return Chromium(executable: URL(fileURLWithPath: path))
    }

    struct Failure: Error, CustomStringConvertible { var description: String }

    struct Run {
        var standardOutput: String
        /// The page's console messages, one `CONSOLE` line each in Chromium's log.
        var console: [String]
    }

    /// Loads `page` (a file URL, fragment allowed) and returns what the page logged; with
    /// `screenshot`, also writes a PNG of the viewport there; with `dumpDOM`, the DOM after
    /// the page's scripts ran is the standard output.
    func load(_ page: URL, screenshot: URL? = nil, dumpDOM: Bool = false, window: (width: Int, height: Int) = (1200, 900)) throws -> Run {
        let profile = FileManager.default.temporaryDirectory.appendingPathComponent("chromium-profile-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: profile) }
        var arguments = [
            "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--no-default-browser-check",
            "--disable-extensions", "--disable-background-networking", "--disable-sync", "--mute-audio",
            "--user-data-dir=\(profile.path)", "--window-size=\(window.width),\(window.height)",
            "--hide-scrollbars", "--enable-logging=stderr", "--v=0",
            // Runs timers and image loads to completion before the screenshot or DOM dump.
            "--virtual-time-budget=3000",
        ]
        if let screenshot { arguments.append("--screenshot=\(screenshot.path)") }
        if dumpDOM { arguments.append("--dump-dom") }
        arguments.append(page.absoluteString)

        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let deadline = DispatchWorkItem { process.terminate() }
        DispatchQueue.global().asyncAfter(deadline: .now() + 60, execute: deadline)
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        deadline.cancel()
        guard process.terminationReason == .exit, process.terminationStatus == 0 else {
            throw Failure(description: """
                Chromium did not finish loading \(page.lastPathComponent) (status \(process.terminationStatus)); \
                log:\n\(String(decoding: errData, as: UTF8.self).suffix(2000))
                """)
        }
        let log = String(decoding: errData, as: UTF8.self)
        return Run(standardOutput: String(decoding: outData, as: UTF8.self),
                   console: log.split(separator: "\n").filter { $0.contains(":CONSOLE") || $0.contains("CONSOLE(") }.map(String.init))
    }
}
