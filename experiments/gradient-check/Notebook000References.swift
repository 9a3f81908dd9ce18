import Foundation

/// What notebook 000's numbers are compared with, each under the keys of
/// `Notebook000Pass.quantities`.
enum Notebook000References {
    /// The notebook's printout of cell 6, as it stands in the notebook: numpy rounds to 8
    /// decimals, the loss is printed in full. Weights in its (in, out) layout.
    static let printed: [String: String] = {
        var printed = ["prediction": "0.70511864", "loss": "0.24859614746399733", "b2": "0.70511864",
                       "b1[0]": "0.07682091", "b1[1]": "0.06931737"]
        printed.merge(keyed("W1", inOut: [["0.07682091", "0.06931737"],
                                          ["0.07682091", "0.06931737"]])) { $1 }
        printed.merge(keyed("W2", inOut: [["0.47890156"],
                                          ["0.51548303"]])) { $1 }
        return printed
    }()

    /// Half a unit in the last printed decimal: the most a value printed to 8 decimals can
    /// differ from the number it was rounded from.
    static let printedBound = 5e-9

    /// The fixture `tools/reference_notebook000.py` wrote: the notebook's own numpy code run in
    /// float64 (every digit of what it printed rounded), and PyTorch autograd on both variants.
    struct Fixture: Decodable {
        struct Numbers: Decodable {
            var hiddenPreactivation: [[Double]], hiddenActivation: [[Double]], outputPreactivation: [[Double]]?
            var prediction: [[Double]], loss: Double
            var w1Gradient: [[Double]], b1Gradient: [[Double]], w2Gradient: [[Double]], b2Gradient: [[Double]]

            enum CodingKeys: String, CodingKey {
                case hiddenPreactivation = "hidden_preactivation", hiddenActivation = "hidden_activation"
                case outputPreactivation = "output_preactivation", prediction, loss
                case w1Gradient = "W1_grad", b1Gradient = "b1_grad", w2Gradient = "W2_grad", b2Gradient = "b2_grad"
            }

            /// The numbers under our keys; `inOut` when the weights are in the notebook's layout.
            func values(inOut: Bool) -> [String: Double] {
                var values = ["z1[0]": hiddenPreactivation[0][0], "z1[1]": hiddenPreactivation[0][1],
                              "h[0]": hiddenActivation[0][0], "h[1]": hiddenActivation[0][1],
                              "prediction": prediction[0][0], "loss": loss, "b2": b2Gradient[0][0],
                              "b1[0]": b1Gradient[0][0], "b1[1]": b1Gradient[0][1]]
                if let z2 = outputPreactivation { values["z2"] = z2[0][0] }
                let transpose = { (m: [[Double]]) in m[0].indices.map { j in m.map { $0[j] } } }
                values.merge(keyed("W1", outIn: inOut ? transpose(w1Gradient) : w1Gradient)) { $1 }
                values.merge(keyed("W2", outIn: inOut ? transpose(w2Gradient) : w2Gradient)) { $1 }
                return values
            }
        }
        var notebookCode: Numbers, torchLinearOutput: Numbers, torchSigmoidOutput: Numbers

        enum CodingKeys: String, CodingKey {
            case notebookCode = "notebook_code", torchLinearOutput = "torch_linear_output", torchSigmoidOutput = "torch_sigmoid_output"
        }
    }

    static func fixture(_ url: URL) throws -> Fixture {
        try JSONDecoder().decode(Fixture.self, from: Data(contentsOf: url))
    }

    /// A matrix in the notebook's (in, out) layout under our keys "W1[j,i]".
    static func keyed<T>(_ name: String, inOut m: [[T]]) -> [String: T] {
        var keyed: [String: T] = [:]
        for i in m.indices { for j in m[i].indices { keyed["\(name)[\(j),\(i)]"] = m[i][j] } }
        return keyed
    }

    /// A matrix in our (out, in) layout under our keys "W1[j,i]".
    static func keyed<T>(_ name: String, outIn m: [[T]]) -> [String: T] {
        var keyed: [String: T] = [:]
        for j in m.indices { for i in m[j].indices { keyed["\(name)[\(j),\(i)]"] = m[j][i] } }
        return keyed
    }
}
