import Backprop
import Datasets
import CCairo
import Foundation
import XCTest

/// predict-digit, run as a built executable on a model trained in the test.
final class PredictDigitTests: XCTestCase {
    /// Three synthetic "digits" drawn as grey images: a vertical bar (1), a horizontal bar
    /// on top with a stem (7), a ring (0).
    private static func synthetic(_ digit: Int, shift: Int) -> [Double] {
        let side = 40
        return (0..<(side * side)).map { i in
            let x = i % side - shift, y = i / side
            switch digit {
            case 1: return (17..<23).contains(x) && (5..<35).contains(y) ? 0 : 1
            case 7: return ((8..<32).contains(x) && (5..<10).contains(y)) || ((22..<27).contains(x) && (5..<35).contains(y)) ? 0 : 1
            default:
                let r = ((Double(x) - 20) * (Double(x) - 20) + (Double(y) - 20) * (Double(y) - 20)).squareRoot()
                return (9...14).contains(r) ? 0 : 1
            }
        }
    }

    /// A 784 → 10 softmax regression, trained to tell the three synthetic digits apart.
    private func trainTinyModel(to url: URL) throws {
        var generator = SeededGenerator(seed: 1)
        let network = Sequential<Float>([Linear(784, 10, using: &generator)])
        var rows: [Float] = [], targets: [Float] = []
        for digit in [0, 1, 7] {
            for shift in -3...3 {
                rows += DigitPreprocessing.mnistInput(grey: Self.synthetic(digit, shift: shift), width: 40, height: 40)!.map { Float($0) }
                targets += (0..<10).map { $0 == digit ? 1 : 0 }
            }
        }
        let x = Matrix(rows: 21, columns: 784, elements: rows), y = Matrix(rows: 21, columns: 10, elements: targets)
        let loss = SoftmaxCrossEntropy()
        for _ in 0..<100 {
            network.zeroGradients()
            _ = network.backward(loss.gradient(of: network.forward(x), target: y))
            for p in network.parameters { p.value.add(p.gradient, scaledBy: -0.5) }
        }
        try network.save(to: url)
    }

    /// A `width × height` dark-on-light PNG of a thick vertical stroke, drawn by Cairo.
    private func drawOne(to url: URL, width: Int32 = 100, height: Int32 = 60) {
        let surface = cairo_image_surface_create(CAIRO_FORMAT_RGB24, width, height)
        let context = cairo_create(surface)
        cairo_set_source_rgb(context, 0.95, 0.93, 0.9)   // off-white paper
        cairo_paint(context)
        cairo_set_source_rgb(context, 0.1, 0.1, 0.3)      // dark blue ink
        cairo_rectangle(context, 70, 8, 9, 44)
        cairo_fill(context)
        cairo_destroy(context)
        XCTAssertEqual(cairo_surface_write_to_png(surface, url.path), CAIRO_STATUS_SUCCESS)
        cairo_surface_destroy(surface)
    }

    func testClassifiesACairoDrawnOneAndShowsACentredLightOnDarkInput() throws {
        let directory = try ExecutableRunner.temporaryDirectory(self)
        let model = directory.appendingPathComponent("model.safetensors"), png = directory.appendingPathComponent("one.png")
        try trainTinyModel(to: model)
        drawOne(to: png)
        let result = try ExecutableRunner.run("predict-digit", ["--model", model.path, "--show-input", png.path])
        XCTAssertEqual(result.status, 0, result.standardError)
        let lines = result.standardOutput.split(separator: "\n", omittingEmptySubsequences: false)
        XCTAssertTrue(lines[0].hasPrefix("\(png.path): 1 ("), "top class is 1: \(lines[0])")
        XCTAssertEqual(lines[0].components(separatedBy: "%").count - 1, 3, "three classes with probabilities")

        // The 28×28 picture: dark background (blank), ink 20 rows tall, centred.
        let grid = lines[1...28].map(Array.init)
        XCTAssertEqual(grid.map(\.count), [Int](repeating: 28, count: 28))
        XCTAssertEqual(grid[0], Array(repeating: " ", count: 28), "background is dark, the ink light")
        let inkRows = grid.indices.filter { grid[$0].contains("@") }
        XCTAssertEqual(inkRows.count, 20, "longer side scaled to 20")
        XCTAssertEqual(Double(inkRows.first! + inkRows.last! + 1) / 2, 14, accuracy: 1)
        let inkColumns = (0..<28).filter { c in grid.contains { $0[c] == "@" } }
        XCTAssertEqual(Double(inkColumns.first! + inkColumns.last! + 1) / 2, 14, accuracy: 1)
    }

    func testClassifiesAnImageOfAnIDXFile() throws {
        let directory = try ExecutableRunner.temporaryDirectory(self)
        let model = directory.appendingPathComponent("model.safetensors"), idx = directory.appendingPathComponent("images.idx3-ubyte")
        try trainTinyModel(to: model)
        var bytes: [UInt8] = [0, 0, 8, 3, 0, 0, 0, 2, 0, 0, 0, 28, 0, 0, 0, 28]
        for digit in [0, 7] {
            bytes += DigitPreprocessing.mnistInput(grey: Self.synthetic(digit, shift: 1), width: 40, height: 40)!.map { UInt8(($0 * 255).rounded()) }
        }
        try Data(bytes).write(to: idx)
        let result = try ExecutableRunner.run("predict-digit", ["--model", model.path, "--idx", idx.path, "--index", "1"])
        XCTAssertEqual(result.status, 0, result.standardError)
        XCTAssertTrue(result.standardOutput.hasPrefix("\(idx.path)[1]: 7 ("), result.standardOutput)
        let past = try ExecutableRunner.run("predict-digit", ["--model", model.path, "--idx", idx.path, "--index", "2"])
        XCTAssertNotEqual(past.status, 0)
        XCTAssertTrue(past.standardError.contains("has 2 images"), past.standardError)
    }

    func testMissingModelAndUnreadablePNGAreClearErrors() throws {
        let directory = try ExecutableRunner.temporaryDirectory(self)
        let png = directory.appendingPathComponent("not-a.png")
        try Data("not a png".utf8).write(to: png)
        let missing = try ExecutableRunner.run("predict-digit", ["--model", directory.appendingPathComponent("none.safetensors").path, png.path])
        XCTAssertNotEqual(missing.status, 0)
        XCTAssertTrue(missing.standardError.contains("none.safetensors: no model there"), missing.standardError)

        let model = directory.appendingPathComponent("model.safetensors")
        try trainTinyModel(to: model)
        let unreadable = try ExecutableRunner.run("predict-digit", ["--model", model.path, png.path])
        XCTAssertNotEqual(unreadable.status, 0)
        XCTAssertTrue(unreadable.standardError.contains("\(png.path): not a PNG file"), unreadable.standardError)
    }
}
