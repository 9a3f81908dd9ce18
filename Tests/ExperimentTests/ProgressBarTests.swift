import Foundation
import XCTest
@testable import ExperimentKit

final class ProgressBarTests: XCTestCase {
    func testRenderedLineShowsFractionRateAndETA() {
        let line = ProgressBar.render(label: "training e=3", completed: 21, total: 50, elapsed: 2, info: "loss 0.12", barWidth: 10)
        XCTAssertTrue(line.hasPrefix("training e=3  42%|████▏     | 21/50 [00:02<00:03, 10.5 it/s] loss 0.12"), line)
    }

    func testPlainLineForLogsHasNoBar() {
        let line = ProgressBar.render(label: "sweep", completed: 3, total: 3, elapsed: 75, info: "", barWidth: 0)
        XCTAssertEqual(line, "sweep 100% 3/3 [01:15<00:00, 25.0 s/it]")
    }

    func testClockFormatsHours() {
        XCTAssertEqual(ProgressBar.clock(3725), "1:02:05")
        XCTAssertEqual(ProgressBar.clock(59.6), "01:00")
    }
}

final class ProgressBarLogTests: XCTestCase {
    /// In a log, short work gives one line (at finish), not a first line and a last.
    func testPlainModeWritesOneLineForShortWork() throws {
        let pipe = Pipe()
        let saved = dup(STDERR_FILENO)
        dup2(pipe.fileHandleForWriting.fileDescriptor, STDERR_FILENO)
        let bar = ProgressBar("short", total: 10, interactive: false, plainInterval: 60)
        for i in 1...10 { bar.update(i) }
        bar.finish(info: "done")
        dup2(saved, STDERR_FILENO)
        close(saved)
        try pipe.fileHandleForWriting.close()
        let text = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        XCTAssertEqual(text.split(separator: "\n").count, 1, text)
        XCTAssertTrue(text.hasPrefix("short 100% 10/10"), text)
        XCTAssertTrue(text.hasSuffix("done\n"), text)
    }
}
