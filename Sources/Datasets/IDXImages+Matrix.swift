import Backprop
extension IDXImages {
    /// The images at `indices`, in that order, one flattened image per row with pixels
    /// scaled from 0...255 to [0, 1] (0 stays the background).
    ///
    /// Shape: `[indices.count × (rows · columns)]`; element (i, r · columns + c) is pixel
    /// (r, c) of image `indices[i]` divided by 255.
    public func matrix<Scalar: BLASScalar, Indices: Collection<Int>>(
        indices: Indices, as _: Scalar.Type = Scalar.self
    ) -> Matrix<Scalar> {
        let width = pixelsPerImage
        var elements = [Scalar](repeating: 0, count: indices.count * width)
        // A table of the 256 possible values: one lookup per pixel instead of a division.
        let scaled = (0...255).map { Scalar($0) / 255 }
        pixels.withUnsafeBufferPointer { source in
            elements.withUnsafeMutableBufferPointer { target in
                for (row, index) in indices.enumerated() {
                    Misuse.check(index >= 0 && index < count, "IDXImages: image \(index) out of 0..<\(count)")
                    let from = index * width, to = row * width
                    for k in 0..<width { target[to + k] = scaled[Int(source[from + k])] }
                }
            }
        }
        return Matrix(rows: indices.count, columns: width, elements: elements)
    }

    /// Every image, in file order: `[count × (rows · columns)]`, pixels in [0, 1].
    public func matrix<Scalar: BLASScalar>(as type: Scalar.Type = Scalar.self) -> Matrix<Scalar> {
        matrix(indices: 0..<count, as: type)
    }
}
