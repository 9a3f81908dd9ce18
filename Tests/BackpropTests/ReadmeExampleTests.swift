import Foundation
import XCTest
import Backprop

/// The README's example is the code in ReadmeExample.swift (so it compiles), and it learns.
final class ReadmeExampleTests: XCTestCase {
    private let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// README.md's block and the compiled copy, line for line (the copy is indented by 4).
    func testReadmeExampleIsTheCompiledCode() throws {
        let readme = try String(contentsOf: root.appendingPathComponent("README.md"), encoding: .utf8)
        let heading = try XCTUnwrap(readme.range(of: "## The API in fifteen lines"), "README has no API section")
        let fenceStart = try XCTUnwrap(readme.range(of: "```swift\n", range: heading.upperBound..<readme.endIndex))
        let fenceEnd = try XCTUnwrap(readme.range(of: "```", range: fenceStart.upperBound..<readme.endIndex))
        var documented = readme[fenceStart.upperBound..<fenceEnd.lowerBound].split(separator: "\n", omittingEmptySubsequences: false).dropLast()
        // The block's `import Backprop` and the blank line after it are the Swift file's first line.
        XCTAssertEqual(documented.first, "import Backprop")
        documented = documented.dropFirst(documented.dropFirst().first == "" ? 2 : 1)

        let source = try String(contentsOf: root.appendingPathComponent("Tests/BackpropTests/ReadmeExample.swift"), encoding: .utf8)
        let begin = try XCTUnwrap(source.range(of: "// README example begins\n"))
        let end = try XCTUnwrap(source.range(of: "    // README example ends"))
        let compiled = source[begin.upperBound..<end.lowerBound].split(separator: "\n", omittingEmptySubsequences: false).dropLast()
            .map { $0.hasPrefix("    ") ? $0.dropFirst(4) : $0 }

        XCTAssertEqual(documented.count, compiled.count, "README's example and ReadmeExample.swift differ in length: copy the README block into it")
        for (number, (line, copy)) in zip(documented, compiled).enumerated() where line != copy {
            XCTFail("README example line \(number + 1) differs from ReadmeExample.swift:\n  README: \(line)\n  Swift:  \(copy)")
        }
    }

    func testReadmeExampleLearnsCircles() {
        let (network, data, loss) = runReadmeExample()
        let prediction = network.forward(data.inputs)
        // A constant 0.5 prediction has log loss log 2 ≈ 0.69; 2,000 steps must get well below it.
        XCTAssertLessThan(loss.loss(of: prediction, target: data.labels), 0.35)
        let correct = zip(prediction.elements, data.labels.elements).filter { ($0 > 0.5) == ($1 == 1) }.count
        XCTAssertGreaterThan(correct, 110, "8 hidden ReLUs separate a disc from a square (of 128 points)")
        XCTAssertLessThan(GradientCheck.parameters(of: network, loss: loss, input: data.inputs, target: data.labels).relativeDifference, 1e-6)
    }
}
