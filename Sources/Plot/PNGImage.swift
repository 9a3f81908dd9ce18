import CPNG
import Foundation

/// A PNG file's pixels: `width × height` RGBA, 8 bits per channel, row-major from the top
/// left, not premultiplied. Every kind of PNG (grey, palette, 16-bit, with or without
/// alpha) is converted to this one layout by libpng.
///
/// ```swift
/// let image = try PNGImage(contentsOf: URL(fileURLWithPath: "digit.png"))
/// let (red, green, blue, alpha) = image.rgba(x: 0, y: 0)
/// ```
///
/// A file that is not a readable PNG throws ``PNGReadError`` naming the file and the
/// cause: empty, another format (a JPEG renamed `.png`), truncated, a bad CRC, an image
/// too large to hold.
public struct PNGImage: Sendable {
    public let width: Int
    public let height: Int
    /// Four bytes per pixel (red, green, blue, alpha), `width × height × 4` in all.
    public let rgba: [UInt8]

    /// The most pixels an image may have: 64 Mi, 256 MiB of RGBA. A PNG header can announce
    /// 2³¹ × 2³¹ pixels in a file of a few bytes.
    public static let maximumPixels = 1 << 26

    /// PNG's eight-byte signature.
    static let signature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]

    /// Reads the PNG file at `url`.
    public init(contentsOf url: URL) throws(PNGReadError) {
        let descriptor = open(url.path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw PNGReadError(url, String(cString: strerror(errno))) }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else { throw PNGReadError(url, String(cString: strerror(errno))) }
        guard (status.st_mode & S_IFMT) == S_IFREG else {
            throw PNGReadError(url, (status.st_mode & S_IFMT) == S_IFDIR ? "is a directory, not a file" : "is not a regular file")
        }
        var bytes = [UInt8](repeating: 0, count: Int(status.st_size))
        var offset = 0
        while offset < bytes.count {
            let count = bytes.withUnsafeMutableBytes { read(descriptor, $0.baseAddress! + offset, $0.count - offset) }
            if count < 0 && errno == EINTR { continue }
            guard count >= 0 else { throw PNGReadError(url, String(cString: strerror(errno))) }
            if count == 0 { break }
            offset += count
        }
        try self.init(bytes: Array(bytes[0..<offset]), url: url)
    }

    /// Decodes PNG bytes; `url` names the source in errors.
    public init(bytes: [UInt8], url: URL) throws(PNGReadError) {
        let (width, height) = try Self.checkStructure(bytes, url: url)
        let (pixelCount, overflow) = width.multipliedReportingOverflow(by: height)
        guard !overflow, pixelCount <= Self.maximumPixels else {
            throw PNGReadError(url, "the image is \(width)×\(height) pixels; this reader holds at most \(Self.maximumPixels >> 20) Mi pixels")
        }
        var image = png_image()
        image.version = UInt32(PNG_IMAGE_VERSION)
        let begun = bytes.withUnsafeBytes { png_image_begin_read_from_memory(&image, $0.baseAddress, $0.count) }
        guard begun != 0 else { throw PNGReadError(url, "corrupt PNG (\(Self.message(of: &image)))") }
        image.format = cpng_format_rgba
        var pixels = [UInt8](repeating: 0, count: Int(image.width) * Int(image.height) * 4)
        // libpng frees its state itself when finishing, whether or not it succeeds.
        let finished = pixels.withUnsafeMutableBytes { png_image_finish_read(&image, nil, $0.baseAddress, 0, nil) }
        guard finished != 0 else { throw PNGReadError(url, "corrupt PNG (\(Self.message(of: &image)))") }
        self.width = Int(image.width)
        self.height = Int(image.height)
        rgba = pixels
    }

    /// The pixel at column `x`, row `y` (0 at the top), each channel 0...255.
    public func rgba(x: Int, y: Int) -> (red: UInt8, green: UInt8, blue: UInt8, alpha: UInt8) {
        let index = 4 * (y * width + x)
        return (rgba[index], rgba[index + 1], rgba[index + 2], rgba[index + 3])
    }

    /// Grey levels, row-major, 0 = black and 1 = white: colour reduced to luminance
    /// (ITU-R BT.601 weights, as MNIST's scans), transparency composited over white, so a
    /// transparent background counts as paper.
    public var greyOverWhite: [Double] {
        (0..<(width * height)).map { pixel in
            let index = 4 * pixel
            let alpha = Double(rgba[index + 3]) / 255
            let luminance = (0.299 * Double(rgba[index]) + 0.587 * Double(rgba[index + 1]) + 0.114 * Double(rgba[index + 2])) / 255
            return luminance * alpha + (1 - alpha)
        }
    }

    /// Checks what libpng reports vaguely or not at all: an empty file, another format,
    /// a file cut short. Returns the size the header announces.
    static func checkStructure(_ bytes: [UInt8], url: URL) throws(PNGReadError) -> (width: Int, height: Int) {
        guard !bytes.isEmpty else { throw PNGReadError(url, "the file is empty (0 bytes)") }
        guard bytes.starts(with: signature) else {
            if signature.starts(with: bytes) { throw PNGReadError(url, "truncated: only \(bytes.count) bytes, not even PNG's 8-byte signature") }
            throw PNGReadError(url, "not a PNG file: \(formatGuess(bytes))")
        }
        var offset = signature.count, width = 0, height = 0
        while true {
            guard offset + 8 <= bytes.count else {
                throw PNGReadError(url, "truncated: the file ends after \(bytes.count) bytes, before its IEND chunk")
            }
            let length = Int(bigEndian32(bytes, offset))
            let type = String(decoding: bytes[(offset + 4)..<(offset + 8)], as: UTF8.self)
            guard length <= Int(Int32.max) else { throw PNGReadError(url, "corrupt PNG: chunk '\(type)' at byte \(offset) announces \(length) bytes") }
            guard offset + 12 + length <= bytes.count else {
                throw PNGReadError(url, "truncated: the file ends after \(bytes.count) bytes, inside its '\(type)' chunk of \(length) bytes at byte \(offset)")
            }
            if offset == signature.count {
                guard type == "IHDR", length == 13 else { throw PNGReadError(url, "corrupt PNG: the first chunk is '\(type)', not the 13-byte IHDR") }
                width = Int(bigEndian32(bytes, offset + 8))
                height = Int(bigEndian32(bytes, offset + 12))
                guard width > 0, height > 0 else { throw PNGReadError(url, "corrupt PNG: the header announces \(width)×\(height) pixels") }
            }
            if type == "IEND" { return (width, height) }
            offset += 12 + length
        }
    }

    /// What the first bytes of a file that is not a PNG suggest it is.
    static func formatGuess(_ bytes: [UInt8]) -> String {
        let known: [(prefix: [UInt8], name: String)] = [
            ([0xFF, 0xD8, 0xFF], "a JPEG image"), (Array("GIF8".utf8), "a GIF image"), (Array("BM".utf8), "a BMP image"),
            (Array("%PDF".utf8), "a PDF document"), ([0x1F, 0x8B], "gzip data"), ([0x49, 0x49, 0x2A, 0x00], "a TIFF image"),
            ([0x4D, 0x4D, 0x00, 0x2A], "a TIFF image"), (Array("<svg".utf8), "an SVG image"), (Array("<?xml".utf8), "an XML file"),
        ]
        if bytes.count >= 12, bytes.starts(with: Array("RIFF".utf8)), Array(bytes[8..<12]) == Array("WEBP".utf8) {
            return "it is a WebP image"
        }
        if let match = known.first(where: { bytes.starts(with: $0.prefix) }) { return "it is \(match.name)" }
        let head = bytes.prefix(8).map { String(format: "%02X", $0) }.joined(separator: " ")
        return "it starts with \(head), not PNG's signature 89 50 4E 47 0D 0A 1A 0A"
    }

    static func bigEndian32(_ bytes: [UInt8], _ offset: Int) -> UInt32 {
        UInt32(bytes[offset]) << 24 | UInt32(bytes[offset + 1]) << 16 | UInt32(bytes[offset + 2]) << 8 | UInt32(bytes[offset + 3])
    }

    /// libpng's message for a failed read (a C array of 64 characters).
    static func message(of image: inout png_image) -> String {
        withUnsafeBytes(of: &image.message) { buffer in
            String(decoding: buffer.prefix { $0 != 0 }, as: UTF8.self)
        }
    }
}

/// Why a PNG could not be read: the file and the cause.
public struct PNGReadError: Error, CustomStringConvertible, LocalizedError {
    /// The file that was read.
    public let url: URL
    /// What is wrong with it.
    public let reason: String

    public init(_ url: URL, _ reason: String) {
        self.url = url
        self.reason = reason
    }

    public var description: String { "\(url.path): \(reason)" }
    public var errorDescription: String? { description }
}
