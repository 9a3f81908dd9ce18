import Backprop
import Foundation

/// Class labels read from an `idx1-ubyte` file, one byte per example.
///
/// Shape: `labels.count == count`; `labels[i]` belongs to image `i` of the matching
/// `IDXImages`.
public struct IDXLabels: Sendable, Equatable {
    /// The IDX magic number of unsigned-byte, one-dimensional data.
    public static let magic: UInt32 = 0x0000_0801

    /// One label per example, in file order.
    public let labels: [UInt8]

    /// Wraps already-decoded labels.
    public init(labels: [UInt8]) {
        self.labels = labels
    }

    /// Number of labels.
    public var count: Int { labels.count }

    /// How many times each label value `0...maximum` occurs; shape `[maximum + 1]`.
    /// Labels above `maximum` are not counted, so the sum falls short of `count` exactly when some exist.
    public func histogram(maximum: UInt8 = 9) -> [Int] {
        var counts = [Int](repeating: 0, count: Int(maximum) + 1)
        for label in labels where label <= maximum { counts[Int(label)] += 1 }
        return counts
    }

    /// Reads a raw or gzip-compressed `idx1-ubyte` file.
    ///
    /// - Parameter maximumLabel: the largest label the data set allows (9 for MNIST); a
    ///   larger one means the wrong file or a corrupt one, so it is an error here rather
    ///   than an index out of range deep inside a loss function.
    /// - Throws: `IDXError` naming `url.path`: missing, unreadable, empty, shorter than
    ///   the 8-byte header, wrong magic, payload size not `count`, bad gzip, label too large.
    public static func read(from url: URL, maximumLabel: UInt8 = .max) throws -> IDXLabels {
        try decode(IDXFile.contents(of: url), path: url.path, maximumLabel: maximumLabel)
    }

    /// Decodes the bytes of an uncompressed `idx1-ubyte` file; `path` only labels errors.
    static func decode(_ bytes: [UInt8], path: String, maximumLabel: UInt8 = .max) throws -> IDXLabels {
        let dimensions = try IDXFile.header(of: bytes, magic: magic, dimensionCount: 1, path: path)
        _ = try IDXFile.checkPayload(of: bytes, headerBytes: 8, dimensions: dimensions, path: path)
        let labels = Array(bytes[8...])
        if maximumLabel < .max, let index = labels.firstIndex(where: { $0 > maximumLabel }) {
            throw IDXError.labelOutOfRange(path: path, index: index, value: labels[index], maximum: maximumLabel)
        }
        return IDXLabels(labels: labels)
    }
}
