import Backprop
import Foundation

/// Why an IDX file (or a set of MNIST files) could not be loaded.
///
/// Every case carries the path of the file at fault, and `description` names it
/// together with the problem, so a message printed at the top of a command-line
/// tool is enough to fix the situation without a debugger.
public enum IDXError: Error, Equatable, Sendable, CustomStringConvertible, LocalizedError {
    /// Nothing exists at `path`.
    case missing(path: String)
    /// `path` exists but could not be read (a directory, no permission, I/O error).
    case unreadable(path: String, reason: String)
    /// The file (or its decompressed content) has zero bytes.
    case empty(path: String)
    /// Fewer bytes than the `headerBytes`-byte header of the expected kind.
    case shorterThanHeader(path: String, headerBytes: Int, actualBytes: Int)
    /// The first four bytes are not the magic number of the expected kind.
    case wrongMagic(path: String, expected: UInt32, found: UInt32)
    /// The header's dimensions multiply to a size no real file can have.
    case implausibleHeader(path: String, reason: String)
    /// The payload after the header is not the size the header announces.
    case dataLengthMismatch(path: String, expectedBytes: Int, actualBytes: Int)
    /// A file named `*.gz` does not start with the gzip magic bytes 1f 8b.
    case notGzip(path: String)
    /// zlib rejected the gzip stream, or it ended before its end marker.
    case corruptGzip(path: String, reason: String)
    /// A label larger than the data set allows (e.g. above 9 for MNIST), at 0-based `index`.
    case labelOutOfRange(path: String, index: Int, value: UInt8, maximum: UInt8)
    /// An images file and its labels file disagree on the number of examples.
    case countMismatch(imagesPath: String, imageCount: Int, labelsPath: String, labelCount: Int)
    /// Training and test images disagree on rows × columns.
    case imageSizeMismatch(trainPath: String, trainSize: String, testPath: String, testSize: String)
    /// One of the standard data-set files is in neither raw nor `.gz` form in `directory`.
    case dataSetFileMissing(file: String, directory: String, directorySource: String, remedy: String)

    /// The path of the (first) file the error is about.
    public var path: String {
        switch self {
        case .missing(let path), .unreadable(let path, _), .empty(let path),
             .shorterThanHeader(let path, _, _), .wrongMagic(let path, _, _),
             .implausibleHeader(let path, _), .dataLengthMismatch(let path, _, _),
             .notGzip(let path), .corruptGzip(let path, _), .labelOutOfRange(let path, _, _, _):
            return path
        case .countMismatch(let imagesPath, _, _, _):
            return imagesPath
        case .imageSizeMismatch(let trainPath, _, _, _):
            return trainPath
        case .dataSetFileMissing(let file, let directory, _, _):
            return (directory as NSString).appendingPathComponent(file)
        }
    }

    public var description: String {
        switch self {
        case .missing(let path):
            return "\(path): no such file"
        case .unreadable(let path, let reason):
            return "\(path): cannot read file: \(reason)"
        case .empty(let path):
            return "\(path): file is empty"
        case .shorterThanHeader(let path, let headerBytes, let actualBytes):
            return "\(path): only \(actualBytes) bytes, shorter than the \(headerBytes)-byte IDX header"
        case .wrongMagic(let path, let expected, let found):
            let foundKind = IDXError.kind(ofMagic: found)
            let expectedKind = IDXError.kind(ofMagic: expected)
            let summary = foundKind.isKnownIDX
                ? "\(foundKind.noun) file given where \(expectedKind.noun) expected"
                : "not an IDX \(expectedKind.noun) file"
            return "\(path): \(summary) (magic number expected \(IDXError.hex(expected)) [\(expectedKind.detail)], "
                + "found \(IDXError.hex(found)) [\(foundKind.detail)])"
        case .implausibleHeader(let path, let reason):
            return "\(path): implausible IDX header: \(reason)"
        case .dataLengthMismatch(let path, let expectedBytes, let actualBytes):
            let relation = actualBytes < expectedBytes ? "truncated" : "has trailing bytes"
            return "\(path): \(relation): header announces \(expectedBytes) data bytes, file has \(actualBytes)"
        case .notGzip(let path):
            return "\(path): not gzip (a .gz file must start with the bytes 1f 8b)"
        case .corruptGzip(let path, let reason):
            return "\(path): corrupt gzip stream: \(reason)"
        case .labelOutOfRange(let path, let index, let value, let maximum):
            return "\(path): label \(value) at index \(index) is above the maximum \(maximum)"
        case .countMismatch(let imagesPath, let imageCount, let labelsPath, let labelCount):
            return "\(imagesPath) has \(imageCount) images but \(labelsPath) has \(labelCount) labels"
        case .imageSizeMismatch(let trainPath, let trainSize, let testPath, let testSize):
            return "\(trainPath) holds \(trainSize) images but \(testPath) holds \(testSize) images"
        case .dataSetFileMissing(let file, let directory, let directorySource, let remedy):
            let path = (directory as NSString).appendingPathComponent(file)
            return "\(path): not found (neither \(file) nor \(file).gz in \(directory), \(directorySource)). \(remedy)"
        }
    }

    public var errorDescription: String? { description }

    static func hex(_ value: UInt32) -> String {
        let digits = String(value, radix: 16)
        return "0x" + String(repeating: "0", count: max(0, 8 - digits.count)) + digits
    }

    /// Names the kind of file a magic number belongs to, so a mix-up reads as one.
    static func kind(ofMagic magic: UInt32) -> (noun: String, detail: String, isKnownIDX: Bool) {
        switch magic {
        case IDXImages.magic: return ("images", "idx3-ubyte", true)
        case IDXLabels.magic: return ("labels", "idx1-ubyte", true)
        default: break
        }
        if magic >> 16 == 0x1f8b { return ("gzip", "gzip data", false) }
        let typeNames: [UInt32: String] = [
            0x08: "ubyte", 0x09: "byte", 0x0B: "short", 0x0C: "int", 0x0D: "float", 0x0E: "double",
        ]
        if magic >> 16 == 0, let type = typeNames[(magic >> 8) & 0xFF] {
            let name = "idx\(magic & 0xFF)-\(type)"
            return (name, name + ", unsupported", true)
        }
        return ("unknown", "not an IDX magic number", false)
    }
}
