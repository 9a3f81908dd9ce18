import Backprop
import Foundation

/// Images and their labels, read as a pair and checked to agree.
///
/// Shape: `images.count == labels.count`; `labels.labels[i]` is the class of `images.image(i)`.
public struct IDXLabeledImages: Sendable, Equatable {
    /// The images, `count × rows × columns` bytes.
    public let images: IDXImages
    /// One label per image.
    public let labels: IDXLabels

    /// Number of examples (images, and equally labels).
    public var count: Int { images.count }

    /// Pairs images and labels; throws `IDXError.countMismatch` when their counts differ.
    ///
    /// `imagesPath` and `labelsPath` only label that error.
    public init(images: IDXImages, labels: IDXLabels,
                imagesPath: String = "images", labelsPath: String = "labels") throws {
        guard images.count == labels.count else {
            throw IDXError.countMismatch(imagesPath: imagesPath, imageCount: images.count,
                                         labelsPath: labelsPath, labelCount: labels.count)
        }
        self.images = images
        self.labels = labels
    }

    /// Reads an `idx3-ubyte` and an `idx1-ubyte` file (each raw or gzip) and checks they agree.
    ///
    /// - Throws: any `IDXError` of either file, or `.countMismatch` naming both paths.
    public static func read(images imagesURL: URL, labels labelsURL: URL,
                            maximumLabel: UInt8 = .max) throws -> IDXLabeledImages {
        let images = try IDXImages.read(from: imagesURL)
        let labels = try IDXLabels.read(from: labelsURL, maximumLabel: maximumLabel)
        return try IDXLabeledImages(images: images, labels: labels,
                                    imagesPath: imagesURL.path, labelsPath: labelsURL.path)
    }
}
