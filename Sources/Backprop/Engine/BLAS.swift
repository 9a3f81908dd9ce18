import CBLAS
import Foundation

/// The BLAS library this process runs its matrix products on, and its settings.
public enum BLAS {
    /// Threads OpenBLAS uses inside one matrix product (by default, one per core, or
    /// `OPENBLAS_NUM_THREADS`). Set it to 1 when independent trainings already run on every
    /// core: threads inside threads only contend.
    public static var threads: Int {
        get { Int(openblas_get_num_threads()) }
        set { openblas_set_num_threads(Int32(max(newValue, 1))) }
    }

    /// Which library, version and kernels run, and how the kernels were chosen. The first
    /// access (or the first product) makes sure OpenBLAS runs the best kernels this CPU
    /// supports; see `KernelSelection`.
    public static var configuration: BLASConfiguration {
        var current = KernelSelection.outcome
        current.threads = threads
        return current
    }

    /// Called before every product; free after the first (a `static let` is initialised once).
    @inline(__always)
    static func prepare() { _ = KernelSelection.outcome }
}

/// What `BLAS.configuration` reports.
public struct BLASConfiguration: Sendable, Equatable {
    /// How the running kernels were chosen.
    public enum Selection: Sendable, Equatable {
        /// OpenBLAS's own detection, kept because it was the best this CPU supports (or no
        /// better one is known).
        case detected
        /// OpenBLAS detected `detected`, a narrower instruction set than the CPU has; this
        /// library switched to the running core.
        case replaced(detected: String)
        /// The user's `OPENBLAS_CORETYPE`, never overridden.
        case environment(String)
        /// OpenBLAS's detection fell short, but switching was not possible (`reason`).
        case switchFailed(detected: String, reason: String)
    }

    public var library = "OpenBLAS"
    /// "0.3.21", from `openblas_get_config()`.
    public var version: String
    /// The whole build description, e.g. "OpenBLAS 0.3.21 NO_LAPACKE DYNAMIC_ARCH NO_AFFINITY Cooperlake MAX_THREADS=64".
    public var build: String
    /// The kernel set in use, e.g. "Cooperlake", "Haswell", "Prescott".
    public var core: String
    public var selection: Selection
    /// The best kernel set this CPU supports among those the library has (nil if none is known).
    public var bestCore: String?
    public var threads: Int
    public var cpu: CPUFeatures

    /// The core's instruction-set tier, when known.
    public var tier: KernelChoice.Tier? { KernelChoice.tier(ofCore: core) }

    /// One line for a user whose products run narrower kernels than the CPU supports, saying
    /// how to fix it; nil when the best known kernels run.
    public var advice: String? {
        guard let best = bestCore, let bestTier = KernelChoice.tier(ofCore: best), let tier, tier < bestTier else { return nil }
        let running = "OpenBLAS \(version) runs its \(core) kernels (\(tier)) on a CPU that supports \(best) (\(bestTier))"
        switch selection {
        case .environment(let value):
            return "\(running), because OPENBLAS_CORETYPE=\(value) is set: unset it, or set OPENBLAS_CORETYPE=\(best), for faster products."
        case .switchFailed(_, let reason):
            return "\(running) (\(reason)): set OPENBLAS_CORETYPE=\(best) for faster products."
        case .detected, .replaced:
            return "\(running): set OPENBLAS_CORETYPE=\(best) for faster products."
        }
    }

    /// "OpenBLAS 0.3.21, Cooperlake kernels (AVX-512; detected by OpenBLAS), 2 threads".
    public var summary: String {
        let how: String
        switch selection {
        case .detected: how = "detected by OpenBLAS"
        case .replaced(let detected): how = "chosen from the CPU's features; OpenBLAS detected \(detected)"
        case .environment(let value): how = "OPENBLAS_CORETYPE=\(value)"
        case .switchFailed(let detected, let reason): how = "detected by OpenBLAS as \(detected); not replaced: \(reason)"
        }
        let width = tier.map { "\($0); " } ?? ""
        return "\(library) \(version), \(core) kernels (\(width)\(how)), \(threads) thread\(threads == 1 ? "" : "s")"
    }
}

/// Makes OpenBLAS run the best kernels the CPU supports, once per process, before the first
/// product.
///
/// OpenBLAS chooses its kernels when it is loaded, from the CPU model (`get_coretype` in its
/// `driver/others/dynamic.c`), or from `OPENBLAS_CORETYPE`. When that choice uses narrower
/// instructions than the CPU's features allow (`KernelChoice`), the choice is made again
/// through the library's own entry points: `gotoblas_dynamic_quit()` forgets the table and
/// `gotoblas_dynamic_init()` reads `OPENBLAS_CORETYPE` and initialises the forced core's
/// parameters, exactly as at load time. Nothing else depends on the core: OpenBLAS's buffers
/// have a fixed size and its threads look the kernel table up on every call. The variable is
/// set only for that call and then removed, so child processes (the benchmark's Python
/// baselines, which bundle a different OpenBLAS) never inherit it. A core the user set is
/// never changed.
enum KernelSelection {
    static let outcome: BLASConfiguration = select(cpu: .current)

    static let coreTypeVariable = "OPENBLAS_CORETYPE"

    private static func select(cpu: CPUFeatures) -> BLASConfiguration {
        let build = String(cString: openblas_get_config())
        let version = build.split(separator: " ").dropFirst().first.map(String.init) ?? "unknown"
        let detected = currentCore
        let best = KernelChoice.bestCore(for: cpu, available: isAvailable)?.core
        var result = BLASConfiguration(version: version, build: build, core: detected, selection: .detected,
                                       bestCore: best, threads: BLAS.threads, cpu: cpu)
        if let userValue = getenv(coreTypeVariable) {
            result.selection = .environment(String(cString: userValue))
            return result
        }
        guard let replacement = KernelChoice.replacement(forDetected: detected, on: cpu, available: isAvailable) else {
            return result
        }
        switch switchCore(to: replacement.core) {
        case .success(let running):
            result.core = running
            result.selection = .replaced(detected: detected)
        case .failure(let failure):
            result.core = currentCore
            result.selection = .switchFailed(detected: detected, reason: failure.reason)
        }
        return result
    }

    static var currentCore: String { String(cString: openblas_get_corename()) }

    /// Whether the loaded OpenBLAS has a core's kernels (its table `gotoblas_<NAME>` is exported).
    static func isAvailable(_ core: String) -> Bool {
        dlsym(nil, "gotoblas_" + core.uppercased()) != nil
    }

    struct SwitchFailure: Error { var reason: String }

    private typealias EntryPoint = @convention(c) () -> Void

    /// Re-runs OpenBLAS's kernel selection with `core` forced; returns the core then running.
    /// Internal so that the tests can switch and switch back.
    static func switchCore(to core: String) -> Result<String, SwitchFailure> {
        guard let quitSymbol = dlsym(nil, "gotoblas_dynamic_quit"), let initSymbol = dlsym(nil, "gotoblas_dynamic_init") else {
            return .failure(SwitchFailure(reason: "this OpenBLAS was built without DYNAMIC_ARCH"))
        }
        guard isAvailable(core) else { return .failure(SwitchFailure(reason: "this OpenBLAS has no \(core) kernels")) }
        let quit = unsafeBitCast(quitSymbol, to: EntryPoint.self)
        let initialise = unsafeBitCast(initSymbol, to: EntryPoint.self)
        let previous = getenv(coreTypeVariable).map { String(cString: $0) }
        setenv(coreTypeVariable, core, 1)
        quit()
        initialise()
        if let previous { setenv(coreTypeVariable, previous, 1) } else { unsetenv(coreTypeVariable) }
        let running = currentCore
        guard running.lowercased() == core.lowercased() else {
            return .failure(SwitchFailure(reason: "OpenBLAS answered \(running) when asked for \(core)"))
        }
        return .success(running)
    }
}
