import CCairo
import XCTest
@testable import Plot

/// Plot's PNG reader: the pixels Cairo wrote, in one layout, and a cause for every failure.
final class PNGImageTests: XCTestCase {
    private var directory: URL!

    override func setUpWithError() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("png-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: directory)
    }

    /// Four pixels written by Cairo (ARGB32): opaque red, opaque mid-grey, half-transparent
    /// black, fully transparent.
    private func writeFourPixels() throws -> URL {
        let surface = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, 4, 1)
        let context = cairo_create(surface)
        cairo_set_operator(context, CAIRO_OPERATOR_SOURCE)
        for (x, rgba) in [(1.0, 0.0, 0.0, 1.0), (0.5, 0.5, 0.5, 1.0), (0.0, 0.0, 0.0, 0.5), (0.0, 0.0, 0.0, 0.0)].enumerated() {
            cairo_set_source_rgba(context, rgba.0, rgba.1, rgba.2, rgba.3)
            cairo_rectangle(context, Double(x), 0, 1, 1)
            cairo_fill(context)
        }
        cairo_destroy(context)
        let url = directory.appendingPathComponent("four.png")
        XCTAssertEqual(cairo_surface_write_to_png(surface, url.path), CAIRO_STATUS_SUCCESS)
        cairo_surface_destroy(surface)
        return url
    }

    func testReadsColourGreyAndTransparencyAsWritten() throws {
        let image = try PNGImage(contentsOf: try writeFourPixels())
        XCTAssertEqual(image.width, 4)
        XCTAssertEqual(image.height, 1)
        XCTAssertTrue(image.rgba(x: 0, y: 0) == (255, 0, 0, 255))
        XCTAssertEqual(Int(image.rgba(x: 1, y: 0).red), 128, accuracy: 1)
        XCTAssertEqual(Int(image.rgba(x: 2, y: 0).alpha), 128, accuracy: 1)
        XCTAssertEqual(image.rgba(x: 3, y: 0).alpha, 0)
        // Grey over white: BT.601 luminance of red; transparency shows the white paper.
        let grey = image.greyOverWhite
        XCTAssertEqual(grey[0], 0.299, accuracy: 1e-9)
        XCTAssertEqual(grey[1], 128.0 / 255, accuracy: 1.0 / 255)
        XCTAssertEqual(grey[2], 0.5, accuracy: 1.0 / 255)
        XCTAssertEqual(grey[3], 1, accuracy: 1e-12)
    }

    func testFailuresNameTheFileAndTheCause() throws {
        let valid = try Array(Data(contentsOf: try writeFourPixels()))
        var badCRC = valid
        badCRC[8 + 8 + 13] ^= 0xFF
        let cases: [(bytes: [UInt8], reason: String)] = [
            ([], "the file is empty (0 bytes)"),
            ([0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10] + Array("JFIF".utf8), "not a PNG file: it is a JPEG image"),
            (Array("GIF89a".utf8) + [0, 0], "not a PNG file: it is a GIF image"),
            (Array("hello, world".utf8), "not a PNG file: it starts with 68 65 6C 6C 6F 2C 20 77, not PNG's signature 89 50 4E 47 0D 0A 1A 0A"),
            (Array(valid.prefix(4)), "truncated: only 4 bytes, not even PNG's 8-byte signature"),
            (Array(valid.prefix(20)), "truncated: the file ends after 20 bytes, inside its 'IHDR' chunk of 13 bytes at byte 8"),
            (Array(valid.dropLast(12)), "truncated: the file ends after \(valid.count - 12) bytes, before its IEND chunk"),
            (badCRC, "corrupt PNG (IHDR: CRC error)"),
        ]
        for (index, (bytes, reason)) in cases.enumerated() {
            let url = directory.appendingPathComponent("case-\(index).png")
            try Data(bytes).write(to: url)
            XCTAssertThrowsError(try PNGImage(contentsOf: url)) { error in
                XCTAssertEqual((error as? PNGReadError)?.description, "\(url.path): \(reason)")
            }
        }
        XCTAssertThrowsError(try PNGImage(contentsOf: directory)) { error in
            XCTAssertEqual((error as? PNGReadError)?.reason, "is a directory, not a file")
        }
        XCTAssertThrowsError(try PNGImage(contentsOf: directory.appendingPathComponent("none.png"))) { error in
            XCTAssertEqual((error as? PNGReadError)?.reason, "No such file or directory")
        }
    }
}
