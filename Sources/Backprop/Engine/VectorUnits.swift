/// The widest vector instructions this CPU may run, for the few element-wise kernels the
/// engine carries in more than one width (the library itself is compiled for baseline
/// x86-64, SSE2, so that it runs on every x86-64 machine).
public enum VectorUnits: Comparable, Sendable {
    case baseline, avx, avx512

    public static let current: VectorUnits = {
        #if arch(x86_64)
        let cpu = CPUFeatures.current
        if cpu.has(["avx512f"]) { return .avx512 }
        if cpu.has(["avx"]) { return .avx }
        #endif
        return .baseline
    }()
}
