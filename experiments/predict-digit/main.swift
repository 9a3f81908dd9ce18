// predict-digit: classify handwritten digits with a network saved as safetensors
// (by experiment-mnist, or any 784-input Sequential written by `save(to:)`).
import ArgumentParser
import Backprop
import Datasets
import ExperimentKit
import Foundation

struct PredictDigit: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "predict-digit",
        abstract: "Classify digit images with a saved network and print the three likeliest digits.",
        discussion: """
        Images are MNIST IDX files (--idx FILE, one image chosen by --index, raw or \
        gzip) or PNG files of any size, grey or colour, dark-on-light or light-on-dark. \
        PNGs are prepared as MNIST was: inverted to light-on-dark if needed, cropped to \
        the ink, scaled so the longer side is 20 px, centred by centre of mass in 28×28, \
        scaled to [0, 1]. Prints the three likeliest digits with their probabilities \
        (a softmax of the output unless the network ends with Softmax).

        Examples:
          predict-digit my-seven.png
          predict-digit --idx data/mnist/t10k-images-idx3-ubyte.gz --index 3
        """
    )

    @Option(help: ArgumentHelp("The network, a safetensors file written by save(to:).", valueName: "path"))
    var model = "outputs/mnist/model.safetensors"

    @Option(help: ArgumentHelp("An IDX image file (idx3-ubyte, raw or gzip).", valueName: "file"))
    var idx: String?

    @Option(help: "Which image of the IDX file (0-based).")
    var index = 0

    @Flag(help: "Also print the 28×28 input the network sees.")
    var showInput = false

    @Argument(help: ArgumentHelp("PNG files to classify.", valueName: "png"))
    var pngs: [String] = []

    func validate() throws {
        if idx == nil && pngs.isEmpty { throw ValidationError("give PNG files or --idx FILE") }
        if index < 0 { throw ValidationError("--index must be 0 or more") }
    }

    func run() throws {
        let network = try loadNetwork()
        var inputs: [(label: String, pixels: [Double])] = []
        if let idx {
            let images = try IDXImages.read(from: URL(fileURLWithPath: idx))
            guard index < images.count else { throw Failure("\(idx) has \(images.count) images; --index \(index) is past the end") }
            guard images.pixelsPerImage == DigitPreprocessing.side * DigitPreprocessing.side else {
                throw Failure("\(idx) holds \(images.rows)×\(images.columns) images; the network reads 28×28")
            }
            // IDX images are MNIST-format already: only the [0, 255] → [0, 1] scaling.
            inputs.append(("\(idx)[\(index)]", images.image(index).map { Double($0) / 255 }))
        }
        for path in pngs {
            let image = try PNGImage(path: path)
            inputs.append((path, DigitPreprocessing.mnistInput(grey: image.grey, width: image.width, height: image.height)))
        }

        let batch = Matrix<Float>(rows: inputs.count, columns: 784, elements: inputs.flatMap { $0.pixels.map { Float($0) } })
        var output = network.forward(batch)
        if !(network.layers.last?.module is Softmax<Float>) { output = Softmax<Float>().forward(output) }
        for (row, input) in inputs.enumerated() {
            let ranked = output.row(row).enumerated().sorted { $0.element > $1.element }.prefix(3)
            print("\(input.label): " + ranked.map { "\($0.offset) (\(String(format: "%.1f", Double($0.element) * 100))%)" }.joined(separator: "  "))
            if showInput { print(render(input.pixels)) }
        }
    }

    private func loadNetwork() throws -> Sequential<Float> {
        guard FileManager.default.fileExists(atPath: model) else {
            throw Failure("no model at \(model); train one with `swift run experiment-mnist` or pass --model PATH")
        }
        let network: Sequential<Float>
        do {
            network = try Sequential<Float>.load(from: URL(fileURLWithPath: model))
        } catch {
            throw Failure("cannot load model \(model): \(error)")
        }
        do {
            let shape = try network.outputShape(forInput: Shape(1, 784))
            guard shape.columns == 10 else { throw Failure("model \(model) has \(shape.columns) outputs, not the 10 digits") }
        } catch let error as ShapeMismatch {
            throw Failure("model \(model) does not take 28×28 = 784 inputs: \(error)")
        }
        return network
    }

    /// The input as text, one character per pixel, darkest to lightest.
    private func render(_ pixels: [Double]) -> String {
        let ramp = Array(" .:-=+*#%@")
        return (0..<28).map { y in
            String((0..<28).map { x in ramp[min(Int(pixels[y * 28 + x] * Double(ramp.count)), ramp.count - 1)] })
        }.joined(separator: "\n")
    }
}

/// A failure with a message for the user; ArgumentParser prints it and exits with 1.
struct Failure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

PredictDigit.main()
