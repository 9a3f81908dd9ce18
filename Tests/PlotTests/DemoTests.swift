import XCTest
@testable import Plot

final class DemoTests: XCTestCase {
    /// Writes the demo set; PLOT_DEMO_DIR keeps them for looking at, otherwise a temp dir.
    func testDemoFigureSetRendersToValidPNGs() throws {
        let dir = ProcessInfo.processInfo.environment["PLOT_DEMO_DIR"].map { URL(fileURLWithPath: $0) }
            ?? FileManager.default.temporaryDirectory.appendingPathComponent("plot-demo-\(UUID().uuidString)")
        for (name, figure) in DemoFigures.all {
            let url = dir.appendingPathComponent(name)
            try figure.writePNG(to: url)
            let image = try PNGImage(contentsOf: url)
            XCTAssertEqual(image.width, figure.width, name)
            XCTAssertEqual(image.height, 800, name)
        }
    }
}
