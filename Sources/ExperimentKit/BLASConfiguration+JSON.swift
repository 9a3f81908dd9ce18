import Backprop
import Foundation
import Report

extension BLASConfiguration {
    /// What metrics.json and bench.json record about the products' library and kernels.
    public var json: JSONValue {
        var selected: String
        switch selection {
        case .detected: selected = "detected by OpenBLAS"
        case .replaced(let detected): selected = "chosen by Backprop from the CPU's features (OpenBLAS detected \(detected))"
        case .environment(let value): selected = "OPENBLAS_CORETYPE=\(value) set by the user"
        case .switchFailed(let detected, let reason): selected = "detected by OpenBLAS as \(detected); not replaced: \(reason)"
        }
        return ["library": .string(library), "version": .string(version), "build": .string(build), "core": .string(core),
                "instruction_set": tier.map { .string($0.description) } ?? .null, "selection": .string(selected),
                "best_core": bestCore.map(JSONValue.string) ?? .null, "threads": .integer(threads),
                "cpu": .string(cpu.description), "advice": advice.map(JSONValue.string) ?? .null]
    }

    /// Prints `advice` to standard error, once per process, when narrower kernels run than the CPU supports.
    public static func adviseOnce() {
        _ = printedAdvice
    }

    private static let printedAdvice: Void = {
        if let advice = BLAS.configuration.advice {
            FileHandle.standardError.write(Data("note: \(advice)\n".utf8))
        }
    }()
}
