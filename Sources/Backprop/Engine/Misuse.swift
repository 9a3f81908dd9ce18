/// Checks of how the library is used (shapes, call order, sizes) that stop the program with
/// their message in every build. `precondition` prints its message only in debug builds;
/// an optimised build would end a misuse with a bare "precondition failure". The message is
/// built only when the check fails. Public so that the targets built on the library
/// (Datasets) check their callers the same way.
///
/// ```swift
/// Misuse.check(classes > 0, "IDXLabels.oneHot: need at least one class, got \(classes)")
/// ```
public enum Misuse {
    /// Stops the program with `message` when `condition` is false, in every build.
    @inlinable @inline(__always)
    public static func check(_ condition: Bool, _ message: @autoclosure () -> String) {
        if _slowPath(!condition) { fail(message()) }
    }

    /// Stops the program with `message`, in every build.
    @inline(never)
    public static func fail(_ message: String) -> Never {
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
