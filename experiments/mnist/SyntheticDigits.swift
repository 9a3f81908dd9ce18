import Backprop
import Datasets
import Foundation

/// A stand-in for MNIST in quick runs (`--quick --synthetic`, or `--quick` on a machine
/// without the data and without a data directory named): ten classes of
/// 28 × 28 images, class k a thick bar through the centre at angle k · 18°, shifted by up
/// to 2 pixels, with noise. Only for smoke tests: it says nothing about MNIST.
enum SyntheticDigits {
    static func make(trainCount: Int, testCount: Int, using generator: inout SeededGenerator) throws -> MNISTData {
        func split(_ count: Int) throws -> IDXLabeledImages {
            var pixels: [UInt8] = []
            var labels: [UInt8] = []
            pixels.reserveCapacity(count * 784)
            for _ in 0..<count {
                let label = generator.integer(below: 10)
                labels.append(UInt8(label))
                let angle = Double(label) * Double.pi / 10
                let (dx, dy) = (generator.uniform(-2, 2), generator.uniform(-2, 2))
                for r in 0..<28 {
                    for c in 0..<28 {
                        let x = Double(c) - 13.5 - dx, y = Double(r) - 13.5 - dy
                        // Distance from the bar's axis, and position along it.
                        let across = abs(-sin(angle) * x + cos(angle) * y)
                        let along = abs(cos(angle) * x + sin(angle) * y)
                        let ink = across < 2.5 && along < 10 ? 0.9 : 0.0
                        let value = min(1, max(0, ink + 0.15 * generator.normal()))
                        pixels.append(UInt8((value * 255).rounded()))
                    }
                }
            }
            return try IDXLabeledImages(images: IDXImages(count: count, rows: 28, columns: 28, pixels: pixels),
                                        labels: IDXLabels(labels: labels))
        }
        return MNISTData(dataset: .mnist, train: try split(trainCount), test: try split(testCount))
    }
}
