/// The fraction of rows whose largest score is at the column of their label, in [0, 1].
///
/// - Parameters:
///   - scores: `[samples × classes]`: probabilities, logits or any scores whose argmax is the
///     predicted class (ties go to the lowest column).
///   - labels: `[samples]` true classes, each in `0..<classes`.
/// - Returns: correct / samples, or 0 for no samples.
public func accuracy<Scalar: BLASScalar>(of scores: Matrix<Scalar>, labels: [Int]) -> Double {
    Misuse.check(scores.rows == labels.count, "accuracy: \(scores.rows) score rows but \(labels.count) labels")
    guard !labels.isEmpty else { return 0 }
    let correct = zip(scores.argmaxPerRow(), labels).reduce(0) { $0 + ($1.0 == $1.1 ? 1 : 0) }
    return Double(correct) / Double(labels.count)
}

/// The accuracy of `scores` against one-hot (or any) targets of the same shape: the class
/// of a target row is its argmax. Shapes: both `[samples × classes]`.
public func accuracy<Scalar: BLASScalar>(of scores: Matrix<Scalar>, targets: Matrix<Scalar>) -> Double {
    Misuse.check(scores.shape == targets.shape, "accuracy: scores are \(scores.shape), targets \(targets.shape)")
    return accuracy(of: scores, labels: targets.argmaxPerRow())
}
