import Backprop
import Foundation

/// The raw bytes of an IDX file, decompressed when the file is gzip.
///
/// Whether a file is gzip is decided by its first two bytes (1f 8b), not its name, so a
/// renamed file still loads; a name ending in `.gz` without that magic is reported as
/// "not gzip", since it is almost always a failed or partial download.
public enum IDXFile {
    /// The decompressed content of the file at `url` (count = the uncompressed size).
    ///
    /// - Throws: `IDXError.missing`, `.unreadable`, `.empty`, `.notGzip`, `.corruptGzip`.
    public static func contents(of url: URL) throws -> [UInt8] {
        let path = url.path
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw IDXError.missing(path: path)
        }
        if isDirectory.boolValue {
            throw IDXError.unreadable(path: path, reason: "is a directory")
        }
        let data: Data
        do {
            data = try Data(contentsOf: url, options: .mappedIfSafe)
        } catch {
            // The system's reason ("Permission denied"), not Foundation's sentence about it.
            let underlying = (error as NSError).userInfo[NSUnderlyingErrorKey] as? NSError
            let reason = underlying.flatMap { $0.domain == NSPOSIXErrorDomain ? String(cString: strerror(Int32($0.code))) : nil }
            throw IDXError.unreadable(path: path, reason: reason ?? error.localizedDescription)
        }
        let raw = [UInt8](data)
        if raw.isEmpty { throw IDXError.empty(path: path) }
        if GzipReader.hasGzipMagic(raw) {
            let inflated = try GzipReader.inflate(raw, path: path)
            if inflated.isEmpty { throw IDXError.empty(path: path) }
            return inflated
        }
        if url.pathExtension == "gz" { throw IDXError.notGzip(path: path) }
        return raw
    }

    /// Checks the magic number and reads the `dimensionCount` big-endian sizes after it.
    ///
    /// - Returns: the dimensions in file order (e.g. `[count, rows, columns]`).
    static func header(of bytes: [UInt8], magic: UInt32, dimensionCount: Int, path: String) throws -> [Int] {
        let headerBytes = 4 * (1 + dimensionCount)
        guard bytes.count >= headerBytes else {
            // A file too short even for its magic cannot tell what it is; one long enough
            // for the magic but not the sizes can, and a wrong kind is the likelier mistake.
            if bytes.count >= 4, readUInt32(bytes, at: 0) != magic {
                throw IDXError.wrongMagic(path: path, expected: magic, found: readUInt32(bytes, at: 0))
            }
            throw IDXError.shorterThanHeader(path: path, headerBytes: headerBytes, actualBytes: bytes.count)
        }
        let found = readUInt32(bytes, at: 0)
        guard found == magic else {
            throw IDXError.wrongMagic(path: path, expected: magic, found: found)
        }
        return (1...dimensionCount).map { Int(readUInt32(bytes, at: 4 * $0)) }
    }

    /// Verifies that exactly `product(dimensions)` bytes follow a header of `headerBytes`.
    static func checkPayload(of bytes: [UInt8], headerBytes: Int, dimensions: [Int], path: String) throws -> Int {
        var expected = 1
        for dimension in dimensions {
            let (product, overflow) = expected.multipliedReportingOverflow(by: dimension)
            guard !overflow else {
                throw IDXError.implausibleHeader(
                    path: path,
                    reason: "dimensions \(dimensions.map(String.init).joined(separator: " × ")) overflow")
            }
            expected = product
        }
        let actual = bytes.count - headerBytes
        guard actual == expected else {
            throw IDXError.dataLengthMismatch(path: path, expectedBytes: expected, actualBytes: actual)
        }
        return expected
    }

    static func readUInt32(_ bytes: [UInt8], at offset: Int) -> UInt32 {
        UInt32(bytes[offset]) << 24 | UInt32(bytes[offset + 1]) << 16
            | UInt32(bytes[offset + 2]) << 8 | UInt32(bytes[offset + 3])
    }
}
