import Foundation
import Plot
import Report
import XCTest

/// experiment-gradient-check, run as a user runs it: notebook 000's numbers printed and
/// recorded, the page's parts, a conclusion that follows the checks, the exit status.
final class GradientCheckExperimentTests: XCTestCase {
    /// Notebook 000's numbers in full, by their keys in metrics.json (our (out, in) weight
    /// index: W1[j,i] is the edge from input i to hidden unit j). The numbers are those of
    /// the notebook's own numpy code (cell 6) run in float64, and of PyTorch autograd for the
    /// bonus, as tools/reference_notebook000.py printed them; the notebook printed them rounded.
    private static let notebook000: [String: Double] = [
        "prediction": 0.7051186389026989, "loss": 0.24859614746399733,
        "W1[0,0]": 0.07682091071252119, "W1[0,1]": 0.07682091071252119,     // row 0: the edges into h₁
        "W1[1,0]": 0.06931736937963098, "W1[1,1]": 0.06931736937963098,     // row 1: the edges into h₂
        "b1[0]": 0.07682091071252119, "b1[1]": 0.06931736937963098,
        "W2[0,0]": 0.47890155993425865, "W2[0,1]": 0.5154830299217307, "b2": 0.7051186389026989,
    ]
    private static let bonus: [String: Double] = [
        "prediction": 0.6693216616739903, "loss": 0.22399574339301578,
        "W1[0,0]": 0.016139599898583153, "W1[0,1]": 0.016139599898583153,
        "W1[1,0]": 0.014563152108364622, "W1[1,1]": 0.014563152108364622,
        "b1[0]": 0.016139599898583153, "b1[1]": 0.014563152108364622,
        "W2[0,0]": 0.10061426630401123, "W2[0,1]": 0.10829980769923442, "b2": 0.14814108043460344,
    ]

    /// The notebook's printout of cell 6, copied from the notebook (trailing spaces included).
    private static let notebookPrintout = """
        Prediction: [[0.70511864]]
        Loss: 0.24859614746399733
        Gradients of the first layer: \n
        W1:
        [[0.07682091 0.06931737]
         [0.07682091 0.06931737]], \n
        b1: \n[[0.07682091 0.06931737]]

        Gradients of the second layer: \n
        W2:
        [[0.47890156]
         [0.51548303]], \n
        b2 \n[[0.70511864]]
        """

    private func run(_ arguments: [String]) throws -> (ExecutableRunner.Result, URL) {
        let output = try ExecutableRunner.temporaryDirectory(self).appendingPathComponent("gradient-check")
        let result = try ExecutableRunner.run("experiment-gradient-check", arguments + ["--output", output.path])
        return (result, output)
    }

    func testPrintsNotebook000AsTheNotebookDoesAndEveryNumberInFull() throws {
        let (result, _) = try run(["--quick", "--seed", "3"])
        XCTAssertEqual(result.status, 0, result.standardError)
        XCTAssertTrue(result.standardOutput.contains(Self.notebookPrintout), result.standardOutput)
        // Every number in full, the bonus's too; the issue quotes them to 10 digits.
        for value in Self.notebook000.values.map(\.description) + Self.bonus.values.map(\.description) {
            XCTAssertTrue(result.standardOutput.contains(value), value)
        }
        for prefix in ["0.0768209107", "0.0693173693", "0.4789015599", "0.5154830299", "0.7051186389",
                       "0.1006142663", "0.1082998076", "0.1481410804"] {
            XCTAssertTrue(result.standardOutput.contains(prefix), prefix)
        }
        // The layouts are said, and the hidden values printed as numpy prints them.
        XCTAssertTrue(result.standardOutput.contains("Its W is (in, out)"))
        XCTAssertTrue(result.standardOutput.contains("stored (out, in) as PyTorch's"))
        XCTAssertTrue(result.standardOutput.contains("[[0.75 1.  ]]"))
        XCTAssertTrue(result.standardOutput.contains("[[0.6791787  0.73105858]]"))
    }

    func testRecordsNotebook000sNumbersBesideTheirErrors() throws {
        let (result, output) = try run(["--quick", "--seed", "3"])
        XCTAssertEqual(result.status, 0, result.standardError)
        let metrics = try ExecutableRunner.metrics(in: output)
        let linear = try XCTUnwrap(metrics["notebook000"]?["values"])
        for (key, expected) in Self.notebook000 {
            let entry = try XCTUnwrap(linear[key], key)
            let ours = try XCTUnwrap(entry["ours"]?.doubleValue, key)
            XCTAssertEqual(ours, expected, accuracy: 1e-12, key)
            // Beside it: the notebook's 8-decimal print and the error against it.
            let printed = try XCTUnwrap(entry["printed"]?.doubleValue, key)
            // The notebook prints the loss in full, arrays to 8 decimals.
            XCTAssertEqual(printed, key == "loss" ? expected : (expected * 1e8).rounded() / 1e8, accuracy: 1e-15, key)
            XCTAssertEqual(try XCTUnwrap(entry["error_vs_printed"]?.doubleValue), abs(ours - printed), accuracy: 1e-18, key)
            XCTAssertLessThan(try XCTUnwrap(entry["error_vs_notebook_code"]?.doubleValue), 1e-15, key)
            XCTAssertLessThan(try XCTUnwrap(entry["error_vs_pytorch"]?.doubleValue), 1e-15, key)
        }
        XCTAssertEqual(linear["W1[1,0]"]?["edge"]?.stringValue, "x₁ → h₂")
        XCTAssertEqual(linear["W1[1,0]"]?["quantity"]?.stringValue, "∂L/∂W1[0][1]")   // the notebook's index
        XCTAssertTrue(metrics["notebook000"]?["layout"]?.stringValue?.contains("(out, in)") == true)
        // Forward values, from the definitions: z₁ = x·W1 = [0.75, 1], h = σ(z₁).
        func σ(_ z: Double) -> Double { 1 / (1 + exp(-z)) }
        for (key, expected) in ["z1[0]": 0.75, "z1[1]": 1, "h[0]": σ(0.75), "h[1]": σ(1)] {
            XCTAssertEqual(try XCTUnwrap(linear[key]?["ours"]?.doubleValue, key), expected, accuracy: 1e-15, key)
        }

        let bonus = try XCTUnwrap(metrics["notebook000_sigmoid_output"]?["values"])
        for (key, expected) in Self.bonus {
            let entry = try XCTUnwrap(bonus[key], key)
            XCTAssertEqual(try XCTUnwrap(entry["ours"]?.doubleValue, key), expected, accuracy: 1e-12, key)
            XCTAssertLessThan(try XCTUnwrap(entry["error_vs_hand_chain_rule"]?.doubleValue), 1e-15, key)
            XCTAssertLessThan(try XCTUnwrap(entry["error_vs_pytorch"]?.doubleValue), 1e-15, key)
        }
        XCTAssertEqual(metrics["all_passed"]?.boolValue, true)
        XCTAssertEqual(metrics["checks"]?["notebook001"]?["passed"]?.boolValue, true)
        XCTAssertLessThan(try XCTUnwrap(metrics["checks"]?["notebook002"]?["error"]?.doubleValue), 1e-7)
    }

    func testPageReadsLikeTheNotebooksAndShowsBothDiagrams() throws {
        let (result, output) = try run(["--quick", "--seed", "3"])
        XCTAssertEqual(result.status, 0, result.standardError)
        let document = try ExecutableRunner.document(in: output)
        XCTAssertTrue(document.notebook?.source.contains("000") == true)
        XCTAssertTrue(document.question?.source.contains("PyTorch") == true)
        XCTAssertTrue(document.setup.data?.source.contains("**Notebook 002**") == true)
        XCTAssertTrue(document.setup.architecture?.contains("Linear(2 → 2)") == true)
        XCTAssertFalse(document.setup.hyperparameters.isEmpty)
        XCTAssertEqual(document.results.map(\.title), [
            "Notebook 000: every number of the pass, against the notebook",
            "Bonus, a sigmoid on the output: every number, against the chain rule by hand",
            "Checks against the notebooks", "Every module and loss against finite differences",
        ])
        let checkColumns = document.results[2].columns.map(\.name)
        XCTAssertEqual(checkColumns, ["check", "compared with", "max |error|", "bound", "verdict"])

        XCTAssertEqual(document.figures.map(\.file), ["network-linear-output.png", "network-sigmoid-output.png"])
        for figure in document.figures {
            let image = try PNGImage(contentsOf: output.appendingPathComponent(figure.file))
            XCTAssertGreaterThan(image.width, 600, figure.file)
        }
        // Captions read an edge's gradient as δ × input with this run's numbers.
        XCTAssertTrue(document.figures[0].caption.source.contains("0.705119 × h₂ 0.731059 = 0.515483"), document.figures[0].caption.source)
        XCTAssertTrue(document.figures[1].caption.source.contains("δ₂ = 0.148141"), document.figures[1].caption.source)

        let checks = try XCTUnwrap(ExecutableRunner.metrics(in: output)["checks"].flatMap { if case .object(let o) = $0 { o } else { nil } })
        let conclusion = try XCTUnwrap(document.conclusion?.source)
        XCTAssertTrue(conclusion.hasPrefix("All \(checks.count) checks passed."), conclusion)
        // Notebook 002's number set beside the notebook's 5.6e-9.
        let circles = try XCTUnwrap(checks["notebook002"]?["error"]?.doubleValue)
        XCTAssertTrue(conclusion.contains(NumberFormat.scientific(2).format(circles).replacingOccurrences(of: ".00e", with: "e")), conclusion)
        XCTAssertTrue(conclusion.contains("5.63e-9"), conclusion)
        XCTAssertTrue(document.headline?.hasPrefix("All \(checks.count) checks passed") == true)
    }

    /// A step far too large makes the finite-difference checks fail while the exact references
    /// still agree: the status, the message, the conclusion and the headline all say so.
    func testFailingChecksAreNamedAndChangeTheConclusion() throws {
        let (result, output) = try run(["--quick", "--seed", "3", "--epsilon", "0.5"])
        XCTAssertEqual(result.status, 1, result.standardOutput)
        XCTAssertTrue(result.standardError.contains("checks failed"), result.standardError)
        XCTAssertTrue(result.standardError.contains("Sigmoid (Double, batch 3) against finite differences, ε = 0.5"), result.standardError)
        XCTAssertFalse(result.standardError.contains("Notebook 000"), result.standardError)

        let document = try ExecutableRunner.document(in: output)
        let metrics = try ExecutableRunner.metrics(in: output)
        XCTAssertEqual(metrics["all_passed"]?.boolValue, false)
        let failed = try XCTUnwrap(metrics["failed_checks"]?.arrayValue?.compactMap(\.stringValue))
        XCTAssertTrue(failed.contains("module_sigmoid_double"))
        XCTAssertFalse(failed.contains("notebook000_printout"))
        let conclusion = try XCTUnwrap(document.conclusion?.source)
        XCTAssertTrue(conclusion.hasPrefix("\(failed.count) of "), conclusion)
        XCTAssertFalse(conclusion.contains("All "), conclusion)
        XCTAssertTrue(conclusion.contains("too large"), conclusion)
        XCTAssertTrue(conclusion.contains("over the bound 1e-7"), conclusion)
        XCTAssertTrue(document.headline?.contains("FAILED") == true, document.headline ?? "")
        XCTAssertTrue(document.results[3].rows.contains { $0.last == .text("FAILED") })

        let (tiny, tinyOutput) = try run(["--quick", "--seed", "3", "--epsilon", "1e-12"])
        XCTAssertEqual(tiny.status, 1)
        XCTAssertTrue(try XCTUnwrap(ExecutableRunner.document(in: tinyOutput).conclusion?.source).contains("too small"))
    }

    func testSameSeedWritesIdenticalMetrics() throws {
        let (first, a) = try run(["--quick", "--seed", "11"])
        let (second, b) = try run(["--quick", "--seed", "11"])
        XCTAssertEqual(first.status, 0, first.standardError)
        XCTAssertEqual(second.status, 0, second.standardError)
        XCTAssertEqual(try Data(contentsOf: a.appendingPathComponent("metrics.json")),
                       try Data(contentsOf: b.appendingPathComponent("metrics.json")))
        let (_, c) = try run(["--quick", "--seed", "12"])
        XCTAssertNotEqual(try Data(contentsOf: a.appendingPathComponent("metrics.json")),
                          try Data(contentsOf: c.appendingPathComponent("metrics.json")))
    }

    func testRefusesAnUnusableStep() throws {
        let (result, _) = try run(["--epsilon", "0"])
        XCTAssertEqual(result.status, 64)
        XCTAssertTrue(result.standardError.contains("--epsilon must be in"), result.standardError)
    }

    func testHelpExplainsTheOptions() throws {
        let result = try ExecutableRunner.run("experiment-gradient-check", ["--help"])
        XCTAssertEqual(result.status, 0)
        for option in ["--seed", "--output", "--quick", "--epsilon"] { XCTAssertTrue(result.standardOutput.contains(option), option) }
    }
}
