import Foundation
import XCTest
import BrowserTesting
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

    /// A copy of the page with the image probe (`Chromium.imageProbe`).
    private func probed(_ page: String) throws -> URL {
        try Chromium.probed(outputs.appendingPathComponent(page))
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
