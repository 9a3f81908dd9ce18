import Foundation
import XCTest
@testable import Report

/// The report as a reader's browser shows it: headless Chromium loads the fixture report
/// from `file://`. Skipped, saying how to run them, where Chromium is not installed.
final class BrowserTests: XCTestCase {
    private var chromium: Chromium!
    private var outputs: URL!

    override func setUpWithError() throws {
        chromium = try Chromium.find()
        outputs = FileManager.default.temporaryDirectory.appendingPathComponent("browser-report-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: outputs, withIntermediateDirectories: true)
        try FixtureReport.write(to: outputs)
    }

    override func tearDownWithError() throws {
        if let outputs { try? FileManager.default.removeItem(at: outputs) }
    }

    /// Logs, once the page has loaded, how many images it has (in the page and the
    /// players' frame lists) and which of them did not load.
    private static let imageProbe = """
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

    /// A copy of the page with the probe, beside it so that its relative links still hold.
    private func probed(_ page: String) throws -> URL {
        let original = outputs.appendingPathComponent(page)
        let html = try String(contentsOf: original, encoding: .utf8)
        let copy = original.deletingLastPathComponent().appendingPathComponent("probe-\(original.lastPathComponent)")
        try Data(html.replacingOccurrences(of: "</body>", with: Self.imageProbe + "\n</body>").utf8).write(to: copy)
        return copy
    }

    func testEveryPageLoadsWithoutConsoleMessagesAndWithEveryImage() throws {
        // Images per page: the index has none; sine-fit a figure, a frame, the filmstrip and 4 frames.
        let expectedImages = ["index.html": 0, "sine-fit/index.html": 3 + FixtureReport.frameCount,
                              "bare/index.html": 0, "broken/index.html": 0]
        for (page, images) in expectedImages.sorted(by: { $0.key < $1.key }) {
            let run = try chromium.load(try probed(page))
            let probe = run.console.filter { $0.contains("IMAGE-PROBE") }
            XCTAssertEqual(probe.count, 1, "\(page): the probe ran once; console: \(run.console)")
            XCTAssertTrue(probe.first?.contains("IMAGE-PROBE checked=\(images) broken=[]") ?? false, "\(page): \(probe)")
            XCTAssertEqual(run.console.filter { !$0.contains("IMAGE-PROBE") }, [], "\(page) logged to the console")
        }
    }

    func testFragmentChoosesThePlayersFrame() throws {
        var page = URLComponents(url: outputs.appendingPathComponent("sine-fit/index.html"), resolvingAgainstBaseURL: false)!
        page.fragment = "film-0=2"
        let dom = try chromium.load(page.url!, dumpDOM: true).standardOutput
        XCTAssertTrue(dom.contains("<img class=\"frame\" src=\"films/fit/frame-2.png\""), "frame 2 shown")
        XCTAssertTrue(dom.contains("<span class=\"step\">step 200</span>"), "its step in the read-out")
        XCTAssertTrue(dom.contains("<span class=\"count\">3 / 4</span>"))
        XCTAssertTrue(dom.contains("<html lang=\"en\" class=\"js\">"), "the script ran to its end")
    }

    func testScreenshotsAtTwoSliderPositionsDiffer() throws {
        let shots = FileManager.default.temporaryDirectory.appendingPathComponent("shots-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: shots, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: shots) }
        func screenshot(frame: Int, _ name: String) throws -> Data {
            var page = URLComponents(url: outputs.appendingPathComponent("sine-fit/index.html"), resolvingAgainstBaseURL: false)!
            page.fragment = "film-0=\(frame)"
            let file = shots.appendingPathComponent(name)
            // Tall enough for the whole page: headless Chromium's screenshot of a scrolled
            // page is blank, and the fragment scrolls to the film when the page is taller.
            _ = try chromium.load(page.url!, screenshot: file, window: (900, 4000))
            return try Data(contentsOf: file)
        }
        let first = try screenshot(frame: 0, "first.png"), again = try screenshot(frame: 0, "again.png")
        let last = try screenshot(frame: FixtureReport.frameCount - 1, "last.png")
        XCTAssertEqual(Array(first.prefix(4)), [0x89, 0x50, 0x4E, 0x47], "a PNG")
        XCTAssertEqual(first, again, "the same position gives the same picture, so a difference comes from the frame")
        XCTAssertNotEqual(first, last, "the last frame looks different from the first")
    }
}
