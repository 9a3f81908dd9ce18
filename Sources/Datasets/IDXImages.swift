import Backprop
import Foundation

/// A stack of 8-bit grey-scale images read from an `idx3-ubyte` file.
///
/// Shape: `count` images of `rows × columns`; `pixels.count == count * rows * columns`,
/// stored row-major, image after image, exactly as in the file. Pixels stay raw bytes
/// (0 = background for MNIST); scaling to floating point belongs to the caller.
public struct IDXImages: Sendable, Equatable {
    /// The IDX magic number of unsigned-byte, three-dimensional data.
    public static let magic: UInt32 = 0x0000_0803

    /// Number of images.
    public let count: Int
    /// Height of every image in pixels.
    public let rows: Int
    /// Width of every image in pixels.
    public let columns: Int
    /// `count * rows * columns` bytes: pixel (r, c) of image i is at `i * rows * columns + r * columns + c`.
    public let pixels: [UInt8]

    /// Wraps already-decoded pixels; `pixels.count` must equal `count * rows * columns`.
    public init(count: Int, rows: Int, columns: Int, pixels: [UInt8]) {
        Misuse.check(count >= 0 && rows >= 0 && columns >= 0, "IDXImages: negative dimension")
        Misuse.check(pixels.count == count * rows * columns,
                     "IDXImages: \(pixels.count) pixels for \(count) images of \(rows)×\(columns)")
        self.count = count
        self.rows = rows
        self.columns = columns
        self.pixels = pixels
    }

    /// Pixels per image: `rows * columns`.
    public var pixelsPerImage: Int { rows * columns }

    /// The `rows * columns` pixels of image `index` (0-based), row-major.
    public func image(_ index: Int) -> ArraySlice<UInt8> {
        Misuse.check(index >= 0 && index < count, "IDXImages: image \(index) out of 0..<\(count)")
        let start = index * pixelsPerImage
        return pixels[start..<(start + pixelsPerImage)]
    }

    /// Reads a raw or gzip-compressed `idx3-ubyte` file.
    ///
    /// - Throws: `IDXError` naming `url.path`: missing, unreadable, empty, shorter than
    ///   the 16-byte header, wrong magic, payload size not `count * rows * columns`, bad gzip.
    public static func read(from url: URL) throws -> IDXImages {
        try decode(IDXFile.contents(of: url), path: url.path)
    }

    /// Decodes the bytes of an uncompressed `idx3-ubyte` file; `path` only labels errors.
    static func decode(_ bytes: [UInt8], path: String) throws -> IDXImages {
        let dimensions = try IDXFile.header(of: bytes, magic: magic, dimensionCount: 3, path: path)
        _ = try IDXFile.checkPayload(of: bytes, headerBytes: 16, dimensions: dimensions, path: path)
        return IDXImages(count: dimensions[0], rows: dimensions[1], columns: dimensions[2],
                         pixels: Array(bytes[16...]))
    }
}
