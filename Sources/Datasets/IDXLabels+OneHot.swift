import Backprop
extension IDXLabels {
    /// The labels at `indices` as one-hot rows: row i is 1 in column `labels[indices[i]]`
    /// and 0 elsewhere.
    ///
    /// Shape: `[indices.count × classes]`. Every selected label must be below `classes`.
    public func oneHot<Scalar: BLASScalar, Indices: Collection<Int>>(
        indices: Indices, classes: Int = 10, as _: Scalar.Type = Scalar.self
    ) -> Matrix<Scalar> {
        Misuse.check(classes > 0, "IDXLabels.oneHot: need at least one class, got \(classes)")
        var result = Matrix<Scalar>(rows: indices.count, columns: classes)
        for (row, index) in indices.enumerated() {
            Misuse.check(index >= 0 && index < count, "IDXLabels: label \(index) out of 0..<\(count)")
            let label = Int(labels[index])
            Misuse.check(label < classes, "IDXLabels.oneHot: label \(label) at index \(index) is not below \(classes) classes")
            result[row, label] = 1
        }
        return result
    }

    /// Every label as a one-hot row, in file order: `[count × classes]`.
    public func oneHot<Scalar: BLASScalar>(classes: Int = 10, as type: Scalar.Type = Scalar.self) -> Matrix<Scalar> {
        oneHot(indices: 0..<count, classes: classes, as: type)
    }
}
