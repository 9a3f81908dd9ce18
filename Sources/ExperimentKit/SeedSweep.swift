import Backprop

/// The same experiment from several seeds at once, so that a conclusion says how often it
/// holds instead of resting on one lucky initialisation.
///
/// Seeds are `base`, `base + 1`, …: a given `--seed` and `--seeds` give the same runs on any
/// machine, whatever the scheduling (`parallelMap` returns results in seed order).
public enum SeedSweep {
    /// The seeds of a sweep of `count` runs starting at `base` (wrapping past UInt64.max).
    public static func seeds(from base: UInt64, count: Int) -> [UInt64] {
        (0..<UInt64(Swift.max(count, 0))).map { base &+ $0 }
    }

    /// Runs `body` once per seed on all cores and returns the results in seed order.
    public static func run<Result: Sendable>(seeds: [UInt64], progress: ProgressBar? = nil,
                                            _ body: @Sendable (UInt64) -> Result) -> [Result] {
        parallelMap(count: seeds.count, progress: progress) { body(seeds[$0]) }
    }
}

/// A summary of a sample of numbers (final losses, accuracies): its order statistics and
/// how many lie at or below a threshold.
public struct Distribution: Sendable, Equatable {
    public let values: [Double]
    /// `values` without NaN, ascending (a diverged run's NaN is counted in `values` only).
    public let sorted: [Double]

    public init(_ values: [Double]) {
        self.values = values
        sorted = values.filter { !$0.isNaN }.sorted()
    }

    public var count: Int { values.count }
    public var minimum: Double? { sorted.first }
    public var maximum: Double? { sorted.last }
    public var median: Double? { quantile(0.5) }
    public var lowerQuartile: Double? { quantile(0.25) }
    public var upperQuartile: Double? { quantile(0.75) }

    public var mean: Double? { sorted.isEmpty ? nil : sorted.reduce(0, +) / Double(sorted.count) }

    /// The sample standard deviation (n − 1), nil for fewer than two values.
    public var standardDeviation: Double? {
        guard let mean, sorted.count > 1 else { return nil }
        return (sorted.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(sorted.count - 1)).squareRoot()
    }

    /// The q-quantile by linear interpolation between order statistics (numpy's default).
    public func quantile(_ q: Double) -> Double? {
        guard !sorted.isEmpty else { return nil }
        let position = q * Double(sorted.count - 1)
        let lower = Int(position.rounded(.down)), upper = Swift.min(lower + 1, sorted.count - 1)
        return sorted[lower] + (sorted[upper] - sorted[lower]) * (position - Double(lower))
    }

    /// How many values are ≤ `threshold` (NaN never is).
    public func count(atMost threshold: Double) -> Int { values.filter { $0 <= threshold }.count }

    /// How many values are ≥ `threshold` (NaN never is).
    public func count(atLeast threshold: Double) -> Int { values.filter { $0 >= threshold }.count }
}

extension Distribution {
    /// The 95 % Wilson score interval of a success rate: where the true rate lies given
    /// `successes` of `trials` runs (Wilson 1927, the interval statsmodels' `proportion_confint`
    /// gives with `method="wilson"`). Unlike p ± 1.96·√(p(1−p)/n), it stays inside [0, 1] and is
    /// not empty at 0 or n successes: 0 of 20 gives 0–16 %.
    ///
    /// - Parameter z: the normal quantile of the confidence level (1.96 for 95 %).
    /// - Returns: the interval as fractions; 0...1 when there are no trials.
    public static func wilsonInterval(successes: Int, of trials: Int, z: Double = 1.959_963_984_540_054) -> ClosedRange<Double> {
        guard trials > 0 else { return 0...1 }
        let n = Double(trials), p = Double(min(max(successes, 0), trials)) / n
        let denominator = 1 + z * z / n
        let centre = (p + z * z / (2 * n)) / denominator
        let halfWidth = z * (p * (1 - p) / n + z * z / (4 * n * n)).squareRoot() / denominator
        // At 0 or n successes one end is exactly 0 or 1, which rounding would miss.
        let lower = p == 0 ? 0 : max(0, centre - halfWidth), upper = p == 1 ? 1 : min(1, centre + halfWidth)
        return lower...upper
    }
}
