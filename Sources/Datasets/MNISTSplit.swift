import Backprop
/// An MNIST-format data set split as in notebook 004: a seeded permutation of the training
/// images, its first part for training and the rest for validation; the test images are
/// kept apart, in file order, and are never used to choose anything.
///
/// Shapes for the standard split: `train` 50,000, `validation` 10,000 and `test` 10,000
/// rows of `[784]` inputs in [0, 1] and `[10]` one-hot targets.
public struct MNISTSplit<Scalar: BLASScalar>: Sendable {
    public var train: Dataset<Scalar>
    public var validation: Dataset<Scalar>
    public var test: Dataset<Scalar>
    /// Indices into the training file of the `train` rows, in row order.
    public var trainIndices: [Int]
    /// Indices into the training file of the `validation` rows, in row order.
    public var validationIndices: [Int]

    /// Splits `data` with a permutation drawn from `generator`.
    ///
    /// - Parameters:
    ///   - trainCount: rows for training (default: everything not used for validation).
    ///   - validationCount: rows for validation; `trainCount + validationCount` must not
    ///     exceed the training images (fewer gives a subset, e.g. for quick runs).
    ///   - testCount: the first `testCount` test images (default: all).
    public init(_ data: MNISTData, trainCount: Int? = nil, validationCount: Int = 10_000, testCount: Int? = nil,
                using generator: inout SeededGenerator) {
        let available = data.train.count
        let trainCount = trainCount ?? (available - validationCount)
        let parts = MNISTSplit.partition(count: available, trainCount: trainCount,
                                         validationCount: validationCount, using: &generator)
        let testCount = min(testCount ?? data.test.count, data.test.count)
        trainIndices = parts.train
        validationIndices = parts.validation
        let name = data.dataset.rawValue
        train = Dataset(name: "\(name) train", images: data.train, indices: parts.train)
        validation = Dataset(name: "\(name) validation", images: data.train, indices: parts.validation)
        test = Dataset(name: "\(name) test", images: data.test, indices: 0..<testCount)
    }

    /// A seeded permutation of `0..<count` cut into a training part (its first `trainCount`
    /// entries) and a validation part (the next `validationCount`): disjoint, and the same
    /// for the same generator state.
    public static func partition(count: Int, trainCount: Int, validationCount: Int,
                                 using generator: inout SeededGenerator) -> (train: [Int], validation: [Int]) {
        Misuse.check(trainCount >= 0 && validationCount >= 0 && trainCount + validationCount <= count,
                     "MNISTSplit: \(trainCount) training + \(validationCount) validation rows do not fit in \(count) images")
        let permutation = generator.permutation(count)
        return (Array(permutation[0..<trainCount]),
                Array(permutation[trainCount..<(trainCount + validationCount)]))
    }
}
