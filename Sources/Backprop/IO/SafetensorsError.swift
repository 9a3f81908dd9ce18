/// Why a safetensors file could not be read, written or loaded into a network.
///
/// Every malformed input maps to one of these cases (never to a trap), and the
/// description names the tensor and the numbers involved.
public enum SafetensorsError: Error, Equatable, CustomStringConvertible {
    /// Fewer than the 8 bytes of the header-length field.
    case truncatedHeaderLength(byteCount: Int)
    /// The header length field points past the end of the file (or is absurdly large).
    case headerLengthOutOfRange(length: UInt64, available: Int)
    /// The header is not UTF-8 JSON whose top level is an object.
    case headerNotJSON(String)
    /// A tensor entry lacks `dtype`, `shape` or `data_offsets`, or one has the wrong type.
    case invalidTensorEntry(tensor: String, reason: String)
    /// `__metadata__` is not an object of strings.
    case invalidMetadata(String)
    /// A dtype other than F32 and F64 (the two precisions a `Matrix` holds).
    case unsupportedDtype(tensor: String, dtype: String)
    /// `data_offsets` with begin > end.
    case invalidOffsets(tensor: String, begin: Int, end: Int)
    /// Byte range end − begin differs from product(shape) × dtype size.
    case elementCountMismatch(tensor: String, shape: [Int], dtype: String, byteCount: Int)
    /// A tensor's bytes reach past the end of the data section.
    case truncatedData(tensor: String, end: Int, dataByteCount: Int)
    /// Two tensors claim some of the same bytes.
    case overlappingTensors(String, String)
    /// Bytes of the data section that belong to no tensor (a gap or trailing bytes).
    case uncoveredData(begin: Int, end: Int)
    /// The network has a parameter the file lacks.
    case missingTensor(String)
    /// The file has a tensor the network has no parameter for.
    case unexpectedTensor(String)
    /// A tensor whose shape is not the parameter's (PyTorch layout: weight `[out, in]`, bias `[out]`).
    case shapeMismatch(tensor: String, expected: [Int], found: [Int])
    /// `__metadata__` has no `architecture`, so the file cannot rebuild its network.
    case missingArchitecture
    /// `architecture` is not a JSON array of module descriptions, or they do not chain.
    case invalidArchitecture(String)
    /// An architecture entry of a type this library does not have.
    case unknownModuleType(String)
    /// Saving a module that has no safetensors description (only Linear and the activations do).
    case unsupportedModule(String)

    public var description: String {
        switch self {
        case .truncatedHeaderLength(let count):
            "safetensors: file has \(count) bytes, fewer than the 8-byte header length"
        case .headerLengthOutOfRange(let length, let available):
            "safetensors: header length \(length) exceeds the \(available) bytes after the length field"
        case .headerNotJSON(let reason):
            "safetensors: header is not a JSON object (\(reason))"
        case .invalidTensorEntry(let tensor, let reason):
            "safetensors: tensor '\(tensor)': \(reason)"
        case .invalidMetadata(let reason):
            "safetensors: __metadata__ \(reason)"
        case .unsupportedDtype(let tensor, let dtype):
            "safetensors: tensor '\(tensor)' has dtype \(dtype); only F32 and F64 are supported"
        case .invalidOffsets(let tensor, let begin, let end):
            "safetensors: tensor '\(tensor)' has data_offsets [\(begin), \(end)] with begin > end"
        case .elementCountMismatch(let tensor, let shape, let dtype, let byteCount):
            "safetensors: tensor '\(tensor)' of shape \(shape) and dtype \(dtype) cannot fill \(byteCount) bytes"
        case .truncatedData(let tensor, let end, let dataByteCount):
            "safetensors: tensor '\(tensor)' ends at byte \(end) but the data section has \(dataByteCount) bytes (truncated file?)"
        case .overlappingTensors(let a, let b):
            "safetensors: tensors '\(a)' and '\(b)' overlap"
        case .uncoveredData(let begin, let end):
            "safetensors: data bytes \(begin)..<\(end) belong to no tensor"
        case .missingTensor(let name):
            "safetensors: the file has no tensor '\(name)'"
        case .unexpectedTensor(let name):
            "safetensors: the network has no parameter for tensor '\(name)'"
        case .shapeMismatch(let tensor, let expected, let found):
            "safetensors: tensor '\(tensor)' has shape \(found), expected \(expected)"
        case .missingArchitecture:
            "safetensors: __metadata__ has no 'architecture', so the network cannot be rebuilt; load the weights into a network with loadParameters(from:)"
        case .invalidArchitecture(let reason):
            "safetensors: invalid architecture: \(reason)"
        case .unknownModuleType(let type):
            "safetensors: unknown module type '\(type)' (known: Linear, ReLU, Sigmoid, Tanh, Softmax)"
        case .unsupportedModule(let module):
            "safetensors: cannot save \(module); only Linear, ReLU, Sigmoid, Tanh and Softmax have a description"
        }
    }
}
