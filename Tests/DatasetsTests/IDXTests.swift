import Foundation
import XCTest
import Backprop
@testable import Datasets

final class IDXTests: IDXTestCase {
    // MARK: Valid files

    func testThreeImageFileReadsBackExactlyRawAndGzipped() throws {
        let bytes = IDXFixtures.images(count: 3, rows: 2, columns: 2, pixels: IDXFixtures.threeImagePixels)
        let expected = IDXImages(count: 3, rows: 2, columns: 2, pixels: IDXFixtures.threeImagePixels)
        let gzipped = IDXFixtures.gzip(bytes)
        XCTAssertEqual(Array(gzipped.prefix(2)), [0x1f, 0x8b])

        XCTAssertEqual(try IDXImages.read(from: write(bytes, to: "images-idx3-ubyte")), expected)
        XCTAssertEqual(try IDXImages.read(from: write(gzipped, to: "images-idx3-ubyte.gz")), expected)
        // The magic bytes decide, not the name.
        XCTAssertEqual(try IDXImages.read(from: write(gzipped, to: "renamed-idx3-ubyte")), expected)

        XCTAssertEqual(Array(expected.image(1)), [10, 20, 30, 40])
        XCTAssertEqual(expected.pixelsPerImage, 4)
    }

    func testLabelsReadBackExactlyRawAndGzipped() throws {
        let bytes = IDXFixtures.labels([5, 0, 9])
        let raw = try IDXLabels.read(from: write(bytes, to: "labels-idx1-ubyte"), maximumLabel: 9)
        let gzipped = try IDXLabels.read(from: write(IDXFixtures.gzip(bytes), to: "labels-idx1-ubyte.gz"))
        XCTAssertEqual(raw.labels, [5, 0, 9])
        XCTAssertEqual(gzipped, raw)
        XCTAssertEqual(raw.histogram(), [1, 0, 0, 0, 0, 1, 0, 0, 0, 1])
    }

    func testConcatenatedGzipMembersAreJoinedLikeGunzip() throws {
        let bytes = IDXFixtures.labels([1, 2, 3, 4])
        let split = IDXFixtures.gzip(Array(bytes[0..<5])) + IDXFixtures.gzip(Array(bytes[5...]))
        XCTAssertEqual(try IDXLabels.read(from: write(split, to: "two-members.gz")).labels, [1, 2, 3, 4])
    }

    func testZeroImagesIsValid() throws {
        let url = try write(IDXFixtures.images(count: 0, rows: 28, columns: 28, pixels: []), to: "none")
        let images = try IDXImages.read(from: url)
        XCTAssertEqual(images.count, 0)
        XCTAssertEqual(images.rows, 28)
    }

    func testPairWithEqualCountsLoads() throws {
        let images = try write(IDXFixtures.images(count: 3, rows: 2, columns: 2,
                                                  pixels: IDXFixtures.threeImagePixels), to: "i")
        let labels = try write(IDXFixtures.labels([7, 8, 9]), to: "l")
        let pair = try IDXLabeledImages.read(images: images, labels: labels, maximumLabel: 9)
        XCTAssertEqual(pair.count, 3)
        XCTAssertEqual(pair.labels.labels, [7, 8, 9])
    }

    // MARK: File-level failures

    func testMissingFile() {
        let url = directory.appendingPathComponent("absent-idx3-ubyte")
        assertIDXError(try IDXImages.read(from: url), fragments: ["absent-idx3-ubyte", "no such file"]) {
            if case .missing = $0 { return true } else { return false }
        }
    }

    func testDirectoryIsUnreadable() throws {
        let url = directory.appendingPathComponent("a-directory")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: false)
        assertIDXError(try IDXLabels.read(from: url), fragments: ["a-directory", "directory"]) {
            if case .unreadable = $0 { return true } else { return false }
        }
    }

    func testEmptyFile() throws {
        let url = try write([], to: "empty-idx1-ubyte")
        assertIDXError(try IDXLabels.read(from: url), fragments: ["empty-idx1-ubyte", "empty"]) {
            $0 == .empty(path: url.path)
        }
    }

    func testShorterThanHeader() throws {
        let url = try write(Array(IDXFixtures.images(count: 3, rows: 2, columns: 2, pixels: []).prefix(10)),
                            to: "short-idx3-ubyte")
        assertIDXError(try IDXImages.read(from: url), fragments: ["short-idx3-ubyte", "10 bytes", "16-byte"]) {
            $0 == .shorterThanHeader(path: url.path, headerBytes: 16, actualBytes: 10)
        }
    }

    // MARK: Header and payload

    func testLabelsFileGivenWhereImagesExpected() throws {
        let url = try write(IDXFixtures.labels([1, 2, 3, 4, 5, 6, 7, 8, 9]), to: "train-labels-idx1-ubyte")
        assertIDXError(try IDXImages.read(from: url),
                       fragments: ["train-labels-idx1-ubyte", "labels file given where images expected",
                                   "0x00000803", "0x00000801"]) {
            $0 == .wrongMagic(path: url.path, expected: 0x803, found: 0x801)
        }
    }

    func testImagesFileGivenWhereLabelsExpected() throws {
        let url = try write(IDXFixtures.images(count: 3, rows: 2, columns: 2, pixels: IDXFixtures.threeImagePixels),
                            to: "images-as-labels")
        assertIDXError(try IDXLabels.read(from: url),
                       fragments: ["images-as-labels", "images file given where labels expected"]) {
            $0 == .wrongMagic(path: url.path, expected: 0x801, found: 0x803)
        }
    }

    func testNotAnIDXFileAtAll() throws {
        let url = try write(Array("hello, world, this is text".utf8), to: "notes.txt")
        assertIDXError(try IDXImages.read(from: url), fragments: ["notes.txt", "not an IDX images file"]) {
            if case .wrongMagic = $0 { return true } else { return false }
        }
    }

    func testTruncatedData() throws {
        let pixels = Array(IDXFixtures.threeImagePixels.dropLast())
        let url = try write(IDXFixtures.images(count: 3, rows: 2, columns: 2, pixels: pixels), to: "cut-idx3-ubyte")
        assertIDXError(try IDXImages.read(from: url), fragments: ["cut-idx3-ubyte", "truncated", "12", "11"]) {
            $0 == .dataLengthMismatch(path: url.path, expectedBytes: 12, actualBytes: 11)
        }
    }

    func testHeaderClaimsMoreThanPresent() throws {
        let url = try write(IDXFixtures.labels([1, 2, 3], claimedCount: 60_000), to: "claims-idx1-ubyte")
        assertIDXError(try IDXLabels.read(from: url), fragments: ["claims-idx1-ubyte", "60000", "3"]) {
            $0 == .dataLengthMismatch(path: url.path, expectedBytes: 60_000, actualBytes: 3)
        }
    }

    func testDataLongerThanHeaderSays() throws {
        let url = try write(IDXFixtures.images(count: 2, rows: 2, columns: 2, pixels: IDXFixtures.threeImagePixels),
                            to: "long-idx3-ubyte")
        assertIDXError(try IDXImages.read(from: url), fragments: ["long-idx3-ubyte", "trailing", "8", "12"]) {
            $0 == .dataLengthMismatch(path: url.path, expectedBytes: 8, actualBytes: 12)
        }
    }

    func testOverflowingDimensionsAreImplausible() throws {
        let url = try write(IDXFixtures.images(count: .max, rows: .max, columns: .max, pixels: [1]), to: "huge")
        assertIDXError(try IDXImages.read(from: url), fragments: ["huge", "overflow"]) {
            if case .implausibleHeader = $0 { return true } else { return false }
        }
    }

    func testLabelAboveNine() throws {
        let url = try write(IDXFixtures.labels([3, 1, 12, 4]), to: "bad-labels-idx1-ubyte")
        assertIDXError(try IDXLabels.read(from: url, maximumLabel: 9),
                       fragments: ["bad-labels-idx1-ubyte", "label 12", "index 2"]) {
            $0 == .labelOutOfRange(path: url.path, index: 2, value: 12, maximum: 9)
        }
        XCTAssertEqual(try IDXLabels.read(from: url).labels, [3, 1, 12, 4], "no maximum, no check")
    }

    func testImageAndLabelCountsDisagree() throws {
        let images = try write(IDXFixtures.images(count: 3, rows: 2, columns: 2,
                                                  pixels: IDXFixtures.threeImagePixels), to: "three-images")
        let labels = try write(IDXFixtures.labels([1, 2]), to: "two-labels")
        assertIDXError(try IDXLabeledImages.read(images: images, labels: labels),
                       fragments: ["three-images", "two-labels", "3 images", "2 labels"]) {
            $0 == .countMismatch(imagesPath: images.path, imageCount: 3, labelsPath: labels.path, labelCount: 2)
        }
    }

    // MARK: Gzip

    func testGzSuffixWithoutGzipMagic() throws {
        let url = try write(IDXFixtures.labels([1, 2, 3]), to: "plain-idx1-ubyte.gz")
        assertIDXError(try IDXLabels.read(from: url), fragments: ["plain-idx1-ubyte.gz", "not gzip"]) {
            $0 == .notGzip(path: url.path)
        }
    }

    func testTruncatedGzipStream() throws {
        let bytes = IDXFixtures.images(count: 3, rows: 2, columns: 2, pixels: IDXFixtures.threeImagePixels)
        let gzipped = IDXFixtures.gzip(bytes)
        let url = try write(Array(gzipped.dropLast(10)), to: "cut-idx3-ubyte.gz")
        assertIDXError(try IDXImages.read(from: url), fragments: ["cut-idx3-ubyte.gz", "truncated"]) {
            if case .corruptGzip = $0 { return true } else { return false }
        }
    }

    func testCorruptGzipStream() throws {
        var gzipped = IDXFixtures.gzip(IDXFixtures.labels(Array(repeating: 3, count: 200)))
        // Damage the CRC-32 in the trailer, which zlib always checks.
        gzipped[gzipped.count - 6] ^= 0xFF
        let url = try write(gzipped, to: "damaged-idx1-ubyte.gz")
        assertIDXError(try IDXLabels.read(from: url), fragments: ["damaged-idx1-ubyte.gz", "corrupt gzip"]) {
            if case .corruptGzip = $0 { return true } else { return false }
        }
    }

    func testGzipOfNothingIsEmpty() throws {
        let url = try write(IDXFixtures.gzip([]), to: "nothing.gz")
        assertIDXError(try IDXLabels.read(from: url), fragments: ["nothing.gz", "empty"]) {
            $0 == .empty(path: url.path)
        }
    }
}
