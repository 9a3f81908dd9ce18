/// Which of OpenBLAS's kernel sets ("cores") a processor should run, decided from its
/// features rather than from its model number.
///
/// OpenBLAS built with DYNAMIC_ARCH (every distribution's package) picks its kernels from a
/// table of CPU models it knew when it was released, and falls back to a generic SSE3 set
/// ("Prescott") on a model it does not know: Debian 12's OpenBLAS 0.3.21 on a newer Xeon
/// runs SSE3 code on a CPU with AVX-512. These rules are the seam that notices that: the
/// detected core's instruction-set tier against the best tier the features allow.
///
/// When forcing a core is safe: each candidate lists every flag its kernels are compiled
/// for (OpenBLAS builds them with `-march=skylake-avx512`, `-march=cooperlake`, `-mavx2
/// -mfma`, `-mavx`), and one is chosen only if the CPU lists all of them. A forced core on a
/// CPU without those instructions would stop with SIGILL; OpenBLAS's own
/// `OPENBLAS_CORETYPE` does not check.
public enum KernelChoice {
    /// The widest vector instructions a kernel set uses.
    public enum Tier: Int, Comparable, Sendable, CustomStringConvertible {
        case generic, avx, avx2, avx512

        public static func < (a: Tier, b: Tier) -> Bool { a.rawValue < b.rawValue }

        public var description: String {
            switch self {
            case .generic: "SSE"
            case .avx: "AVX"
            case .avx2: "AVX2 + FMA"
            case .avx512: "AVX-512"
            }
        }
    }

    /// A kernel set this library may ask OpenBLAS for, with the flags its code needs.
    public struct Candidate: Sendable, Equatable {
        /// OpenBLAS's name for it, as `OPENBLAS_CORETYPE` takes it.
        public var core: String
        public var tier: Tier
        public var requiredFlags: Set<String>
        /// Preferred on this vendor's CPUs only (OpenBLAS's Zen parameters are for AMD caches).
        public var vendor: String?
    }

    private static let avx512: Set<String> = ["avx512f", "avx512cd", "avx512bw", "avx512dq", "avx512vl"]
    private static let avx2: Set<String> = ["avx", "avx2", "fma", "bmi1", "bmi2"]

    /// Best first.
    public static let candidates: [Candidate] = [
        Candidate(core: "Cooperlake", tier: .avx512, requiredFlags: avx512.union(avx2).union(["avx512_bf16"])),
        Candidate(core: "SkylakeX", tier: .avx512, requiredFlags: avx512.union(avx2)),
        Candidate(core: "Zen", tier: .avx2, requiredFlags: avx2, vendor: "AuthenticAMD"),
        Candidate(core: "Haswell", tier: .avx2, requiredFlags: avx2),
        Candidate(core: "Sandybridge", tier: .avx, requiredFlags: ["avx"]),
    ]

    /// The tier of each core name OpenBLAS reports (`openblas_get_corename`), lowercased.
    /// Names not listed (other architectures, future cores) have no tier and are never replaced.
    static let tiers: [String: Tier] = {
        var table: [String: Tier] = [:]
        for name in ["katmai", "coppermine", "northwood", "prescott", "banias", "atom", "core2", "penryn", "dunnington",
                     "nehalem", "athlon", "opteron", "opteron_sse3", "barcelona", "nano", "bobcat"] { table[name] = .generic }
        for name in ["sandybridge", "bulldozer", "piledriver", "steamroller", "excavator"] { table[name] = .avx }
        for name in ["haswell", "zen"] { table[name] = .avx2 }
        for name in ["skylakex", "cooperlake", "sapphirerapids"] { table[name] = .avx512 }
        return table
    }()

    public static func tier(ofCore name: String) -> Tier? { tiers[name.lowercased()] }

    /// The best kernel set the CPU can run among those `available` in the loaded library.
    public static func bestCore(for cpu: CPUFeatures, available: (String) -> Bool = { _ in true }) -> Candidate? {
        candidates.first { candidate in
            cpu.has(candidate.requiredFlags) && (candidate.vendor.map { $0 == cpu.vendor } ?? true) && available(candidate.core)
        }
    }

    /// The core to switch to when OpenBLAS's own choice `detected` uses narrower vector
    /// instructions than the CPU supports, or nil to keep it. E.g. "Prescott" on a CPU with
    /// AVX-512 → "Cooperlake" or "SkylakeX"; "Cooperlake" on the same CPU → nil.
    public static func replacement(forDetected detected: String, on cpu: CPUFeatures,
                                   available: (String) -> Bool = { _ in true }) -> Candidate? {
        guard let current = tier(ofCore: detected), let best = bestCore(for: cpu, available: available),
              best.tier > current else { return nil }
        return best
    }
}
