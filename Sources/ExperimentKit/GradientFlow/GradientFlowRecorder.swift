import Backprop

/// An optimiser that measures each update it makes: before every step it records, for each
/// weight matrix W it watches, the Frobenius norm ‖∂L/∂W‖ of the gradient backward just
/// accumulated; it then lets `optimizer` step and records ‖ΔW‖ / ‖W‖, the size of the
/// change relative to the weights it was applied to (W before the step).
///
/// The update is measured, not assumed to be η·∂L/∂W, so the ratio is right for any
/// optimiser. Everything is allocated up front, for the first `capacity` steps: a step writes
/// into existing storage only, and steps beyond the capacity are taken without recording.
final class GradientFlowRecorder: Optimizer {
    let optimizer: any Optimizer<Double>
    /// The watched weights, in the order of the recorded columns (input layer first).
    let weights: [Parameter<Double>]
    let capacity: Int

    /// `[capacity × weights.count]`, row-major: entry (step, layer) at `step * weights.count + layer`.
    /// NaN where no step was recorded.
    private(set) var gradientNorms: [Double]
    private(set) var updateRatios: [Double]
    /// The number of steps taken so far, recorded or not.
    private(set) var stepsTaken = 0
    /// W before the current step, one buffer per watched weight.
    private var previousWeights: [Matrix<Double>]

    init(_ optimizer: any Optimizer<Double>, watching weights: [Parameter<Double>], capacity: Int) {
        self.optimizer = optimizer
        self.weights = weights
        self.capacity = capacity
        gradientNorms = [Double](repeating: .nan, count: capacity * weights.count)
        updateRatios = gradientNorms
        previousWeights = weights.map { $0.value }
        // Copies of their own, so that the optimiser's in-place update never shares storage with them.
        for index in previousWeights.indices { previousWeights[index].setElements(weights[index].value) { $0 } }
    }

    var parameters: [Parameter<Double>] { optimizer.parameters }

    var learningRate: Double {
        get { optimizer.learningRate }
        set { optimizer.learningRate = newValue }
    }

    func step() {
        guard stepsTaken < capacity else {
            optimizer.step()
            stepsTaken += 1
            return
        }
        let row = stepsTaken * weights.count
        for layer in weights.indices {
            let gradient = weights[layer].gradient
            gradientNorms[row + layer] = gradient.sum(with: gradient) { g, h in g * h }.squareRoot()
            previousWeights[layer].setElements(weights[layer].value) { $0 }
        }
        optimizer.step()
        for layer in weights.indices {
            let before = previousWeights[layer]
            let change = weights[layer].value.sum(with: before) { after, before in (after - before) * (after - before) }
            let size = before.sum(with: before) { w, v in w * v }
            updateRatios[row + layer] = (change / size).squareRoot()
        }
        stepsTaken += 1
    }
}
