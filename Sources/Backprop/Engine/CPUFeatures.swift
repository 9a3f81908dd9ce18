#if arch(x86_64)
import CCPUID
#endif
import Foundation

/// What the processor is and which instruction-set extensions this process may use.
///
/// On x86-64 the flags come from the CPUID instruction, counted only when the operating
/// system saves the registers they need (XCR0): AVX needs the YMM state, AVX-512 the opmask
/// and ZMM states. CPUID, not /proc/cpuinfo, because an emulator or valgrind hides what it
/// cannot run from CPUID only (valgrind 3.19 has no AVX-512; trusting /proc/cpuinfo there
/// ends in SIGILL). Flags are spelled as /proc/cpuinfo spells them.
public struct CPUFeatures: Sendable, Equatable {
    /// "GenuineIntel", "AuthenticAMD", … (empty when unknown).
    public var vendor: String
    /// The marketing name, e.g. "Intel(R) Xeon(R) Platinum 8581C CPU @ 2.10GHz".
    public var model: String
    /// CPUID family and model numbers as /proc/cpuinfo prints them (e.g. 6 and 207).
    public var family: Int?
    public var modelNumber: Int?
    /// Feature flags in /proc/cpuinfo's spelling: "avx2", "fma", "avx512f", "avx512_bf16", …
    public var flags: Set<String>
    /// The clock the kernel last saw ("cpu MHz"), which may be the nominal one in a VM.
    public var megahertz: Double?

    public init(vendor: String = "", model: String = "", family: Int? = nil, modelNumber: Int? = nil,
                flags: Set<String>, megahertz: Double? = nil) {
        self.vendor = vendor
        self.model = model
        self.family = family
        self.modelNumber = modelNumber
        self.flags = flags
        self.megahertz = megahertz
    }

    /// This machine's processor, as this process sees it.
    public static let current: CPUFeatures = {
        let listed = CPUFeatures(cpuinfo: (try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8)) ?? "")
        #if arch(x86_64)
        var cpu = CPUFeatures(cpuid: backprop_read_cpuid())
        cpu.megahertz = listed.megahertz
        if cpu.model.isEmpty { cpu.model = listed.model }
        return cpu
        #else
        return listed
        #endif
    }()

    #if arch(x86_64)
    /// Decodes the CPUID leaves (Intel SDM vol. 2A, CPUID; AMD APM vol. 3, appendix E).
    init(cpuid: backprop_cpuid) {
        func bit(_ word: UInt32, _ index: Int) -> Bool { word & (1 << UInt32(index)) != 0 }
        var flags = Set<String>()
        let ecx1 = cpuid.leaf1Ecx, edx1 = cpuid.leaf1Edx, ebx7 = cpuid.leaf7Ebx, eax71 = cpuid.leaf7Subleaf1Eax
        let ymmState = cpuid.xcr0 & 0b110 == 0b110             // SSE and AVX registers saved
        let zmmState = ymmState && cpuid.xcr0 & 0b1110_0000 == 0b1110_0000   // opmask, ZMM0–15 high, ZMM16–31
        for (name, present) in [("sse2", bit(edx1, 26)), ("sse3", bit(ecx1, 0)), ("ssse3", bit(ecx1, 9)),
                                ("sse4_1", bit(ecx1, 19)), ("sse4_2", bit(ecx1, 20)), ("bmi1", bit(ebx7, 3)), ("bmi2", bit(ebx7, 8))] where present {
            flags.insert(name)
        }
        if ymmState {
            for (name, present) in [("avx", bit(ecx1, 28)), ("fma", bit(ecx1, 12)), ("avx2", bit(ebx7, 5))] where present {
                flags.insert(name)
            }
        }
        if zmmState {
            for (name, present) in [("avx512f", bit(ebx7, 16)), ("avx512dq", bit(ebx7, 17)), ("avx512cd", bit(ebx7, 28)),
                                    ("avx512bw", bit(ebx7, 30)), ("avx512vl", bit(ebx7, 31)), ("avx512_bf16", bit(eax71, 5))] where present {
                flags.insert(name)
            }
        }
        let vendorWords = [cpuid.vendor.0, cpuid.vendor.1, cpuid.vendor.2]
        let vendor = String(decoding: vendorWords.flatMap { word in (0..<4).map { UInt8(truncatingIfNeeded: word >> (8 * $0)) } }, as: UTF8.self)
        let eax = cpuid.leaf1Eax
        let baseFamily = Int((eax >> 8) & 0xF), baseModel = Int((eax >> 4) & 0xF)
        let family = baseFamily == 0xF ? baseFamily + Int((eax >> 20) & 0xFF) : baseFamily
        let model = baseFamily == 0x6 || baseFamily == 0xF ? baseModel + (Int((eax >> 16) & 0xF) << 4) : baseModel
        let brand = withUnsafeBytes(of: cpuid.brand) { bytes in
            String(decoding: bytes.prefix { $0 != 0 }, as: UTF8.self).trimmingCharacters(in: .whitespaces)
        }
        self.init(vendor: vendor, model: brand, family: family, modelNumber: model, flags: flags)
    }
    #endif

    /// Parses the text of /proc/cpuinfo.
    public init(cpuinfo text: String) {
        var fields: [String: String] = [:]
        for line in text.split(separator: "\n") {
            // A blank line ends the first processor's block; `split` drops it, so stop at a repeat.
            let parts = line.split(separator: ":", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard parts.count == 2 else { continue }
            if fields[parts[0]] != nil { break }
            fields[parts[0]] = parts[1]
        }
        self.init(vendor: fields["vendor_id"] ?? "", model: fields["model name"] ?? "",
                  family: fields["cpu family"].flatMap { Int($0) }, modelNumber: fields["model"].flatMap { Int($0) },
                  flags: Set((fields["flags"] ?? "").split(separator: " ").map(String.init)),
                  megahertz: fields["cpu MHz"].flatMap { Double($0) })
    }

    public func has(_ required: Set<String>) -> Bool { required.isSubset(of: flags) }

    /// "Intel … (family 6, model 207)".
    public var description: String {
        let numbers = [family.map { "family \($0)" }, modelNumber.map { "model \($0)" }].compactMap { $0 }
        let name = model.isEmpty ? "unknown CPU" : model
        return numbers.isEmpty ? name : "\(name) (\(numbers.joined(separator: ", ")))"
    }
}
