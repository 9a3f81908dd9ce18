import Foundation

/// Saving and loading a network's parameters as safetensors, in PyTorch's names and layouts.
///
/// Tensor names are the keys of an `nn.Sequential` state dict: the module's index, then the
/// parameter ("0.weight", "0.bias", "2.weight", …, activations counted as PyTorch counts
/// them), whatever the modules are called, so `load_state_dict` takes every file as it is.
/// A weight is `[out, in]` and a bias 1-D `[out]`, as in `nn.Linear`. The dtype is the
/// network's Scalar (F32 for Float, F64 for Double). `__metadata__["architecture"]` lists the
/// modules with the names given in Swift ("Dense_1"), so `Sequential.load(from:)` rebuilds
/// the network, names included, from the file alone.
///
/// Dtype policy on loading: a file of the other precision is **converted**, not rejected.
/// F32 → Double is exact; F64 → Float rounds each value to the nearest Float (what
/// `tensor.float()` does in PyTorch). Any other dtype is rejected.
extension Sequential {
    /// Writes the parameters and the architecture to `url` (temporary file + rename).
    ///
    /// ```swift
    /// try network.save(to: URL(fileURLWithPath: "outputs/mnist/model.safetensors"))
    /// ```
    /// - Parameter metadata: extra `__metadata__` strings (e.g. the accuracy reached).
    /// - Throws: `SafetensorsError.unsupportedModule` for a module other than Linear,
    ///   ReLU, Sigmoid, Tanh or Softmax; file-system errors.
    public func save(to url: URL, metadata: [String: String] = [:]) throws {
        try safetensors(metadata: metadata).write(to: url)
    }

    /// The network as a safetensors file in memory; see `save(to:metadata:)`.
    public func safetensors(metadata: [String: String] = [:]) throws(SafetensorsError) -> SafetensorsFile {
        var descriptions: [ModuleDescription] = []
        for (index, layer) in layers.enumerated() {
            guard let description = ModuleDescription(layer.module, name: layer.name, index: index) else {
                throw .unsupportedModule("'\(layer.name)' \(layer.module)")
            }
            descriptions.append(description)
        }
        var allMetadata = metadata
        allMetadata[ModuleDescription.metadataKey] = ModuleDescription.encode(descriptions)
        // What the reference Python writer records for PyTorch checkpoints.
        allMetadata["format"] = allMetadata["format"] ?? "pt"
        let tensors = parametersInStateDictOrder.map { entry in
            (Self.stateDictKey(entry.index, entry.parameter.name),
             SafetensorsFile.Tensor(shape: Self.torchShape(of: entry.parameter), values: entry.parameter.value.elements))
        }
        return SafetensorsFile(tensors: tensors, metadata: allMetadata)
    }

    /// Rebuilds a network from a file written by `save(to:)` (or by PyTorch, with an
    /// `architecture` entry in its metadata), converting the dtype to `Scalar` if needed.
    ///
    /// ```swift
    /// let network = try Sequential<Float>.load(from: URL(fileURLWithPath: "outputs/mnist/model.safetensors"))
    /// ```
    /// - Throws: `SafetensorsError` for a malformed file, a missing or invalid architecture,
    ///   an unknown module type, a missing, extra or mis-shaped tensor; file-system errors.
    public static func load(from url: URL) throws -> Sequential<Scalar> {
        try Sequential(safetensors: SafetensorsFile(contentsOf: url))
    }

    /// Rebuilds a network from a parsed file; see `load(from:)`.
    public convenience init(safetensors file: SafetensorsFile) throws(SafetensorsError) {
        guard let json = file.metadata[ModuleDescription.metadataKey] else { throw .missingArchitecture }
        let descriptions = try ModuleDescription.decode(json)
        self.init()
        var used = Set<String>()
        for (index, description) in descriptions.enumerated() {
            let name = description.name ?? String(index)
            guard !layers.contains(where: { $0.name == name }) else { throw .invalidArchitecture("two modules are named '\(name)'") }
            switch description.type {
            case "Linear":
                guard let inputSize = description.in, let outputSize = description.out, inputSize > 0, outputSize > 0 else {
                    throw .invalidArchitecture("Linear '\(name)' needs positive 'in' and 'out'")
                }
                // The sizes are checked against tensors that exist in the file before any
                // allocation, so a forged "in": 10¹² cannot exhaust memory.
                let weightKey = Self.key(index: index, name: name, "weight", in: file)
                let biasKey = Self.key(index: index, name: name, "bias", in: file)
                let weight = try Self.tensor(weightKey, in: file, shape: [outputSize, inputSize])
                let bias = try Self.tensor(biasKey, in: file, shape: [outputSize])
                append(Linear(weight: Matrix(rows: outputSize, columns: inputSize, elements: weight.values()),
                              bias: Matrix(rows: 1, columns: outputSize, elements: bias.values())), name: name)
                used.formUnion([weightKey, biasKey])
            case "ReLU": append(ReLU(), name: name)
            case "Sigmoid": append(Sigmoid(), name: name)
            case "Tanh": append(Tanh(), name: name)
            case "Softmax": append(Softmax(), name: name)
            default: throw .unknownModuleType(description.type)
            }
        }
        if let extra = file.tensors.first(where: { !used.contains($0.name) }) { throw .unexpectedTensor(extra.name) }
        if let first = layers.lazy.compactMap({ $0.module as? Linear<Scalar> }).first {
            do {
                _ = try outputShape(forInput: Shape(1, first.inputSize))
            } catch {
                throw .invalidArchitecture("the layers do not chain: \(error)")
            }
        }
    }

    /// Replaces every parameter's value with the file's tensor of the same name, converting
    /// the dtype if needed. Names and shapes must match exactly (no missing, no extra
    /// tensors, like PyTorch's `load_state_dict(strict=True)`); everything is checked before
    /// anything is assigned, so a failed load leaves the network unchanged.
    public func loadParameters(from url: URL) throws {
        try loadParameters(from: SafetensorsFile(contentsOf: url))
    }

    /// See `loadParameters(from:)`.
    public func loadParameters(from file: SafetensorsFile) throws(SafetensorsError) {
        let targets = parametersInStateDictOrder.map { entry in
            (key: Self.key(index: entry.index, name: layers[entry.index].name, entry.parameter.name, in: file), parameter: entry.parameter)
        }
        var values: [[Scalar]] = []
        for (key, parameter) in targets {
            values.append(try Self.tensor(key, in: file, shape: Self.torchShape(of: parameter)).values())
        }
        let keys = Set(targets.map(\.key))
        if let extra = file.tensors.first(where: { !keys.contains($0.name) }) { throw .unexpectedTensor(extra.name) }
        for ((_, parameter), value) in zip(targets, values) { parameter.value.update(elements: value) }
    }

    /// Every parameter with the index of its module, in the order of a PyTorch state dict.
    private var parametersInStateDictOrder: [(index: Int, parameter: Parameter<Scalar>)] {
        layers.indices.flatMap { index in layers[index].module.parameters.map { (index: index, parameter: $0) } }
    }

    /// PyTorch's state-dict name of a parameter of module `index`: "2.weight".
    static func stateDictKey(_ index: Int, _ parameter: String) -> String { "\(index).\(parameter)" }

    /// The file's name for a parameter of module `index`: PyTorch's "2.weight", or, in a
    /// file written before tensors were named by index, the module's name ("Dense_2.weight").
    static func key(index: Int, name: String, _ parameter: String, in file: SafetensorsFile) -> String {
        let byIndex = stateDictKey(index, parameter), byName = "\(name).\(parameter)"
        return file[byIndex] == nil && file[byName] != nil ? byName : byIndex
    }

    /// PyTorch's shape of a parameter: a bias is 1-D `[out]` (ours is a `1 × out` row),
    /// everything else `[rows, columns]`.
    static func torchShape(of parameter: Parameter<Scalar>) -> [Int] {
        parameter.name == "bias" && parameter.value.rows == 1 ? [parameter.value.columns] : [parameter.value.rows, parameter.value.columns]
    }

    private static func tensor(_ name: String, in file: SafetensorsFile, shape: [Int]) throws(SafetensorsError) -> SafetensorsFile.Tensor {
        guard let tensor = file[name] else { throw .missingTensor(name) }
        guard tensor.shape == shape else { throw .shapeMismatch(tensor: name, expected: shape, found: tensor.shape) }
        return tensor
    }
}
