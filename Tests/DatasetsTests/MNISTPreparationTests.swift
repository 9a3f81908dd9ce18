import Foundation
import XCTest
import Backprop
@testable import Datasets

/// IDX bytes → matrices, the notebook's seeded train/validation split, and accuracy.
final class MNISTPreparationTests: IDXTestCase {
    /// A handmade pair: three 2×2 images (pixels 0…255 including both ends), labels 5, 0, 9.
    private func handmadePair() throws -> IDXLabeledImages {
        let images = try write(IDXFixtures.images(count: 3, rows: 2, columns: 2, pixels: IDXFixtures.threeImagePixels),
                               to: "images-idx3-ubyte")
        let labels = try write(IDXFixtures.labels([5, 0, 9]), to: "labels-idx1-ubyte")
        return try IDXLabeledImages.read(images: images, labels: labels, maximumLabel: 9)
    }

    func testImagesBecomeRowsWithPixelsDividedBy255() throws {
        let pair = try handmadePair()
        let inputs: Matrix<Double> = pair.images.matrix()
        XCTAssertEqual(inputs.shape, Shape(3, 4))
        // Exact in Double: k/255 computed once per byte value, the same expression as here.
        XCTAssertEqual(inputs.elements, IDXFixtures.threeImagePixels.map { Double($0) / 255 })
        XCTAssertEqual(inputs[2, 0], 1)
        XCTAssertEqual(inputs[0, 0], 0)
        // Selected rows come in the order asked for.
        let picked: Matrix<Float> = pair.images.matrix(indices: [2, 0])
        XCTAssertEqual(picked.row(0), [255, 254, 128, 7].map { Float($0) / 255 })
        XCTAssertEqual(picked.row(1), [0, 1, 2, 3].map { Float($0) / 255 })
    }

    func testLabelsBecomeOneHotRows() throws {
        let pair = try handmadePair()
        let targets: Matrix<Float> = pair.labels.oneHot(classes: 10)
        XCTAssertEqual(targets.shape, Shape(3, 10))
        for (row, label) in [5, 0, 9].enumerated() {
            XCTAssertEqual(targets.row(row), (0..<10).map { $0 == label ? 1 : 0 }, "row \(row)")
        }
        let dataset = Dataset<Float>(name: "pair", images: pair, indices: [1, 2])
        XCTAssertEqual(dataset.classLabels, [0, 9])
        XCTAssertEqual(dataset.inputs.row(0), [10, 20, 30, 40].map { Float($0) / 255 })
    }

    func testPartitionIsASeededPermutationCutIntoDisjointParts() {
        var first = SeededGenerator(seed: 7), again = SeededGenerator(seed: 7), other = SeededGenerator(seed: 8)
        let a = MNISTSplit<Float>.partition(count: 600, trainCount: 500, validationCount: 100, using: &first)
        let b = MNISTSplit<Float>.partition(count: 600, trainCount: 500, validationCount: 100, using: &again)
        let c = MNISTSplit<Float>.partition(count: 600, trainCount: 500, validationCount: 100, using: &other)
        XCTAssertEqual(a.train, b.train)
        XCTAssertEqual(a.validation, b.validation)
        XCTAssertNotEqual(a.train, c.train, "another seed gives another split")
        XCTAssertEqual(a.train.count, 500)
        XCTAssertEqual(a.validation.count, 100)
        XCTAssertTrue(Set(a.train).isDisjoint(with: a.validation))
        XCTAssertEqual(Set(a.train + a.validation), Set(0..<600), "the parts cover every image once")
        XCTAssertNotEqual(a.train, Array(0..<500), "the order is shuffled, not the file order")
        // A subset (quick runs) is the first entries of the same permutation.
        var subset = SeededGenerator(seed: 7)
        let small = MNISTSplit<Float>.partition(count: 600, trainCount: 50, validationCount: 20, using: &subset)
        XCTAssertEqual(small.train, Array(a.train.prefix(50)))
    }

    func testSplitKeepsTestImagesApartInFileOrder() throws {
        var generator = SeededGenerator(seed: 1)
        let data = try Self.toyData(trainCount: 120, testCount: 30, using: &generator)
        let split = MNISTSplit<Float>(data, validationCount: 20, using: &generator)
        XCTAssertEqual(split.train.count, 100)
        XCTAssertEqual(split.validation.count, 20)
        XCTAssertEqual(split.test.count, 30)
        XCTAssertEqual(split.test.classLabels, data.test.labels.labels.map(Int.init))
        XCTAssertEqual(split.train.classLabels, split.trainIndices.map { Int(data.train.labels.labels[$0]) })
        XCTAssertEqual(split.validation.inputs.row(0), data.train.images.matrix(indices: [split.validationIndices[0]]).row(0))
    }

    /// Library level, no files: a few epochs of softmax regression on a tiny four-class
    /// image problem must lift validation accuracy from chance to nearly all correct.
    func testFewEpochsOnATinyImageProblemImproveAccuracy() throws {
        var generator = SeededGenerator(seed: 3)
        let data = try Self.toyData(trainCount: 400, testCount: 50, using: &generator)
        let split = MNISTSplit<Float>(data, validationCount: 100, using: &generator)
        // Ten outputs, as the split makes ten-column targets; only four classes occur.
        let network = Sequential<Float>([Linear(16, 10, using: &generator)])
        let before = accuracy(of: network.forward(split.validation.inputs), targets: split.validation.targets)
        let trainer = Trainer(model: network, loss: SoftmaxCrossEntropy(),
                              optimizer: SGD(parameters: network.parameters, learningRate: 0.5))
        let history = trainer.fit(split.train, configuration: TrainingConfiguration(epochs: 5, batchSize: 20), using: &generator)
        let after = accuracy(of: network.forward(split.validation.inputs), targets: split.validation.targets)
        XCTAssertFalse(history.diverged)
        XCTAssertLessThan(before, 0.6, "an untrained network is near chance")
        XCTAssertGreaterThan(after, 0.95)
        XCTAssertLessThan(history.epochLosses.last!, history.epochLosses.first!)
    }

    /// Four classes of 4×4 images: class k lights up row k (value ~200), noisy background.
    static func toyData(trainCount: Int, testCount: Int, using generator: inout SeededGenerator) throws -> MNISTData {
        func make(_ count: Int) throws -> IDXLabeledImages {
            var pixels: [UInt8] = [], labels: [UInt8] = []
            for _ in 0..<count {
                let label = generator.integer(below: 4)
                labels.append(UInt8(label))
                for r in 0..<4 {
                    for _ in 0..<4 {
                        pixels.append(UInt8((r == label ? 200 : 0) + generator.integer(below: 50)))
                    }
                }
            }
            return try IDXLabeledImages(images: IDXImages(count: count, rows: 4, columns: 4, pixels: pixels),
                                        labels: IDXLabels(labels: labels))
        }
        return MNISTData(dataset: .mnist, train: try make(trainCount), test: try make(testCount))
    }
}
