import ExperimentKit
import Plot

/// How a run ended: the groups of the loss-curve colours and of the endings table.
enum RunEnding: Int, CaseIterable {
    case success, fourHumpsAbove, threeHumps, twoHumps, oneHump, noHump, diverged

    init(_ run: SineFitRun, threshold: Double) {
        if run.diverged { self = .diverged }
        else if run.succeeded(threshold: threshold) { self = .success }
        else { self = [.noHump, .oneHump, .twoHumps, .threeHumps, .fourHumpsAbove][run.humpCount] }
    }

    func label(threshold: Double) -> String {
        let t = NumberFormat.compact.format(threshold)
        return switch self {
        case .success: "ended ≤ \(t)"
        case .fourHumpsAbove: "four humps, above \(t)"
        case .threeHumps: "three humps"
        case .twoHumps: "two humps"
        case .oneHump: "one hump"
        case .noHump: "no hump"
        case .diverged: "diverged"
        }
    }

    var color: Color {
        switch self {
        case .success: Color(hex: 0x009E73)
        case .fourHumpsAbove: Color(hex: 0x56B4E9)
        case .threeHumps: Color(hex: 0xE69F00)
        case .twoHumps: Color(hex: 0xCC79A7)
        case .oneHump: Color(hex: 0x0072B2)
        case .noHump: Color(hex: 0x999999)
        case .diverged: Color(hex: 0x000000)
        }
    }
}
