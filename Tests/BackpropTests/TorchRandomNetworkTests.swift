import Foundation
import XCTest
import Backprop

/// Random networks of every module and loss, compared with PyTorch autograd
/// (`tools/torch_reference.py`, float64): the loss, every parameter gradient and the input
/// gradient, to 1e-12 relative.
final class TorchRandomNetworkTests: XCTestCase {
    private struct Fixture: Decodable {
        struct Layer: Decodable { var type: String; var `in`: Int?; var out: Int? }
        struct Parameter: Decodable { var name: String; var value: Nested; var gradient: Nested }
        struct Network: Decodable {
            var name: String, layers: [Layer], loss: String, target_kind: String
            var parameters: [Parameter]
            var input: [[Double]], target: [[Double]], input_gradient: [[Double]]
            var loss_value: Double
        }
        var networks: [Network]
    }

    /// A weight ([[Double]]) or a 1-D bias ([Double]), flattened row-major.
    private enum Nested: Decodable {
        case values([Double])
        init(from decoder: Decoder) throws {
            let container = try decoder.singleValueContainer()
            if let matrix = try? container.decode([[Double]].self) { self = .values(matrix.flatMap { $0 }) } else { self = .values(try container.decode([Double].self)) }
        }
        var flat: [Double] { if case .values(let v) = self { v } else { [] } }
    }

    /// Relative to the largest magnitude of the reference tensor, with an absolute floor
    /// for all-zero references (a one-column softmax has exactly zero gradient). PyTorch
    /// and BLAS sum in different orders, so a few ulps of each element's scale differ;
    /// 1e-12 leaves three orders of magnitude of margin over what is measured (~1e-15).
    private let relativeBound = 1e-12
    private let absoluteFloor = 1e-14

    func testLossAndAllGradientsMatchPyTorchOnRandomNetworks() throws {
        let url = try XCTUnwrap(Bundle.module.url(forResource: "torch_random_networks", withExtension: "json", subdirectory: "Fixtures"))
        let fixture = try JSONDecoder().decode(Fixture.self, from: Data(contentsOf: url))
        XCTAssertGreaterThanOrEqual(fixture.networks.count, 40)
        var worst = (error: 0.0, tensor: "")
        for network in fixture.networks {
            let report = try compare(network)
            for row in report where row.relative > worst.error { worst = (row.relative, "\(network.name) \(row.tensor)") }
            if report.contains(where: { $0.relative > relativeBound }) {
                // llm.c style: every tensor's max difference, so one look shows where it breaks.
                var lines = ["\(network.name) (\(network.loss), \(network.layers.map(\.type).joined(separator: "-"))):",
                             "  tensor            max |Δ|      max |ref|    relative"]
                for row in report {
                    lines.append("  " + [row.tensor.padding(toLength: 16, withPad: " ", startingAt: 0),
                                         format(row.difference), format(row.scale), format(row.relative),
                                         row.relative > relativeBound ? "FAIL" : "ok"].joined(separator: "  "))
                }
                XCTFail(lines.joined(separator: "\n"))
            }
        }
        print("torch random networks: \(fixture.networks.count) networks, max relative error \(format(worst.error)) (\(worst.tensor))")
    }

    private struct Row { var tensor: String, difference: Double, scale: Double, relative: Double }

    private func compare(_ fixture: Fixture.Network) throws -> [Row] {
        let network = Sequential<Double>()
        var values = fixture.parameters.makeIterator()
        for layer in fixture.layers {
            switch layer.type {
            case "Linear":
                let (inputs, outputs) = (try XCTUnwrap(layer.in), try XCTUnwrap(layer.out))
                let weight = try XCTUnwrap(values.next()), bias = try XCTUnwrap(values.next())
                network.append(Linear(weight: Matrix(rows: outputs, columns: inputs, elements: weight.value.flat),
                                      bias: Matrix(rows: 1, columns: outputs, elements: bias.value.flat)))
            case "Sigmoid": network.append(Sigmoid())
            case "Tanh": network.append(Tanh())
            case "ReLU": network.append(ReLU())
            case "Softmax": network.append(Softmax())
            default: XCTFail("unknown layer \(layer.type)")
            }
        }
        let loss: any Loss = switch fixture.loss {
        case "mse": MeanSquaredError(.plain)
        case "half_mse": MeanSquaredError(.half)
        case "bce": BinaryCrossEntropy()
        case "cross_entropy": CrossEntropy()
        default: SoftmaxCrossEntropy()
        }
        let x = Matrix(fixture.input), y = Matrix(fixture.target)
        network.zeroGradients()
        let prediction = network.forward(x)
        let value = loss.loss(of: prediction, target: y)
        let inputGradient = network.backward(loss.gradient(of: prediction, target: y))

        func row(_ name: String, _ ours: [Double], _ reference: [Double]) -> Row {
            XCTAssertEqual(ours.count, reference.count, name)
            let difference = zip(ours, reference).map { abs($0 - $1) }.max() ?? 0
            let scale = reference.map(abs).max() ?? 0
            return Row(tensor: name, difference: difference, scale: scale, relative: difference / max(scale, absoluteFloor))
        }
        var rows = [row("loss", [value], [fixture.loss_value])]
        for ((name, parameter), reference) in zip(network.namedParameters, fixture.parameters) {
            XCTAssertEqual(name, reference.name, "PyTorch's state-dict names")
            rows.append(row(name + ".grad", parameter.gradient.elements, reference.gradient.flat))
        }
        rows.append(row("input.grad", inputGradient.elements, fixture.input_gradient.flatMap { $0 }))
        return rows
    }

    private func format(_ value: Double) -> String { String(format: "%.2e", value) }
}
