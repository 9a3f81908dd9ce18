import ExperimentKit

/// One comparison of our numbers with a reference: the largest error and its bound.
struct Check {
    /// How `error` is measured.
    enum Measure: String {
        /// max |ours − reference| over the values compared.
        case absolute
        /// ‖g − g_num‖ / (‖g‖ + ‖g_num‖), the measure of the notebooks' `gradient_check`.
        case relative
    }

    /// Stable key in metrics.json: "notebook000_printout", "module_sigmoid_double".
    var key: String
    /// What was checked: "Notebook 000: forward pass and gradients".
    var name: String
    /// What it was compared with: "PyTorch autograd".
    var reference: String
    var error: Double
    var bound: Double
    var measure: Measure

    /// Bound for numbers computed in float64 by other code (numpy, PyTorch, the chain rule by
    /// hand): the same operations in another order round differently, by a few units of
    /// 1e-17 for numbers below 1.
    static let float64Bound = 1e-15

    /// Whether the error is within the bound; NaN is not.
    var passed: Bool { error <= bound }

    /// "Sigmoid (Double, batch 6) against finite differences, ε = 1e-6: relative difference 1.2e-3 > bound 1e-7".
    var failureDescription: String {
        "\(name) against \(reference): \(measure == .relative ? "relative difference" : "max |error|") \(Self.format(error)) > bound \(Self.format(bound))"
    }

    /// An error as the tables show it: "0", "6.9e-18", "1.89e-9".
    static func format(_ value: Double) -> String {
        value == 0 ? "0" : NumberFormat.scientific(2).format(value).replacingOccurrences(of: ".00e", with: "e")
    }

    var json: JSONValue {
        .object(["name": .string(name), "reference": .string(reference), "error": .number(error),
                 "bound": .number(bound), "measure": .string(measure.rawValue), "passed": .bool(passed)])
    }
}
