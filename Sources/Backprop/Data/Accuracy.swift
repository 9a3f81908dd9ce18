/// The class each row of `scores` stands for: the column of its largest score (ties go to the
/// lowest column) or, with a single column (one sigmoid output, p(y = 1)), 1 where the
/// score is at least ½ and 0 elsewhere. `[samples × classes]` → `[samples]`.
public func classes<Scalar: BLASScalar>(of scores: Matrix<Scalar>) -> [Int] {
    scores.columns == 1 ? scores.elements.map { $0 >= Scalar(0.5) ? 1 : 0 } : scores.argmaxPerRow()
}

/// The fraction of predictions equal to their label, in [0, 1]; 0 for no samples.
/// Both `[samples]`.
public func accuracy(predictions: [Int], labels: [Int]) -> Double {
    Misuse.check(predictions.count == labels.count, "accuracy: \(predictions.count) predictions but \(labels.count) labels")
    guard !labels.isEmpty else { return 0 }
    let correct = zip(predictions, labels).reduce(0) { $0 + ($1.0 == $1.1 ? 1 : 0) }
    return Double(correct) / Double(labels.count)
}

/// The fraction of rows whose class (see ``classes(of:)``) is their label, in [0, 1].
///
/// - Parameters:
///   - scores: `[samples × classes]`: probabilities, logits or any scores whose argmax is the
///     predicted class, or `[samples × 1]` probabilities of class 1.
///   - labels: `[samples]` true classes, each in `0..<classes` (0 or 1 for one column).
/// - Returns: correct / samples, or 0 for no samples.
public func accuracy<Scalar: BLASScalar>(of scores: Matrix<Scalar>, labels: [Int]) -> Double {
    Misuse.check(scores.rows == labels.count, "accuracy: \(scores.rows) score rows but \(labels.count) labels")
    return accuracy(predictions: classes(of: scores), labels: labels)
}

/// The accuracy of `scores` against targets of the same shape, one-hot rows or a column of
/// 0/1 labels: each target row's class is found as a prediction's is. Shapes: both
/// `[samples × classes]`.
public func accuracy<Scalar: BLASScalar>(of scores: Matrix<Scalar>, targets: Matrix<Scalar>) -> Double {
    Misuse.check(scores.shape == targets.shape, "accuracy: scores are \(scores.shape), targets \(targets.shape)")
    return accuracy(of: scores, labels: classes(of: targets))
}
