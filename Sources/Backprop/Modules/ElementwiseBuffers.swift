/// The output and input-gradient buffers shared by the element-wise activations.
///
/// Buffers are reused from call to call, so a training loop with a fixed batch size
/// allocates nothing here after the first step.
struct ElementwiseBuffers<Scalar: BLASScalar> {
    private(set) var output = Matrix<Scalar>(rows: 0, columns: 0)
    private var inputGradient = Matrix<Scalar>(rows: 0, columns: 0)
    private var hasOutput = false

    mutating func forward(
        _ input: Matrix<Scalar>,
        _ kernel: (UnsafeBufferPointer<Scalar>, UnsafeMutableBufferPointer<Scalar>) -> Void
    ) -> Matrix<Scalar> {
        output.reshape(rows: input.rows, columns: input.columns)
        input.elements.withUnsafeBufferPointer { x in
            output.elements.withUnsafeMutableBufferPointer { y in kernel(x, y) }
        }
        hasOutput = true
        return output
    }

    mutating func backward(
        _ outputGradient: Matrix<Scalar>, module: String,
        _ kernel: (UnsafeBufferPointer<Scalar>, UnsafeBufferPointer<Scalar>, UnsafeMutableBufferPointer<Scalar>) -> Void
    ) -> Matrix<Scalar> {
        precondition(hasOutput, "\(module): backward called before forward")
        precondition(outputGradient.shape == output.shape,
                     "\(module): output gradient is \(outputGradient.shape), the last output was \(output.shape)")
        inputGradient.reshape(rows: output.rows, columns: output.columns)
        output.elements.withUnsafeBufferPointer { y in
            outputGradient.elements.withUnsafeBufferPointer { dy in
                inputGradient.elements.withUnsafeMutableBufferPointer { dx in kernel(y, dy, dx) }
            }
        }
        return inputGradient
    }
}
