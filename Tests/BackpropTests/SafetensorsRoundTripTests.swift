import Foundation
import XCTest
@testable import Backprop

/// Saving, loading, and exchanging checkpoints with PyTorch's safetensors.
final class SafetensorsRoundTripTests: XCTestCase {
    private func assertRoundTrip<Scalar: BLASScalar>(_ type: Scalar.Type) throws {
        let network = SafetensorsTestSupport.network(type)
        let url = try SafetensorsTestSupport.temporaryDirectory(self).appendingPathComponent("nested/model.safetensors")
        try network.save(to: url, metadata: ["note": "round trip"])
        let loaded = try Sequential<Scalar>.load(from: url)

        XCTAssertEqual(loaded.layers.map(\.name), network.layers.map(\.name))
        XCTAssertEqual(loaded.description, network.description)
        for (original, copy) in zip(network.namedParameters, loaded.namedParameters) {
            XCTAssertEqual(copy.name, original.name)
            XCTAssertEqual(copy.parameter.value, original.parameter.value, "\(original.name): bit-identical")
        }
        let x = SafetensorsTestSupport.input(type)
        XCTAssertEqual(loaded.forward(x), network.forward(x), "identical predictions")

        // The same weights loaded into a differently initialised network of the same shape.
        let other = SafetensorsTestSupport.network(type, seed: 99)
        XCTAssertNotEqual(other.forward(x), network.forward(x))
        try other.loadParameters(from: url)
        XCTAssertEqual(other.forward(x), network.forward(x))

        let file = try SafetensorsFile(contentsOf: url)
        XCTAssertEqual(file.metadata["note"], "round trip")
        XCTAssertEqual(file["0.weight"]?.shape, [5, 3], "weight (out, in) as nn.Linear")
        XCTAssertEqual(file["0.bias"]?.shape, [5], "bias 1-D as nn.Linear")
        XCTAssertEqual(file["0.weight"]?.dtype.rawValue, Scalar.dtypeName)
        // nn.Sequential's state-dict keys: the index among all modules, activations counted;
        // the name "hidden" lives in the architecture only.
        XCTAssertEqual(file.tensors.map(\.name), ["0.weight", "0.bias", "2.weight", "2.bias", "4.weight", "4.bias", "6.weight", "6.bias"])
        XCTAssertEqual(file.metadata["architecture"],
                       #"[{"in":3,"name":"hidden","out":5,"type":"Linear"},{"type":"Tanh"},{"in":5,"out":4,"type":"Linear"},{"type":"ReLU"},"#
                       + #"{"in":4,"out":4,"type":"Linear"},{"type":"Sigmoid"},{"in":4,"out":3,"type":"Linear"},{"type":"Softmax"}]"#)
    }

    func testSaveThenLoadGivesIdenticalParametersAndPredictionsInDouble() throws { try assertRoundTrip(Double.self) }
    func testSaveThenLoadGivesIdenticalParametersAndPredictionsInFloat() throws { try assertRoundTrip(Float.self) }

    /// Files written before tensors were named by index ("hidden.weight") still load, names included.
    func testCheckpointWithTensorsNamedAfterModulesStillLoads() throws {
        let network = SafetensorsTestSupport.network(Double.self)
        let current = try network.safetensors()
        let legacy = SafetensorsFile(tensors: current.tensors.map { ($0.name.hasPrefix("0.") ? "hidden" + $0.name.dropFirst(1) : $0.name, $0.tensor) },
                                     metadata: current.metadata)
        XCTAssertNotNil(legacy["hidden.weight"])
        let loaded = try Sequential<Double>(safetensors: legacy)
        XCTAssertEqual(loaded.layers.map(\.name), network.layers.map(\.name))
        let x = SafetensorsTestSupport.input(Double.self)
        XCTAssertEqual(loaded.forward(x), network.forward(x))
        let other = SafetensorsTestSupport.network(Double.self, seed: 99)
        try other.loadParameters(from: legacy)
        XCTAssertEqual(other.forward(x), network.forward(x))
    }

    func testSaveReplacesAnExistingFileAndLeavesNoTemporaryFile() throws {
        let directory = try SafetensorsTestSupport.temporaryDirectory(self)
        let url = directory.appendingPathComponent("model.safetensors")
        try Data("old".utf8).write(to: url)
        try SafetensorsTestSupport.network(Float.self).save(to: url)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: directory.path), ["model.safetensors"])
        XCTAssertNoThrow(try Sequential<Float>.load(from: url))
    }

    func testHeaderIsPaddedSoThatTheDataIsEightByteAligned() throws {
        let bytes = try SafetensorsTestSupport.network(Double.self).safetensors().serialized()
        let headerLength = bytes.withUnsafeBytes { UInt64(littleEndian: $0.loadUnaligned(as: UInt64.self)) }
        XCTAssertEqual(headerLength % 8, 0)
    }

    /// Policy: the other precision is converted, F32 → Double exactly, F64 → Float rounded.
    func testLoadingTheOtherPrecisionConverts() throws {
        let double = SafetensorsTestSupport.network(Double.self)
        let asFloat = try Sequential<Float>(safetensors: double.safetensors())
        for (d, f) in zip(double.parameters, asFloat.parameters) {
            XCTAssertEqual(f.value.elements, d.value.elements.map { Float($0) }, "rounded to nearest")
        }
        let asDouble = try Sequential<Double>(safetensors: asFloat.safetensors())
        for (f, d) in zip(asFloat.parameters, asDouble.parameters) {
            XCTAssertEqual(d.value.elements, f.value.elements.map { Double($0) }, "exact")
        }
    }

    // MARK: Files written by PyTorch (tools/torch_checkpoint.py)

    private struct TorchReference: Decodable {
        struct Tensor: Decodable { var shape: [Int]; var values: [Double] }
        struct File: Decodable { var dtype: String; var tensors: [String: Tensor]; var input: [[Double]]; var output: [[Double]] }
        var files: [String: File]
    }

    private func torchFixture(_ name: String) throws -> (url: URL, reference: TorchReference.File) {
        let json = try XCTUnwrap(Bundle.module.url(forResource: "torch_written", withExtension: "json", subdirectory: "Fixtures"))
        let reference = try JSONDecoder().decode(TorchReference.self, from: Data(contentsOf: json))
        let url = try XCTUnwrap(Bundle.module.url(forResource: name, withExtension: "safetensors", subdirectory: "Fixtures"))
        return (url, try XCTUnwrap(reference.files[name + ".safetensors"]))
    }

    func testPyTorchWrittenFloat32CheckpointLoadsBitIdentical() throws {
        let (url, reference) = try torchFixture("torch_written_f32")
        let network = try Sequential<Float>.load(from: url)
        XCTAssertEqual(network.namedParameters.count, reference.tensors.count)
        for (name, parameter) in network.namedParameters {
            let expected = try XCTUnwrap(reference.tensors[name], name)
            // A float32 value printed by Python is a double that converts back exactly.
            XCTAssertEqual(parameter.value.elements.map(\.bitPattern), expected.values.map { Float($0).bitPattern }, name)
            XCTAssertEqual(Sequential<Float>.torchShape(of: parameter), expected.shape, name)
        }
        let prediction = network.forward(Matrix(Matrix(reference.input)))
        // Float32 sums in a different order from PyTorch's: a few ulps.
        XCTAssertLessThan(Matrix<Double>(prediction).maxAbsoluteDifference(Matrix(reference.output)), 1e-6)
    }

    func testPyTorchWrittenFloat64CheckpointWithoutMetadataLoadsIntoANetwork() throws {
        let (url, reference) = try torchFixture("torch_written_f64")
        XCTAssertThrowsSafetensorsError(.missingArchitecture) { try Sequential<Double>.load(from: url) }
        let network = SafetensorsTestSupport.network(Double.self, customName: false)
        // Ours is 3-5-4-4-3; PyTorch's fixture is 5-7-4-3 (Tanh, ReLU, Softmax).
        XCTAssertThrowsSafetensorsError(.shapeMismatch(tensor: "0.weight", expected: [5, 3], found: [7, 5])) {
            try network.loadParameters(from: url)
        }
        var generator = SeededGenerator(seed: 5)
        let matching = Sequential<Double>([Linear(5, 7, using: &generator), Tanh(), Linear(7, 4, using: &generator), ReLU(),
                                           Linear(4, 3, using: &generator), Softmax()])
        try matching.loadParameters(from: url)
        for (name, parameter) in matching.namedParameters {
            XCTAssertEqual(parameter.value.elements, try XCTUnwrap(reference.tensors[name]).values, name)
        }
        XCTAssertLessThan(matching.forward(Matrix(reference.input)).maxAbsoluteDifference(Matrix(reference.output)), 1e-14)
    }

    // MARK: A checkpoint for PyTorch to read (tools/check_torch_loads_ours.py)

    /// Writes `ours_f32.safetensors` and `ours_f64.safetensors` with an example input and our
    /// prediction in the metadata. Into `$BACKPROP_TORCH_CHECK_DIR` when set (`make
    /// check-torch`), otherwise into a temporary folder, just to exercise the path.
    func testWritesCheckpointsWithPredictionsForPyTorch() throws {
        let directory = try ProcessInfo.processInfo.environment["BACKPROP_TORCH_CHECK_DIR"].map { URL(fileURLWithPath: $0) }
            ?? SafetensorsTestSupport.temporaryDirectory(self)
        // F32 with a custom module name (PyTorch must rebuild it through an OrderedDict),
        // F64 with index names only (the README's three lines load it as is).
        func write<Scalar: BLASScalar>(_ type: Scalar.Type, name: String) throws {
            let network = SafetensorsTestSupport.network(type, seed: 3, customName: Scalar.self == Float.self)
            let x = SafetensorsTestSupport.input(type, seed: 4)
            let prediction = network.forward(x)
            let encode = { (m: Matrix<Scalar>) in String(decoding: try JSONEncoder().encode(Matrix<Double>(m).nestedRows), as: UTF8.self) }
            let url = directory.appendingPathComponent(name)
            try network.save(to: url, metadata: ["example_input": try encode(x), "example_output": try encode(prediction)])
            let metadata = try SafetensorsFile(contentsOf: url).metadata
            let decoded = try JSONDecoder().decode([[Double]].self, from: Data(try XCTUnwrap(metadata["example_output"]).utf8))
            XCTAssertEqual(Matrix<Scalar>(Matrix(decoded)), prediction, "the recorded prediction is exact")
        }
        try write(Float.self, name: "ours_f32.safetensors")
        try write(Double.self, name: "ours_f64.safetensors")

        // MNIST-sized (784 inputs) with every module named; make check-torch also reads the
        // model.safetensors that experiment-mnist itself writes.
        var generator = SeededGenerator(seed: 6)
        let mnistLike = Sequential<Float>()
        mnistLike.append(Linear(784, 32, using: &generator), name: "dense_1")
        mnistLike.append(ReLU(), name: "relu_1")
        mnistLike.append(Linear(32, 16, using: &generator), name: "dense_2")
        mnistLike.append(ReLU(), name: "relu_2")
        mnistLike.append(Linear(16, 10, using: &generator), name: "logits")
        mnistLike.append(Softmax(), name: "softmax")
        let x = SafetensorsTestSupport.input(Float.self, rows: 3, columns: 784, seed: 7)
        let encode = { (m: Matrix<Float>) in String(decoding: try JSONEncoder().encode(Matrix<Double>(m).nestedRows), as: UTF8.self) }
        try mnistLike.save(to: directory.appendingPathComponent("ours_mnist_like.safetensors"),
                           metadata: ["example_input": try encode(x), "example_output": try encode(mnistLike.forward(x)), "dataset": "mnist"])
    }
}
