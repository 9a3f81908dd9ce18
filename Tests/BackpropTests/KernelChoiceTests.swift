import Foundation
import XCTest
@testable import Backprop

/// The choice of OpenBLAS kernels: the decision through its seam (core name and CPU features
/// in, core out), so that CPUs this machine is not are covered, and the running process.
final class KernelChoiceTests: XCTestCase {
    /// /proc/cpuinfo flags of an Intel Xeon of family 6, model 207 (Emerald Rapids, AVX-512 with
    /// BF16 and AMX): the CPU on which Debian's OpenBLAS 0.3.21 detected "Prescott".
    static let emeraldRapids = CPUFeatures(
        vendor: "GenuineIntel", model: "INTEL(R) XEON(R) PLATINUM 8581C CPU @ 2.10GHz", family: 6, modelNumber: 207,
        flags: Set("""
        fpu vme de pse tsc msr pae mce cx8 apic sep mtrr pge mca cmov pat pse36 clflush mmx fxsr sse sse2 ss ht syscall nx \
        pdpe1gb rdtscp lm constant_tsc rep_good nopl xtopology nonstop_tsc cpuid tsc_known_freq pni pclmulqdq ssse3 fma cx16 \
        pcid sse4_1 sse4_2 x2apic movbe popcnt aes xsave avx f16c rdrand hypervisor lahf_lm abm 3dnowprefetch ssbd ibrs ibpb \
        stibp ibrs_enhanced fsgsbase tsc_adjust bmi1 hle avx2 smep bmi2 erms invpcid rtm avx512f avx512dq rdseed adx smap \
        avx512ifma clflushopt clwb avx512cd sha_ni avx512bw avx512vl xsaveopt xsavec xgetbv1 xsaves avx_vnni avx512_bf16 \
        arat avx512vbmi umip pku ospke waitpkg avx512_vbmi2 gfni vaes vpclmulqdq avx512_vnni avx512_bitalg avx512_vpopcntdq \
        rdpid cldemote movdiri movdir64b fsrm md_clear serialize tsxldtrk amx_bf16 avx512_fp16 amx_tile amx_int8 arch_capabilities
        """.split(separator: " ").map(String.init)))

    static let skylakeServer = CPUFeatures(vendor: "GenuineIntel", family: 6, modelNumber: 85,
                                           flags: ["sse2", "avx", "avx2", "fma", "bmi1", "bmi2", "avx512f", "avx512cd", "avx512bw", "avx512dq", "avx512vl"])
    static let intelAVX2 = CPUFeatures(vendor: "GenuineIntel", flags: ["sse2", "avx", "avx2", "fma", "bmi1", "bmi2"])
    static let amdAVX2 = CPUFeatures(vendor: "AuthenticAMD", flags: ["sse2", "avx", "avx2", "fma", "bmi1", "bmi2"])

    func testPrescottOnAnAVX512CPUIsReplacedByAnAVX512Core() {
        XCTAssertEqual(KernelChoice.replacement(forDetected: "Prescott", on: Self.emeraldRapids)?.core, "Cooperlake")
        XCTAssertEqual(KernelChoice.replacement(forDetected: "Prescott", on: Self.skylakeServer)?.core, "SkylakeX",
                       "without avx512_bf16 the Cooperlake kernels would not run")
    }

    func testReplacementIsOnlyACoreTheLoadedLibraryHas() {
        let olderLibrary = { (core: String) in core != "Cooperlake" }
        XCTAssertEqual(KernelChoice.replacement(forDetected: "Prescott", on: Self.emeraldRapids, available: olderLibrary)?.core, "SkylakeX")
        XCTAssertNil(KernelChoice.replacement(forDetected: "Prescott", on: Self.emeraldRapids, available: { _ in false }))
    }

    func testNarrowerDetectedCoresAreReplacedAndTheWidestAreKept() {
        XCTAssertEqual(KernelChoice.replacement(forDetected: "Haswell", on: Self.emeraldRapids)?.core, "Cooperlake")
        XCTAssertEqual(KernelChoice.replacement(forDetected: "Sandybridge", on: Self.intelAVX2)?.core, "Haswell")
        XCTAssertEqual(KernelChoice.replacement(forDetected: "Nehalem", on: Self.amdAVX2)?.core, "Zen",
                       "AMD CPUs get OpenBLAS's Zen parameters")
        XCTAssertNil(KernelChoice.replacement(forDetected: "Cooperlake", on: Self.emeraldRapids))
        XCTAssertNil(KernelChoice.replacement(forDetected: "SkylakeX", on: Self.emeraldRapids), "same tier: OpenBLAS's choice stands")
        XCTAssertNil(KernelChoice.replacement(forDetected: "Haswell", on: Self.intelAVX2))
    }

    func testACoreIsNeverForcedWithoutEveryFlagItsCodeNeeds() {
        var noCD = Self.skylakeServer
        noCD.flags.remove("avx512cd")
        XCTAssertEqual(KernelChoice.replacement(forDetected: "Prescott", on: noCD)?.core, "Haswell")
        var noFMA = Self.intelAVX2
        noFMA.flags.remove("fma")
        XCTAssertEqual(KernelChoice.replacement(forDetected: "Prescott", on: noFMA)?.core, "Sandybridge")
        XCTAssertNil(KernelChoice.replacement(forDetected: "Prescott", on: CPUFeatures(flags: ["sse2", "sse3"])))
    }

    func testUnknownCoreNamesAreNeverReplaced() {
        XCTAssertNil(KernelChoice.replacement(forDetected: "NeoverseN1", on: Self.emeraldRapids))
        XCTAssertNil(KernelChoice.replacement(forDetected: "Unknown", on: Self.emeraldRapids))
    }

    func testCPUInfoIsReadFromTheFirstProcessorBlock() {
        let text = """
        processor\t: 0
        vendor_id\t: AuthenticAMD
        cpu family\t: 26
        model\t\t: 2
        model name\t: AMD EPYC
        flags\t\t: fpu sse2 avx avx2 fma bmi1 bmi2 avx512f

        processor\t: 1
        vendor_id\t: SomethingElse
        flags\t\t: fpu
        """
        let cpu = CPUFeatures(cpuinfo: text)
        XCTAssertEqual(cpu.vendor, "AuthenticAMD")
        XCTAssertEqual(cpu.family, 26)
        XCTAssertEqual(cpu.modelNumber, 2)
        XCTAssertEqual(cpu.model, "AMD EPYC")
        XCTAssertEqual(cpu.flags, ["fpu", "sse2", "avx", "avx2", "fma", "bmi1", "bmi2", "avx512f"])
    }

    func testAdviceNamesTheCauseAndTheFixOnlyWhenNarrowerKernelsRun() {
        var configuration = BLASConfiguration(version: "0.3.21", build: "", core: "Haswell", selection: .environment("Haswell"),
                                              bestCore: "Cooperlake", threads: 2, cpu: Self.emeraldRapids)
        let advice = try? XCTUnwrap(configuration.advice)
        XCTAssertTrue(advice?.contains("OPENBLAS_CORETYPE=Haswell is set") ?? false, advice ?? "")
        XCTAssertTrue(advice?.contains("set OPENBLAS_CORETYPE=Cooperlake") ?? false, advice ?? "")
        configuration.core = "Cooperlake"
        configuration.selection = .replaced(detected: "Prescott")
        XCTAssertNil(configuration.advice)
        XCTAssertTrue(configuration.summary.contains("OpenBLAS detected Prescott"), configuration.summary)
    }

    /// The property the library promises: with no `OPENBLAS_CORETYPE`, products run the widest
    /// kernels the CPU supports (at least AVX2 + FMA on a CPU that has them). When the variable
    /// is set here, the check runs in a child process without it (and without OPENBLAS_L2_SIZE),
    /// as a new user's shell would be.
    func testProductsRunTheWidestKernelsTheCPUSupportsWithoutEnvironmentVariables() throws {
        let environment = ProcessInfo.processInfo.environment
        if environment["OPENBLAS_CORETYPE"] != nil || environment["OPENBLAS_L2_SIZE"] != nil {
            let status = try rerunWithoutOpenBLASVariables("KernelChoiceTests/testProductsRunTheWidestKernelsTheCPUSupportsWithoutEnvironmentVariables")
            XCTAssertEqual(status, 0, "the check failed in a process without OPENBLAS_* variables (its output is above)")
            return
        }
        let configuration = BLAS.configuration
        let cpu = CPUFeatures.current
        print("BLAS: \(configuration.summary) on \(cpu.description)")
        XCTAssertNil(configuration.advice)
        if let best = configuration.bestCore {
            XCTAssertGreaterThanOrEqual(try XCTUnwrap(configuration.tier), try XCTUnwrap(KernelChoice.tier(ofCore: best)))
        }
        if cpu.has(["avx2", "fma"]) {
            XCTAssertGreaterThanOrEqual(try XCTUnwrap(configuration.tier), .avx2, "\(configuration.core) is a generic kernel set")
        }
    }

    /// The switch itself, through OpenBLAS's own selection: to the generic kernels and back,
    /// with correct products on both and the variable not left in the environment.
    func testSwitchingCoresRunsTheRequestedKernelsAndLeavesTheEnvironmentAsItWas() throws {
        let original = BLAS.configuration.core
        let variableBefore = ProcessInfo.processInfo.environment["OPENBLAS_CORETYPE"]
        defer { _ = KernelSelection.switchCore(to: original) }

        for core in ["Prescott", original] {
            XCTAssertEqual(try KernelSelection.switchCore(to: core).get(), core)
            XCTAssertEqual(KernelSelection.currentCore, core)
            XCTAssertEqual(ProcessInfo.processInfo.environment["OPENBLAS_CORETYPE"], variableBefore)
            var generator = SeededGenerator(seed: 3)
            let a = Matrix<Float>(rows: 96, columns: 80, elements: (0..<96 * 80).map { _ in Float(generator.uniform(-1, 1)) })
            let b = Matrix<Float>(rows: 80, columns: 72, elements: (0..<80 * 72).map { _ in Float(generator.uniform(-1, 1)) })
            let product = a * b
            var largest: Float = 0
            for i in 0..<96 {
                for j in 0..<72 {
                    var sum = 0.0
                    for p in 0..<80 { sum += Double(a[i, p]) * Double(b[p, j]) }
                    largest = max(largest, abs(product[i, j] - Float(sum)))
                }
            }
            // 80 Float products of magnitude ≤ 1: rounding stays far below 1e-4.
            XCTAssertLessThan(largest, 1e-4, "\(core) kernels")
        }
    }

    private func rerunWithoutOpenBLASVariables(_ test: String) throws -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: ProcessInfo.processInfo.arguments[0])
        process.arguments = ["BackpropTests.\(test)"]
        var environment = ProcessInfo.processInfo.environment
        environment["OPENBLAS_CORETYPE"] = nil
        environment["OPENBLAS_L2_SIZE"] = nil
        process.environment = environment
        try process.run()
        process.waitUntilExit()
        return process.terminationStatus
    }
}
