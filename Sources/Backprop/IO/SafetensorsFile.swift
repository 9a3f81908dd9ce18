import AtomicFile
import Foundation

/// The contents of a safetensors file: named tensors and string metadata.
///
/// Layout (https://github.com/huggingface/safetensors): an 8-byte little-endian header
/// length N, N bytes of JSON header, then the data section. The header maps each tensor
/// name to `{"dtype": "F32", "shape": [out, in], "data_offsets": [begin, end]}` (offsets
/// relative to the data section) and may hold `"__metadata__"`, an object of strings.
///
/// Reading validates everything before touching the data: the header length, the JSON,
/// every entry's fields, that end − begin = product(shape) × dtype size, and that the
/// tensors tile the data section exactly (no overlap, no gap, no trailing bytes), the rules
/// the reference Rust implementation enforces. Any violation throws a `SafetensorsError`.
public struct SafetensorsFile: Sendable {
    /// The element types this library reads and writes.
    public enum DType: String, Sendable {
        case f32 = "F32"
        case f64 = "F64"

        /// Bytes per element.
        public var size: Int { self == .f32 ? 4 : 8 }
    }

    /// One tensor: dtype, shape and its little-endian bytes.
    public struct Tensor: Equatable, Sendable {
        public let dtype: DType
        /// Dimensions, outermost first; `[]` is a scalar.
        public let shape: [Int]
        /// product(shape) × `dtype.size` little-endian bytes.
        public let bytes: [UInt8]

        /// Element count: the product of the shape.
        public var count: Int { shape.reduce(1, *) }

        /// A tensor of the given shape over row-major values, in `Scalar`'s own dtype.
        public init<Scalar: BLASScalar>(shape: [Int], values: [Scalar]) {
            Misuse.check(shape.reduce(1, *) == values.count, "Tensor: \(values.count) values cannot fill shape \(shape)")
            self.shape = shape
            var bytes: [UInt8] = []
            if Scalar.dtypeName == DType.f32.rawValue {
                dtype = .f32
                bytes.reserveCapacity(values.count * 4)
                for value in values { withUnsafeBytes(of: Float(value).bitPattern.littleEndian) { bytes.append(contentsOf: $0) } }
            } else {
                dtype = .f64
                bytes.reserveCapacity(values.count * 8)
                for value in values { withUnsafeBytes(of: Double(value).bitPattern.littleEndian) { bytes.append(contentsOf: $0) } }
            }
            self.bytes = bytes
        }

        init(dtype: DType, shape: [Int], bytes: [UInt8]) {
            self.dtype = dtype
            self.shape = shape
            self.bytes = bytes
        }

        /// The values, row-major, converted to `Scalar`: exact when the dtype is `Scalar`'s
        /// own or F32 → Double; F64 → Float rounds to the nearest Float.
        public func values<Scalar: BLASScalar>(as _: Scalar.Type = Scalar.self) -> [Scalar] {
            bytes.withUnsafeBytes { raw in
                switch dtype {
                case .f32:
                    (0..<count).map { Scalar(Float(bitPattern: UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: $0 * 4, as: UInt32.self)))) }
                case .f64:
                    (0..<count).map { Scalar(Double(bitPattern: UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: $0 * 8, as: UInt64.self)))) }
                }
            }
        }
    }

    /// The tensors in data-section order.
    public var tensors: [(name: String, tensor: Tensor)]
    /// The `__metadata__` strings (empty when the file has none).
    public var metadata: [String: String]

    public init(tensors: [(name: String, tensor: Tensor)], metadata: [String: String] = [:]) {
        self.tensors = tensors
        self.metadata = metadata
    }

    /// The tensor with the given name.
    public subscript(name: String) -> Tensor? {
        tensors.first { $0.name == name }?.tensor
    }

    /// Reads and validates a file; see `init(bytes:)`.
    public init(contentsOf url: URL) throws {
        try self.init(bytes: [UInt8](Data(contentsOf: url)))
    }

    /// Parses and validates the bytes of a safetensors file.
    /// - Throws: `SafetensorsError` naming the first problem found.
    public init(bytes: [UInt8]) throws(SafetensorsError) {
        guard bytes.count >= 8 else { throw .truncatedHeaderLength(byteCount: bytes.count) }
        let headerLength = bytes.withUnsafeBytes { UInt64(littleEndian: $0.loadUnaligned(as: UInt64.self)) }
        guard headerLength <= UInt64(bytes.count - 8) else {
            throw .headerLengthOutOfRange(length: headerLength, available: bytes.count - 8)
        }
        let dataStart = 8 + Int(headerLength)
        let header = try Self.parseHeader(Data(bytes[8..<dataStart]))
        let dataByteCount = bytes.count - dataStart

        var entries: [(name: String, dtype: DType, shape: [Int], begin: Int, end: Int)] = []
        var metadata: [String: String] = [:]
        for (name, value) in header {
            if name == "__metadata__" {
                metadata = try Self.parseMetadata(value)
                continue
            }
            let entry = try Self.parseEntry(name: name, value)
            guard entry.begin <= entry.end else { throw .invalidOffsets(tensor: name, begin: entry.begin, end: entry.end) }
            let (elements, elementOverflow) = entry.shape.reduce((1, false)) { partial, dimension in
                let product = partial.0.multipliedReportingOverflow(by: dimension)
                return (product.partialValue, partial.1 || product.overflow)
            }
            let byteCount = elements.multipliedReportingOverflow(by: entry.dtype.size)
            guard !elementOverflow, !byteCount.overflow, byteCount.partialValue == entry.end - entry.begin else {
                throw .elementCountMismatch(tensor: name, shape: entry.shape, dtype: entry.dtype.rawValue, byteCount: entry.end - entry.begin)
            }
            guard entry.end <= dataByteCount else { throw .truncatedData(tensor: name, end: entry.end, dataByteCount: dataByteCount) }
            entries.append((name, entry.dtype, entry.shape, entry.begin, entry.end))
        }

        // The tensors must tile the data section: sorted by offset, each starts where the
        // previous ended and the last ends at the end of the file. Ties are broken by name
        // so that the order (and the error reported) does not depend on dictionary order.
        entries.sort { ($0.begin, $0.end, $0.name) < ($1.begin, $1.end, $1.name) }
        var cursor = 0
        var previous: String?
        for entry in entries {
            if entry.begin < cursor { throw .overlappingTensors(previous ?? "", entry.name) }
            if entry.begin > cursor { throw .uncoveredData(begin: cursor, end: entry.begin) }
            cursor = entry.end
            previous = entry.name
        }
        guard cursor == dataByteCount else { throw .uncoveredData(begin: cursor, end: dataByteCount) }

        tensors = entries.map { entry in
            (entry.name, Tensor(dtype: entry.dtype, shape: entry.shape,
                                bytes: Array(bytes[(dataStart + entry.begin)..<(dataStart + entry.end)])))
        }
        self.metadata = metadata
    }

    /// The file's bytes: header padded with spaces to a multiple of 8 (so the data is
    /// aligned, as the reference writer does), then the tensors in order.
    public func serialized() -> [UInt8] {
        var header: [String: Any] = [:]
        var offset = 0
        for (name, tensor) in tensors {
            header[name] = ["dtype": tensor.dtype.rawValue, "shape": tensor.shape, "data_offsets": [offset, offset + tensor.bytes.count]]
            offset += tensor.bytes.count
        }
        if !metadata.isEmpty { header["__metadata__"] = metadata }
        // Serialising dictionaries of strings and integers cannot fail.
        var json = [UInt8](try! JSONSerialization.data(withJSONObject: header, options: [.sortedKeys, .withoutEscapingSlashes]))
        json.append(contentsOf: repeatElement(UInt8(ascii: " "), count: (8 - json.count % 8) % 8))
        var bytes: [UInt8] = []
        bytes.reserveCapacity(8 + json.count + offset)
        withUnsafeBytes(of: UInt64(json.count).littleEndian) { bytes.append(contentsOf: $0) }
        bytes.append(contentsOf: json)
        for (_, tensor) in tensors { bytes.append(contentsOf: tensor.bytes) }
        return bytes
    }

    /// Writes the file atomically: to a temporary file beside `url`, then renamed over it,
    /// so a reader (or a crash mid-write) never sees half a checkpoint. Creates the folder.
    public func write(to url: URL) throws {
        try writeAtomically(Data(serialized()), to: url)
    }

    // MARK: Header fields

    private static func parseHeader(_ data: Data) throws(SafetensorsError) -> [String: Any] {
        let object: Any
        do {
            object = try JSONSerialization.jsonObject(with: data)
        } catch {
            throw .headerNotJSON("\(data.count) bytes do not parse as JSON")
        }
        guard let dictionary = object as? [String: Any] else { throw .headerNotJSON("the top level is not an object") }
        return dictionary
    }

    private static func parseMetadata(_ value: Any) throws(SafetensorsError) -> [String: String] {
        guard let dictionary = value as? [String: Any] else { throw .invalidMetadata("is not an object") }
        var metadata: [String: String] = [:]
        for (key, value) in dictionary {
            guard let string = value as? String else { throw .invalidMetadata("value of '\(key)' is not a string") }
            metadata[key] = string
        }
        return metadata
    }

    private static func parseEntry(name: String, _ value: Any) throws(SafetensorsError) -> (dtype: DType, shape: [Int], begin: Int, end: Int) {
        guard let entry = value as? [String: Any] else { throw .invalidTensorEntry(tensor: name, reason: "entry is not an object") }
        guard let dtypeName = entry["dtype"] as? String else { throw .invalidTensorEntry(tensor: name, reason: "no string 'dtype'") }
        guard let dtype = DType(rawValue: dtypeName) else { throw .unsupportedDtype(tensor: name, dtype: dtypeName) }
        guard let shapeValues = entry["shape"] as? [Any], let shape = integers(shapeValues) else {
            throw .invalidTensorEntry(tensor: name, reason: "'shape' is not an array of non-negative integers")
        }
        guard let offsetValues = entry["data_offsets"] as? [Any], let offsets = integers(offsetValues), offsets.count == 2 else {
            throw .invalidTensorEntry(tensor: name, reason: "'data_offsets' is not two non-negative integers")
        }
        return (dtype, shape, offsets[0], offsets[1])
    }

    /// Non-negative integers from JSON numbers; nil if any is fractional, negative or above
    /// 2⁵³ (beyond which a JSON number no longer names one integer for every reader).
    private static func integers(_ values: [Any]) -> [Int]? {
        var result: [Int] = []
        for value in values {
            // (Foundation on Linux bridges JSON 0/1 to Bool too, so booleans cannot be told
            // apart from integers here; a `true` read as 1 still has to fit the data.)
            guard let number = value as? NSNumber else { return nil }
            let double = number.doubleValue
            guard double >= 0, double <= 9_007_199_254_740_992, let integer = Int(exactly: double) else { return nil }
            result.append(integer)
        }
        return result
    }
}
