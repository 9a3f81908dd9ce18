// predict-digit: classify handwritten digits with a network saved as safetensors
// (by experiment-mnist, or any 784-input Sequential written by `save(to:)`).
import ArgumentParser
import Backprop
import Datasets
import ExperimentKit
import Foundation
import Plot

@main
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
        try OptionCheck.value(index, of: "--index", in: 0...Int(Int32.max))
        // The model and the IDX file are needed for every answer; a PNG that cannot be read
        // gets its own error in run(), after the others' results.
        if !FileManager.default.fileExists(atPath: model) {
            throw ExperimentError(URL(fileURLWithPath: model), "no model there; train one with `swift run experiment-mnist` or pass --model PATH")
        }
        try OptionCheck.existingFile(model, of: "--model")
        try OptionCheck.existingFile(idx, of: "--idx")
    }

    func run() throws {
        let network = try loadNetwork()
        // Each input is its pixels or why it has none; one bad file does not stop the others.
        var inputs: [(label: String, pixels: Result<[Double], ExperimentError>)] = []
        if let idx {
            inputs.append(("\(idx)[\(index)]", Result { try idxImage(idx) }.mapError(Self.named(idx))))
        }
        for path in pngs {
            inputs.append((path, Result { try pngImage(path) }.mapError(Self.named(path))))
        }

        let readable = inputs.compactMap { try? $0.pixels.get() }
        var probabilities: Matrix<Float>?
        if !readable.isEmpty {
            let batch = Matrix<Float>(rows: readable.count, columns: 784, elements: readable.flatMap { $0.map { Float($0) } })
            var output = network.forward(batch)
            if !(network.layers.last?.module is Softmax<Float>) { output = Softmax<Float>().forward(output) }
            probabilities = output
        }
        var row = 0, failures = 0
        for input in inputs {
            switch input.pixels {
            case .success(let pixels):
                let ranked = probabilities!.row(row).enumerated().sorted { $0.element > $1.element }.prefix(3)
                row += 1
                print("\(input.label): " + ranked.map { "\($0.offset) (\(formatFixed(Double($0.element) * 100, decimals: 1))%)" }.joined(separator: "  "))
                if showInput { print(render(pixels)) }
            case .failure(let error):
                failures += 1
                FileHandle.standardError.write(Data("error: \(error)\n".utf8))
            }
        }
        if failures > 0 {
            FileHandle.standardError.write(Data("\(failures) of \(inputs.count) input(s) could not be classified\n".utf8))
            throw ExitCode.failure
        }
    }

    /// Image `index` of the IDX file, scaled to [0, 1] (IDX images are MNIST-format already).
    private func idxImage(_ path: String) throws -> [Double] {
        let images = try IDXImages.read(from: URL(fileURLWithPath: path))
        guard index < images.count else { throw ExperimentError(URL(fileURLWithPath: path), "has \(images.count) images; --index \(index) is past the end") }
        guard images.pixelsPerImage == DigitPreprocessing.side * DigitPreprocessing.side else {
            throw ExperimentError(URL(fileURLWithPath: path), "holds \(images.rows)×\(images.columns) images; the network reads 28×28")
        }
        return images.image(index).map { Double($0) / 255 }
    }

    /// The PNG prepared as MNIST's digits were, or an error saying that it holds none.
    private func pngImage(_ path: String) throws -> [Double] {
        let image = try PNGImage(contentsOf: URL(fileURLWithPath: path))
        guard let pixels = DigitPreprocessing.mnistInput(grey: image.greyOverWhite, width: image.width, height: image.height) else {
            throw ExperimentError("no digit found in \(path): the \(image.width)×\(image.height) image has no ink "
                                  + "(nothing differs from the background by \(formatFixed(DigitPreprocessing.minimumContrast * 100, decimals: 0)) % of the grey range)")
        }
        return pixels
    }

    /// Any error as an ``ExperimentError`` that names `path` (most already do).
    private static func named(_ path: String) -> (Error) -> ExperimentError {
        { error in
            if let error = error as? ExperimentError { return error }
            let text = String(describing: error)
            return text.contains(path) ? ExperimentError(text) : ExperimentError(URL(fileURLWithPath: path), text)
        }
    }

    private func loadNetwork() throws -> Sequential<Float> {
        let url = URL(fileURLWithPath: model)
        let network: Sequential<Float>
        do {
            let file = try SafetensorsFile(contentsOf: url)
            network = try Sequential<Float>(safetensors: file)
            if let dataset = file.metadata["dataset"], dataset != MNISTDataset.mnist.rawValue {
                let why = dataset == "synthetic"
                    ? "synthetic digits (a --quick run without MNIST's files), so its answers say nothing about real handwriting"
                    : "\(dataset), not MNIST's handwritten digits"
                FileHandle.standardError.write(Data("warning: \(model) was trained on \(why)\n".utf8))
            }
        } catch {
            throw ExperimentError(url, "cannot load the model: \(error)")
        }
        do {
            let shape = try network.outputShape(forInput: Shape(1, 784))
            guard shape.columns == 10 else { throw ExperimentError(url, "the model has \(shape.columns) outputs, not the 10 digits") }
        } catch let error as ShapeMismatch {
            throw ExperimentError(url, "the model does not take 28×28 = 784 inputs: \(error)")
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

