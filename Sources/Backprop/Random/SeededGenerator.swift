import RealModule

/// A seeded pseudo-random generator: xoshiro256** (Blackman & Vigna, 2018), its
/// 256-bit state filled from the seed by SplitMix64 as the authors recommend.
///
/// The algorithm is fixed and uses only integer arithmetic, so a seed gives the same
/// stream on every machine and every Swift version. Every random choice in the
/// library (initialisers, shuffles, data sets) takes one of these explicitly.
///
/// ```swift
/// var generator = SeededGenerator(seed: 42)
/// let u: Double = generator.uniform()      // in [0, 1)
/// let z: Double = generator.normal()       // standard normal
/// ```
public struct SeededGenerator: RandomNumberGenerator, Sendable {
    private var state: (UInt64, UInt64, UInt64, UInt64)

    public init(seed: UInt64) {
        var splitMix = seed
        func nextSplitMix() -> UInt64 {
            splitMix &+= 0x9E37_79B9_7F4A_7C15
            var z = splitMix
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        state = (nextSplitMix(), nextSplitMix(), nextSplitMix(), nextSplitMix())
    }

    public mutating func next() -> UInt64 {
        let result = rotateLeft(state.1 &* 5, 7) &* 9
        let t = state.1 << 17
        state.2 ^= state.0
        state.3 ^= state.1
        state.1 ^= state.2
        state.0 ^= state.3
        state.2 ^= t
        state.3 = rotateLeft(state.3, 45)
        return result
    }

    /// A new generator whose stream is independent of this one's, for handing to a
    /// parallel task without sharing state.
    public mutating func split() -> SeededGenerator {
        SeededGenerator(seed: next())
    }

    /// Uniform in [0, 1), from the top 53 bits so every value is an exact multiple of 2⁻⁵³.
    public mutating func uniform() -> Double {
        Double(next() >> 11) * 0x1.0p-53
    }

    /// Uniform in [lower, upper).
    public mutating func uniform(_ lower: Double, _ upper: Double) -> Double {
        lower + (upper - lower) * uniform()
    }

    /// A standard normal sample by the Box–Muller transform (one of the pair is used,
    /// so that the stream position never depends on a cached value).
    public mutating func normal() -> Double {
        // 1 − u lies in (0, 1], so the logarithm is finite.
        let u1 = 1.0 - uniform()
        let u2 = uniform()
        return Double.sqrt(-2.0 * Double.log(u1)) * Double.cos(2.0 * Double.pi * u2)
    }

    /// An integer in 0..<upperBound without modulo bias (Lemire's method, rejection on the low word).
    public mutating func integer(below upperBound: Int) -> Int {
        Misuse.check(upperBound > 0, "integer(below:) needs a positive bound, got \(upperBound)")
        let bound = UInt64(upperBound)
        while true {
            let product = next().multipliedFullWidth(by: bound)
            if product.low >= (0 &- bound) % bound { return Int(product.high) }
        }
    }

    /// A uniformly random permutation of 0..<count (Fisher–Yates).
    public mutating func permutation(_ count: Int) -> [Int] {
        var indices = Array(0..<count)
        shuffle(&indices)
        return indices
    }

    /// Shuffles in place with Fisher–Yates, drawing from this generator only.
    public mutating func shuffle<T>(_ elements: inout [T]) {
        guard elements.count > 1 else { return }
        for i in stride(from: elements.count - 1, to: 0, by: -1) {
            elements.swapAt(i, integer(below: i + 1))
        }
    }
}

@inline(__always)
private func rotateLeft(_ x: UInt64, _ k: UInt64) -> UInt64 {
    (x << k) | (x >> (64 - k))
}
