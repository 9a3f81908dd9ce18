import Backprop
extension Dataset {
    /// Labelled images as a classification data set: inputs are the flattened images with
    /// pixels in [0, 1], targets the one-hot labels.
    ///
    /// Shapes: inputs `[indices.count × (rows · columns)]`, targets `[indices.count × classes]`;
    /// row i is example `indices[i]` of `images`.
    public init<Indices: Collection<Int>>(name: String, images: IDXLabeledImages, indices: Indices, classes: Int = 10) {
        self.init(name: name,
                  inputs: images.images.matrix(indices: indices),
                  targets: images.labels.oneHot(indices: indices, classes: classes))
    }
}
