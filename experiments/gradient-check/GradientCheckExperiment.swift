// experiment-gradient-check: the numbers of notebooks 000–002 reproduced, and every
// module and loss checked against finite differences in Float and Double.
import ArgumentParser
import Backprop
import ExperimentKit
import Foundation
import Plot

struct GradientCheckExperiment: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "experiment-gradient-check",
        abstract: "Reproduce the notebooks' forward/backward numbers and check every gradient.",
        discussion: """
        1. Notebook 000: the 2-2-1 network with fixed weights (prediction, loss, gradients).
        2. Its bonus: a sigmoid on the output, against the chain rule written out by hand.
        3. Notebook 001: batched 1-4-4-1 gradients against PyTorch autograd (a fixture).
        4. Notebook 002: circles, a 2-3-4-5-1 ReLU network with BCE, by finite differences.
        5. Every module and loss, in Float and Double, by finite differences.
        Writes metrics.json to the output directory.
        """
    )

    @OptionGroup var common: ExperimentOptions

    func run() throws {
        let output = try common.outputDirectory(for: "gradient-check")
        var metrics = Metrics(experiment: "gradient-check",
                              title: "Gradient check: the notebooks' numbers, reproduced",
                              description: "Back-propagated gradients compared with the numbers the course notebooks printed, with PyTorch autograd, with a hand-derived chain rule, and with central finite differences.")
        var table = TextTable("check", "compared with", "error", "bound", "result")
        var allPassed = true
        func record(_ key: String, _ check: String, _ reference: String, _ error: Double, bound: Double) {
            let passed = error < bound
            allPassed = allPassed && passed
            table.append(check, reference, scientific(error), scientific(bound, digits: 1), passed ? "ok" : "FAILED")
            metrics[key] = ["error": .number(error), "bound": .number(bound), "passed": .bool(passed), "reference": .string(reference)]
        }

        // 1 and 2: notebook 000.
        let notebook = Notebook000.run(sigmoidOutput: false)
        print("Notebook 000, 2-2-1 network, x = [1, 1], y = 0")
        print("  prediction \(notebook.prediction)   loss \(notebook.loss)")
        record("notebook000", "000 prediction, loss, gradients", "printed numbers", Notebook000.maxErrorAgainstPrintedValues(notebook), bound: 1e-12)
        metrics["notebook000_prediction"] = .number(notebook.prediction)
        metrics["notebook000_loss"] = .number(notebook.loss)
        let bonus = Notebook000.run(sigmoidOutput: true)
        record("notebook000_sigmoid_output", "000 bonus: sigmoid output", "hand chain rule", Notebook000.maxErrorAgainstHandChainRule(bonus), bound: 1e-15)

        // 3: notebook 001 against PyTorch.
        let fixtureURL = try Resources.url("sine_gradients.json")
        let sine = try Notebook001.compare(fixture: fixtureURL)
        record("notebook001", "001 batched 1-4-4-1 gradients", "PyTorch autograd", sine.maxError, bound: 1e-12)
        metrics["notebook001_per_tensor_max_error"] = .object(sine.perTensor.mapValues(JSONValue.number))

        // 4: notebook 002.
        let circles = Notebook002.check(seed: common.seed)
        record("notebook002", "002 circles 2-3-4-5-1 ReLU, BCE", "finite differences", circles.relativeDifference, bound: 1e-7)
        metrics["notebook002_per_parameter"] = .object(Dictionary(uniqueKeysWithValues: circles.entries.map { ($0.name, JSONValue.number($0.relativeDifference)) }))

        // 5: every module and loss, both precisions.
        var generator = SeededGenerator(seed: common.seed)
        for check in ModuleChecks.all(quick: common.quick, using: &generator) {
            record("module_\(check.key)", check.label, "finite differences", check.relativeDifference, bound: check.bound)
        }

        print()
        print(table.rendered)
        metrics["seed"] = .of(common.seed)
        metrics["all_passed"] = .bool(allPassed)
        let written = try metrics.write(to: output)
        try output.commit()
        print("\nwrote \(written.path)")
        if !allPassed { throw ExitCode.failure }
    }
}

enum Resources {
    static func url(_ name: String) throws -> URL {
        guard let url = Bundle.module.url(forResource: name, withExtension: nil) else {
            throw ValidationError("resource \(name) is missing from the experiment-gradient-check bundle")
        }
        return url
    }
}

GradientCheckExperiment.main()
