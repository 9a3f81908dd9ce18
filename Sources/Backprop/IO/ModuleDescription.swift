import Foundation

/// One entry of a checkpoint's `architecture` metadata, e.g. `{"type":"Linear","in":784,"out":256}`
/// or `{"type":"ReLU"}`. `name` is present only when the module's name is not its index,
/// so a PyTorch-style network stays in the compact form.
struct ModuleDescription: Codable, Equatable {
    var type: String
    var `in`: Int?
    var out: Int?
    var name: String?

    /// The metadata key under which the architecture is stored.
    static let metadataKey = "architecture"

    /// The description of a module, or nil for a module this format has no name for.
    init?<Scalar: BLASScalar>(_ module: any Module<Scalar>, name: String, index: Int) {
        switch module {
        case let linear as Linear<Scalar>: self.init(type: "Linear", in: linear.inputSize, out: linear.outputSize)
        case is ReLU<Scalar>: self.init(type: "ReLU")
        case is Sigmoid<Scalar>: self.init(type: "Sigmoid")
        case is Tanh<Scalar>: self.init(type: "Tanh")
        // PyTorch's nn.Softmax(dim=1): row-wise over a [batch × k] input, as ours.
        case is Softmax<Scalar>: self.init(type: "Softmax")
        default: return nil
        }
        if name != String(index) { self.name = name }
    }

    init(type: String, in inputSize: Int? = nil, out outputSize: Int? = nil, name: String? = nil) {
        self.type = type
        self.in = inputSize
        self.out = outputSize
        self.name = name
    }

    /// Compact JSON of a list of descriptions: `[{"in":2,"out":3,"type":"Linear"},{"type":"ReLU"}]`.
    static func encode(_ descriptions: [ModuleDescription]) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        // Encoding strings and integers cannot fail.
        return String(decoding: try! encoder.encode(descriptions), as: UTF8.self)
    }

    static func decode(_ json: String) throws(SafetensorsError) -> [ModuleDescription] {
        do {
            return try JSONDecoder().decode([ModuleDescription].self, from: Data(json.utf8))
        } catch {
            throw .invalidArchitecture("not a JSON array of {\"type\", \"in\", \"out\", \"name\"} objects")
        }
    }
}
