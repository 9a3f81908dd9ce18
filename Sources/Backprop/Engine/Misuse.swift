/// Checks of how the library is used (shapes, call order, sizes) that stop the program with
/// their message in every build. `precondition` prints its message only in debug builds;
/// an optimised build would end a misuse with a bare "precondition failure". The message is
/// built only when the check fails.
enum Misuse {
    @inline(__always)
    static func check(_ condition: Bool, _ message: @autoclosure () -> String) {
        if _slowPath(!condition) { fail(message()) }
    }

    @inline(never)
    static func fail(_ message: String) -> Never {
        fatalError(message)
    }
}

extension Misuse {
    /// The checks every backward pass starts with: forward ran, and ∂L/∂output has the shape
    /// of the last output.
    @inline(__always)
    static func checkBackward<M: CustomStringConvertible, Scalar>(_ module: M, _ outputGradient: Matrix<Scalar>,
                                                                 lastOutput: Matrix<Scalar>) {
        if _slowPath(outputGradient.rows != lastOutput.rows || outputGradient.columns != lastOutput.columns) {
            failBackward(module, outputGradient.shape, lastOutput: lastOutput.shape)
        }
    }

    @inline(never)
    static func failBackward(_ module: CustomStringConvertible, _ gradient: Shape, lastOutput: Shape) -> Never {
        fail(lastOutput == Shape(0, 0) ? "\(module): backward called before forward"
                                      : "\(module): output gradient is \(gradient), the last output was \(lastOutput)")
    }
}
