import CZlib
import Backprop
import Foundation

/// Decompresses gzip data through zlib; the library never inflates by hand.
enum GzipReader {
    /// The most a file may decompress to: 20× MNIST's largest file (47 MB).
    static let maximumSize = 1 << 30

    /// True when `bytes` start with the gzip magic 1f 8b.
    static func hasGzipMagic(_ bytes: [UInt8]) -> Bool {
        bytes.count >= 2 && bytes[0] == 0x1f && bytes[1] == 0x8b
    }

    /// The decompressed content of the gzip stream `compressed`, all members concatenated
    /// (as `gunzip` does). `path` only labels errors.
    ///
    /// - Throws: `IDXError.corruptGzip` when zlib rejects the data, the stream ends
    ///   before its end-of-member marker (a truncated download), or it inflates past
    ///   `limit` bytes (a few kilobytes of gzip can expand to gigabytes).
    static func inflate(_ compressed: [UInt8], path: String, limit: Int = maximumSize) throws -> [UInt8] {
        var stream = z_stream()
        // windowBits 16 + MAX_WBITS: accept only the gzip wrapper and check its CRC-32 and length.
        let initStatus = inflateInit2_(&stream, 16 + MAX_WBITS, zlibVersion(), Int32(MemoryLayout<z_stream>.size))
        guard initStatus == Z_OK else {
            throw IDXError.corruptGzip(path: path, reason: "zlib inflateInit2 failed (\(initStatus))")
        }
        defer { inflateEnd(&stream) }

        var output: [UInt8] = []
        // The gzip trailer stores the length modulo 2^32; for IDX files that is exact and
        // saves re-allocations, and the cap keeps a corrupt trailer from reserving gigabytes.
        if compressed.count >= 4 {
            let n = compressed.count
            let hint = Int(compressed[n - 4]) | Int(compressed[n - 3]) << 8
                | Int(compressed[n - 2]) << 16 | Int(compressed[n - 1]) << 24
            output.reserveCapacity(min(hint, limit))
        }
        let chunkSize = 1 << 20
        var chunk = [UInt8](repeating: 0, count: chunkSize)

        try compressed.withUnsafeBufferPointer { input in
            stream.next_in = UnsafeMutablePointer(mutating: input.baseAddress)
            stream.avail_in = UInt32(input.count)
            while true {
                let status: Int32 = chunk.withUnsafeMutableBufferPointer { buffer in
                    stream.next_out = buffer.baseAddress
                    stream.avail_out = UInt32(chunkSize)
                    return CZlib.inflate(&stream, Z_NO_FLUSH)
                }
                output.append(contentsOf: chunk[0..<(chunkSize - Int(stream.avail_out))])
                guard output.count <= limit else {
                    throw IDXError.corruptGzip(path: path, reason: "decompresses to more than \(limit >> 20) MiB, "
                                               + "far more than an MNIST-format file holds")
                }
                switch status {
                case Z_STREAM_END:
                    if stream.avail_in == 0 { return }
                    // Another gzip member follows; start it afresh.
                    guard inflateReset(&stream) == Z_OK else {
                        throw IDXError.corruptGzip(path: path, reason: "zlib inflateReset failed")
                    }
                case Z_OK:
                    continue
                case Z_BUF_ERROR where stream.avail_in == 0:
                    // No input left yet the member is unfinished: the file was cut short.
                    throw IDXError.corruptGzip(
                        path: path,
                        reason: "truncated: the \(compressed.count)-byte stream ends before its end marker "
                            + "(\(output.count) bytes decompressed so far)")
                default:
                    let message = stream.msg.map { String(cString: $0) } ?? "zlib error \(status)"
                    throw IDXError.corruptGzip(
                        path: path,
                        reason: "\(message) (after \(Int(stream.total_in)) compressed bytes)")
                }
            }
        }
        return output
    }
}
