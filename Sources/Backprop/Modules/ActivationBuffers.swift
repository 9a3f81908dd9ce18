/// The output and input-gradient buffers shared by the activations (element-wise and the
/// row-wise softmax), with their shape checks.
///
/// Buffers are reused from call to call, so a training loop with a fixed batch size
/// allocates nothing here after the first step. Kernels receive the row width, which
/// only the row-wise ones use.
struct ActivationBuffers<Scalar: BLASScalar> {
    private(set) var output = Matrix<Scalar>(rows: 0, columns: 0)
    private var inputGradient = Matrix<Scalar>(rows: 0, columns: 0)
    private var hasOutput = false

    mutating func forward(
        _ input: Matrix<Scalar>,
        _ kernel: (UnsafeBufferPointer<Scalar>, UnsafeMutableBufferPointer<Scalar>, Int) -> Void
    ) -> Matrix<Scalar> {
        output.reshape(rows: input.rows, columns: input.columns)
        input.elements.withUnsafeBufferPointer { x in
            output.elements.withUnsafeMutableBufferPointer { y in kernel(x, y, input.columns) }
        }
        hasOutput = true
        return output
    }

    mutating func backward(
        _ outputGradient: Matrix<Scalar>, module: String,
        _ kernel: (UnsafeBufferPointer<Scalar>, UnsafeBufferPointer<Scalar>, UnsafeMutableBufferPointer<Scalar>, Int) -> Void
    ) -> Matrix<Scalar> {
        precondition(hasOutput, "\(module): backward called before forward")
        precondition(outputGradient.shape == output.shape,
                     "\(module): output gradient is \(outputGradient.shape), the last output was \(output.shape)")
        inputGradient.reshape(rows: output.rows, columns: output.columns)
        output.elements.withUnsafeBufferPointer { y in
            outputGradient.elements.withUnsafeBufferPointer { dy in
                inputGradient.elements.withUnsafeMutableBufferPointer { dx in kernel(y, dy, dx, output.columns) }
            }
        }
        return inputGradient
    }
}
