import Backprop

/// The README's example ("The API in fifteen lines"), verbatim between the two marker lines:
/// `ReadmeExampleTests` checks that README.md holds exactly this code (after its
/// `import Backprop` line, which is this file's first), so the README's own example is what
/// compiles and runs here.
func runReadmeExample() -> (network: Sequential<Double>, data: Circles, loss: BinaryCrossEntropy) {
    // README example begins
    var generator = SeededGenerator(seed: 42)                       // every random draw is seeded
    let data = Circles(count: 128, radius: 0.7, noise: 0.05, using: &generator)
    let network = Sequential<Double>()
    network.append(Linear(2, 8, weightInitializer: .heUniform(), using: &generator), name: "Dense_1")
    network.append(ReLU(), name: "ReLU_1")
    network.append(Linear(8, 1, using: &generator), name: "Dense_out")
    network.append(Sigmoid(), name: "Sigmoid")
    let loss = BinaryCrossEntropy()
    for step in 0..<2000 {
        network.zeroGradients()
        let prediction = network.forward(data.inputs)                // [128 × 1]
        _ = network.backward(loss.gradient(of: prediction, target: data.labels))
        for p in network.parameters { p.value.add(p.gradient, scaledBy: -0.5) }   // gradient descent
        if step % 500 == 0 { print(step, loss.loss(of: prediction, target: data.labels)) }
    }
    print(network)                                                   // the architecture, with names
    print(GradientCheck.parameters(of: network, loss: loss, input: data.inputs, target: data.labels).relativeDifference)
    // README example ends
    return (network, data, loss)
}
