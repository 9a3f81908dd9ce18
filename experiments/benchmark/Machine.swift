import Backprop
import ExperimentKit
import Foundation
import Glibc

/// What the benchmark needs to know about the machine: the FP32 peak (derived from
/// /proc/cpuinfo, with the derivation spelled out), a monotonic clock, the BLAS thread
/// count and the peak resident set size.
enum Machine {
    struct Peak {
        var model: String
        var logicalCPUs: Int
        var gigahertz: Double
        /// FP32 lanes per vector register: 16 with AVX-512, 8 with AVX/AVX2, 4 with SSE.
        var lanes: Int
        /// 2 when the CPU has fused multiply-add (one FMA = two FLOPs), else 1.
        var fmaFactor: Int
        /// Vector FMAs a core starts per cycle. cpuinfo does not say; cores with FMA have
        /// had two pipes since Haswell, and every Xeon with AVX-512 but the low-end Silver
        /// and Bronze parts has two 512-bit units, so 2 when FMA is present.
        var fmaPipes: Int
        var flagsUsed: [String]
        var nominalGigahertz: Double
        var measuredGigahertz: Double

        /// GFLOP/s = GHz × CPUs × lanes × FMA factor × FMA pipes, at the higher of the
        /// nominal and the measured clock.
        var gflops: Double { gigahertz * Double(logicalCPUs * lanes * fmaFactor * fmaPipes) }

        var derivation: String {
            "\(formatFixed(gigahertz, decimals: 2)) GHz × \(logicalCPUs) CPUs × \(lanes) FP32 lanes (\(flagsUsed.joined(separator: ", "))) × \(fmaFactor) (FMA) × \(fmaPipes) FMA pipes per core = \(formatFixed(gflops, decimals: 1)) GFLOP/s (clock: nominal \(formatFixed(nominalGigahertz, decimals: 2)) GHz, measured \(formatFixed(measuredGigahertz, decimals: 2)) GHz by a dependent-instruction chain; \(model))"
        }
    }

    static func fp32Peak() -> Peak {
        let cpu = CPUFeatures.current
        let model = cpu.model.isEmpty ? "unknown CPU" : cpu.model, flags = cpu.flags
        var megahertz = cpu.megahertz ?? 0
        // A "@ 2.20GHz" in the model name is the nominal clock; prefer it to the momentary MHz.
        if let range = model.range(of: #"[0-9.]+GHz"#, options: .regularExpression),
           let nominal = Double(model[range].dropLast(3)) {
            megahertz = nominal * 1000
        }
        // Turbo runs above the nominal clock (this project's machine: 1024² sgemm measured
        // 357 GFLOP/s against 282 at 2.2 GHz), so the measured clock counts when higher.
        let nominalMegahertz = megahertz
        let measured = measuredMegahertz()
        megahertz = max(megahertz, measured)
        let lanes: Int, used: [String]
        if flags.contains("avx512f") { (lanes, used) = (16, ["avx512f"]) }
        else if flags.contains("avx") { (lanes, used) = (8, [flags.contains("avx2") ? "avx2" : "avx"]) }
        else { (lanes, used) = (4, ["sse"]) }
        let fma = flags.contains("fma") || flags.contains("avx512f")
        return Peak(model: model, logicalCPUs: ProcessInfo.processInfo.activeProcessorCount,
                    gigahertz: megahertz / 1000, lanes: lanes, fmaFactor: fma ? 2 : 1, fmaPipes: fma ? 2 : 1,
                    flagsUsed: used + (fma ? ["fma"] : []), nominalGigahertz: nominalMegahertz / 1000,
                    measuredGigahertz: measured / 1000)
    }

    /// The clock as one core runs it now: a chain of dependent shift-and-add steps, one
    /// cycle each on every x86 core since the Pentium Pro, timed over ~50 ms.
    static func measuredMegahertz() -> Double {
        var best = 0.0
        for _ in 0..<5 {
            let steps = 20_000_000
            let start = now()
            let value = dependentChain(steps: steps, seed: UInt64(start.bitPattern & 0xff))
            let seconds = now() - start
            if value == 42 { print("", terminator: "") }      // keeps the chain from being optimised away
            best = max(best, Double(2 * steps) / seconds / 1e6)
        }
        return best
    }

    /// Two dependent one-cycle instructions per step (a shift, then an add).
    @inline(never)
    static func dependentChain(steps: Int, seed: UInt64) -> UInt64 {
        var x = seed | 1
        for _ in 0..<steps { x = x &+ (x &>> 7) }
        return x
    }

    /// Seconds on a monotonic clock.
    static func now() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) * 1e-9
    }

    /// Waits until threads that the last timed run left spinning have gone to sleep, so that
    /// they do not compete with the next one: OpenBLAS's workers spin for 2²⁸ cycles (~70 ms)
    /// after a product and Intel OpenMP's (PyTorch) for 200 ms by default. Measured here:
    /// without the pause, ours timed right after numpy's 1024² sgemm took 10.5 ms instead of 5.0.
    static func settle() {
        usleep(400_000)
    }

    /// The 1-, 5- and 15-minute load averages from /proc/loadavg (empty when unreadable).
    static func loadAverage() -> [Double] {
        let text = (try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8)) ?? ""
        return text.split(separator: " ").prefix(3).compactMap { Double($0) }
    }

    /// Sets the number of threads OpenBLAS uses for every following product.
    static func setBLASThreads(_ count: Int) {
        BLAS.threads = count
    }

    static var blasThreads: Int { BLAS.threads }

    /// The peak resident set size of this process so far, in bytes: VmHWM from
    /// /proc/self/status. (getrusage's ru_maxrss would not do for the probe child: Linux
    /// carries it over from the parent across fork and exec, so the child reported the
    /// parent's peak.)
    static func peakResidentBytes() -> Int {
        let status = (try? String(contentsOfFile: "/proc/self/status", encoding: .utf8)) ?? ""
        for line in status.split(separator: "\n") where line.hasPrefix("VmHWM:") {
            let kibibytes = line.split(whereSeparator: { $0 == " " || $0 == "\t" }).dropFirst().first.flatMap { Int($0) } ?? 0
            return kibibytes * 1024
        }
        return 0
    }
}
