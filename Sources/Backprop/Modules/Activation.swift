/// A module without parameters whose every output row depends on its own input row only:
/// the element-wise activations and the row-wise softmax.
///
/// The answers are constants, so a network asks them every step without building the
/// empty `parameters` array that the `Module` defaults go through.
public protocol Activation: Module {}

extension Activation {
    public var hasParameters: Bool { false }
    public var rowsAreIndependent: Bool { true }
    public func zeroGradients() {}
}
