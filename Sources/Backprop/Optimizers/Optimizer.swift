/// Updates parameters from the gradients `backward` accumulated in them.
///
/// ```swift
/// let optimizer = Adam(parameters: network.parameters, learningRate: 0.01)
/// network.zeroGradients(); _ = network.backward(gradient); optimizer.step()
/// ```
public protocol Optimizer<Scalar>: AnyObject {
    associatedtype Scalar: BLASScalar
    /// The parameters it updates, fixed at creation.
    var parameters: [Parameter<Scalar>] { get }
    /// η; may be changed between steps (schedules, learning-rate finders).
    var learningRate: Double { get set }
    /// One update from the current gradients.
    func step()
}
