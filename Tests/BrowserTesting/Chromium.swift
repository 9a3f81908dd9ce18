import Foundation
import XCTest

/// Headless Chromium run once per page: a fresh profile each time, nothing fetched but the
/// `file://` page, and a time limit so a hung browser fails the test instead of the suite.
public struct Chromium {
    public let executable: URL

    /// The browser named by `$CHROMIUM`, or the Debian package's; skips the test when none.
    public static func find() throws -> Chromium {
        let candidates = [ProcessInfo.processInfo.environment["CHROMIUM"], "/usr/bin/chromium", "/usr/bin/chromium-browser",
                          "/usr/bin/google-chrome"].compactMap { $0 }
        guard let path = candidates.first(where: FileManager.default.isExecutableFile(atPath:)) else {
            throw XCTSkip("Chromium not found: the browser tests need it. Install it with `apt-get install chromium` (or set CHROMIUM to a Chromium binary) and run them again.")
        }
        return Chromium(executable: URL(fileURLWithPath: path))
    }

    public struct Failure: Error, CustomStringConvertible { public var description: String }

    public struct Run {
        public var standardOutput: String
        /// The page's console messages, one `CONSOLE` line each in Chromium's log.
        public var console: [String]
    }

    /// Loads `page` (a file URL, fragment allowed) and returns what the page logged; with
    /// `screenshot`, also writes a PNG of the viewport there; with `dumpDOM`, the DOM after
    /// the page's scripts ran is the standard output.
    public func load(_ page: URL, screenshot: URL? = nil, dumpDOM: Bool = false, window: (width: Int, height: Int) = (1200, 900)) throws -> Run {
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

extension Chromium {
    /// A script that logs, once the page has loaded, how many images it has (in the page and
    /// in the players' frame lists) and which of them did not load:
    /// `IMAGE-PROBE checked=N broken=[…]`.
    public static let imageProbe = """
    <script>
    window.addEventListener("load", function () {
      var broken = [];
      Array.prototype.forEach.call(document.images, function (image) {
        if (!image.complete || image.naturalWidth === 0) { broken.push(image.getAttribute("src")); }
      });
      var frames = Array.prototype.map.call(document.querySelectorAll("[data-src]"), function (element) {
        return element.getAttribute("data-src");
      });
      Promise.all(frames.map(function (src) {
        return new Promise(function (resolve) {
          var image = new Image();
          image.onload = function () { resolve(image.naturalWidth > 0 ? null : src); };
          image.onerror = function () { resolve(src); };
          image.src = src;
        });
      })).then(function (results) {
        broken = broken.concat(results.filter(Boolean));
        console.log("IMAGE-PROBE checked=" + (document.images.length + frames.length) + " broken=" + JSON.stringify(broken));
      });
    });
    </script>
    """

    /// A copy of `page` with the image probe, beside it so that its relative links still hold.
    public static func probed(_ page: URL) throws -> URL {
        let html = try String(contentsOf: page, encoding: .utf8)
        let copy = page.deletingLastPathComponent().appendingPathComponent("probe-\(page.lastPathComponent)")
        try Data(html.replacingOccurrences(of: "</body>", with: imageProbe + "\n</body>").utf8).write(to: copy)
        return copy
    }

    /// What the image probe logged on `run`'s page: images checked, and those that did not load.
    public static func imageReport(_ run: Run) -> (checked: Int, broken: String)? {
        guard let line = run.console.first(where: { $0.contains("IMAGE-PROBE") }),
              let range = line.range(of: #"checked=(\d+) broken=(\[[^\]]*\])"#, options: .regularExpression) else { return nil }
        let parts = line[range].split(separator: " ", maxSplits: 1)
        return (Int(parts[0].dropFirst("checked=".count)) ?? -1, String(parts[1].dropFirst("broken=".count)))
    }
}
