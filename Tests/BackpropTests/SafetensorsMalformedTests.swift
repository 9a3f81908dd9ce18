import Foundation
import XCTest
@testable import Backprop

/// Each kind of malformed file is rejected with the error that names its problem.
final class SafetensorsMalformedTests: XCTestCase {
    private let eightBytes = [UInt8](repeating: 0, count: 8)   // two F32 zeros

    private func parse(_ header: String, _ data: [UInt8]) throws -> SafetensorsFile {
        try SafetensorsFile(bytes: SafetensorsTestSupport.file(header: header, data: data))
    }

    func testFileShorterThanTheLengthFieldIsRejected() {
        XCTAssertThrowsSafetensorsError(.truncatedHeaderLength(byteCount: 5)) { try SafetensorsFile(bytes: [1, 2, 3, 4, 5]) }
    }

    func testHeaderLengthBeyondTheFileIsRejected() {
        var bytes = SafetensorsTestSupport.file(header: "{}", data: [])
        bytes[0] = 200
        XCTAssertThrowsSafetensorsError(.headerLengthOutOfRange(length: 200, available: 2)) { try SafetensorsFile(bytes: bytes) }
        bytes.replaceSubrange(0..<8, with: [UInt8](repeating: 0xFF, count: 8))
        XCTAssertThrowsSafetensorsError(.headerLengthOutOfRange(length: .max, available: 2)) { try SafetensorsFile(bytes: bytes) }
    }

    func testHeaderThatIsNotAJSONObjectIsRejected() {
        XCTAssertThrowsSafetensorsError(.headerNotJSON("9 bytes do not parse as JSON")) { try self.parse("{\"a\": [1,", []) }
        XCTAssertThrowsSafetensorsError(.headerNotJSON("the top level is not an object")) { try self.parse("[1, 2]", []) }
        XCTAssertThrowsSafetensorsError(.headerNotJSON("0 bytes do not parse as JSON")) { try self.parse("", []) }
    }

    func testEntryWithMissingOrMistypedFieldsIsRejected() {
        XCTAssertThrowsSafetensorsError(.invalidTensorEntry(tensor: "a", reason: "no string 'dtype'")) {
            try self.parse(#"{"a":{"shape":[2],"data_offsets":[0,8]}}"#, self.eightBytes)
        }
        XCTAssertThrowsSafetensorsError(.invalidTensorEntry(tensor: "a", reason: "'shape' is not an array of non-negative integers")) {
            try self.parse(#"{"a":{"dtype":"F32","shape":[-2],"data_offsets":[0,8]}}"#, self.eightBytes)
        }
        XCTAssertThrowsSafetensorsError(.invalidTensorEntry(tensor: "a", reason: "'shape' is not an array of non-negative integers")) {
            try self.parse(#"{"a":{"dtype":"F32","shape":[1.5],"data_offsets":[0,8]}}"#, self.eightBytes)
        }
        XCTAssertThrowsSafetensorsError(.invalidTensorEntry(tensor: "a", reason: "'data_offsets' is not two non-negative integers")) {
            try self.parse(#"{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8,16]}}"#, self.eightBytes)
        }
        XCTAssertThrowsSafetensorsError(.invalidMetadata("value of 'epochs' is not a string")) {
            try self.parse(#"{"__metadata__":{"epochs":3}}"#, [])
        }
    }

    func testUnsupportedDtypeIsRejected() {
        XCTAssertThrowsSafetensorsError(.unsupportedDtype(tensor: "a", dtype: "BF16")) {
            try self.parse(#"{"a":{"dtype":"BF16","shape":[4],"data_offsets":[0,8]}}"#, self.eightBytes)
        }
    }

    func testOffsetsWithBeginAfterEndAreRejected() {
        XCTAssertThrowsSafetensorsError(.invalidOffsets(tensor: "a", begin: 8, end: 0)) {
            try self.parse(#"{"a":{"dtype":"F32","shape":[2],"data_offsets":[8,0]}}"#, self.eightBytes)
        }
    }

    func testElementCountDifferentFromTheShapeIsRejected() {
        XCTAssertThrowsSafetensorsError(.elementCountMismatch(tensor: "a", shape: [3], dtype: "F32", byteCount: 8)) {
            try self.parse(#"{"a":{"dtype":"F32","shape":[3],"data_offsets":[0,8]}}"#, self.eightBytes)
        }
        // A shape whose product overflows Int is a mismatch, not a trap.
        XCTAssertThrowsSafetensorsError(.elementCountMismatch(tensor: "a", shape: [4_294_967_296, 4_294_967_296], dtype: "F64", byteCount: 8)) {
            try self.parse(#"{"a":{"dtype":"F64","shape":[4294967296,4294967296],"data_offsets":[0,8]}}"#, self.eightBytes)
        }
    }

    func testOffsetsPastTheEndOfTheDataAreReportedAsTruncation() throws {
        var bytes = try SafetensorsTestSupport.network(Float.self).safetensors().serialized()
        bytes.removeLast(4)
        XCTAssertThrowsError(try SafetensorsFile(bytes: bytes)) { error in
            guard case .truncatedData = error as? SafetensorsError else { return XCTFail("\(error)") }
            XCTAssertTrue("\(error)".contains("truncated"), "\(error)")
        }
    }

    func testOverlappingTensorsAreRejected() {
        XCTAssertThrowsSafetensorsError(.overlappingTensors("a", "b")) {
            try self.parse(#"{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},"b":{"dtype":"F32","shape":[2],"data_offsets":[4,12]}}"#,
                           [UInt8](repeating: 0, count: 12))
        }
    }

    func testDataNotCoveredByTensorsIsRejected() {
        let twoTensors = #"{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},"b":{"dtype":"F32","shape":[2],"data_offsets":[12,20]}}"#
        XCTAssertThrowsSafetensorsError(.uncoveredData(begin: 8, end: 12)) { try self.parse(twoTensors, [UInt8](repeating: 0, count: 20)) }
        XCTAssertThrowsSafetensorsError(.uncoveredData(begin: 8, end: 12)) {
            try self.parse(#"{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]}}"#, [UInt8](repeating: 0, count: 12))
        }
    }

    // MARK: Files that parse but do not describe the network

    private func networkFile(architecture: String, tensors: [(String, SafetensorsFile.Tensor)]) -> SafetensorsFile {
        SafetensorsFile(tensors: tensors, metadata: ["architecture": architecture])
    }

    private let weight = SafetensorsFile.Tensor(shape: [1, 2], values: [1.0, 2.0])
    private let bias = SafetensorsFile.Tensor(shape: [1], values: [0.5])

    func testUnknownModuleTypeIsRejected() {
        XCTAssertThrowsSafetensorsError(.unknownModuleType("Conv2d")) {
            try Sequential<Double>(safetensors: self.networkFile(architecture: #"[{"type":"Conv2d"}]"#, tensors: []))
        }
    }

    func testArchitectureThatIsNotAListOfModulesIsRejected() {
        XCTAssertThrowsSafetensorsError(.invalidArchitecture(#"not a JSON array of {"type", "in", "out", "name"} objects"#)) {
            try Sequential<Double>(safetensors: self.networkFile(architecture: #"{"type":"ReLU"}"#, tensors: []))
        }
        XCTAssertThrowsSafetensorsError(.invalidArchitecture("Linear '0' needs positive 'in' and 'out'")) {
            try Sequential<Double>(safetensors: self.networkFile(architecture: #"[{"type":"Linear","in":0,"out":1}]"#, tensors: []))
        }
        XCTAssertThrowsSafetensorsError(.invalidArchitecture("two modules are named 'a'")) {
            try Sequential<Double>(safetensors: self.networkFile(architecture: #"[{"type":"ReLU","name":"a"},{"type":"Tanh","name":"a"}]"#, tensors: []))
        }
    }

    func testLayersThatDoNotChainAreRejected() {
        let file = networkFile(architecture: #"[{"type":"Linear","in":2,"out":1},{"type":"Linear","in":2,"out":1}]"#,
                               tensors: [("0.weight", weight), ("0.bias", bias), ("1.weight", weight), ("1.bias", bias)])
        XCTAssertThrowsError(try Sequential<Double>(safetensors: file)) { error in
            guard case .invalidArchitecture(let reason) = error as? SafetensorsError else { return XCTFail("\(error)") }
            XCTAssertTrue(reason.contains("do not chain"), reason)
        }
    }

    func testMissingExtraAndMisshapenTensorsAreRejected() {
        let linear = #"[{"type":"Linear","in":2,"out":1}]"#
        XCTAssertThrowsSafetensorsError(.missingTensor("0.bias")) {
            try Sequential<Double>(safetensors: self.networkFile(architecture: linear, tensors: [("0.weight", self.weight)]))
        }
        XCTAssertThrowsSafetensorsError(.unexpectedTensor("extra")) {
            try Sequential<Double>(safetensors: self.networkFile(architecture: linear, tensors: [("0.weight", self.weight), ("0.bias", self.bias), ("extra", self.bias)]))
        }
        // A bias stored as a [1, out] row instead of PyTorch's 1-D [out].
        XCTAssertThrowsSafetensorsError(.shapeMismatch(tensor: "0.bias", expected: [1], found: [1, 1])) {
            try Sequential<Double>(safetensors: self.networkFile(architecture: linear, tensors: [
                ("0.weight", self.weight), ("0.bias", SafetensorsFile.Tensor(shape: [1, 1], values: [0.5]))]))
        }
        XCTAssertThrowsSafetensorsError(.missingArchitecture) {
            try Sequential<Double>(safetensors: SafetensorsFile(tensors: [("0.weight", self.weight), ("0.bias", self.bias)]))
        }
    }

    func testFailedLoadIntoANetworkLeavesItUnchanged() throws {
        let network = SafetensorsTestSupport.network(Double.self)
        var file = try network.safetensors()
        let before = network.parameters.map(\.value)
        file.tensors[0].tensor = SafetensorsFile.Tensor(shape: [5, 3], values: [Double](repeating: 9, count: 15))
        file.tensors.removeLast()
        XCTAssertThrowsSafetensorsError(.missingTensor("6.bias")) { try network.loadParameters(from: file) }
        XCTAssertEqual(network.parameters.map(\.value), before)
    }

    func testSavingAModuleWithoutADescriptionThrows() {
        let network = Sequential<Double>([Sequential<Double>()])
        XCTAssertThrowsError(try network.safetensors()) { error in
            guard case .unsupportedModule = error as? SafetensorsError else { return XCTFail("\(error)") }
        }
    }
}
