import Foundation

/// What the processor is and which instruction-set extensions it may use.
///
/// Read from `/proc/cpuinfo`, whose `flags` are the CPUID feature bits that the kernel also
/// enabled: AVX-512 appears there only when the operating system saves the AVX-512 registers
/// (XSAVE), so a listed flag is one a program may use.
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

    /// This machine's processor (the first one listed; they are all alike).
    public static let current = CPUFeatures(cpuinfo: (try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8)) ?? "")

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
