import CCairo

/// Counts of values in consecutive bins, with numpy's `histogram` convention: the bins are
/// [e₀, e₁), [e₁, e₂), …, and the last one is closed, [eₙ₋₁, eₙ]. Values outside [e₀, eₙ],
/// and NaN, fall in no bin; `outside` says how many.
///
/// ```swift
/// let h = Histogram([0.1, 0.4, 0.5, 1.0], bins: 2, range: 0...1)
/// h.edges    // [0, 0.5, 1]
/// h.counts   // [2, 2]: 0.5 opens the second bin, 1.0 closes it
/// ```
public struct Histogram: Sendable, Equatable {
    /// Bin edges, strictly increasing: `counts.count + 1` of them.
    public let edges: [Double]
    /// Values per bin.
    public let counts: [Int]
    /// Values in no bin: below e₀, above eₙ, or NaN.
    public let outside: Int

    /// Counts `values` in the bins between consecutive `edges` (at least two, finite, strictly increasing).
    public init(_ values: [Double], edges: [Double]) {
        if edges.count < 2 { fatalError("Histogram: need at least two edges, got \(edges.count)") }
        if !(edges.allSatisfy(\.isFinite) && zip(edges, edges.dropFirst()).allSatisfy { $0 < $1 }) {
            fatalError("Histogram: edges must be finite and strictly increasing, got \(edges)")
        }
        var counts = [Int](repeating: 0, count: edges.count - 1)
        var outside = 0
        let last = edges[edges.count - 1]
        for value in values {
            guard value >= edges[0] && value <= last else { outside += 1; continue }
            if value == last { counts[counts.count - 1] += 1; continue }
            // The bin is the last edge ≤ value: binary search for the first edge > value.
            var low = 1, high = edges.count - 1
            while low < high {
                let middle = (low + high) / 2
                if edges[middle] > value { high = middle } else { low = middle + 1 }
            }
            counts[low - 1] += 1
        }
        self.edges = edges
        self.counts = counts
        self.outside = outside
    }

    /// Counts `values` in `bins` bins of equal width over `range`; without a range, over the
    /// finite values' minimum…maximum (a single value v gets v − 0.5…v + 0.5, as numpy does;
    /// no finite value gets 0…1).
    public init(_ values: [Double], bins: Int, range: ClosedRange<Double>? = nil) {
        if bins < 1 { fatalError("Histogram: need at least one bin, got \(bins)") }
        var lower: Double, upper: Double
        if let range {
            (lower, upper) = (range.lowerBound, range.upperBound)
        } else {
            let finite = values.filter(\.isFinite)
            (lower, upper) = (finite.min() ?? 0, finite.max() ?? 1)
        }
        if lower == upper { (lower, upper) = (lower - 0.5, upper + 0.5) }
        let width = upper - lower
        // The last edge is exactly `upper`, so the largest value lands in the last bin.
        let edges = (0...bins).map { $0 == bins ? upper : lower + width * Double($0) / Double(bins) }
        self.init(values, edges: edges)
    }

    /// Values counted in some bin.
    public var total: Int { counts.reduce(0, +) }

    /// Each bin's count over all the values given (those outside included), so that two
    /// samples of one size drawn over the same edges compare bar by bar.
    public var fractions: [Double] {
        let all = Double(max(total + outside, 1))
        return counts.map { Double($0) / all }
    }
}

/// What a histogram's bar heights show.
public enum HistogramHeight: Sendable, Equatable {
    /// Values per bin.
    case count
    /// Values per bin over all values (`Histogram.fractions`).
    case fraction
}

struct HistogramBars {
    var histogram: Histogram
    var heights: [Double]
    var label: String?
    var color: Color
    var fillOpacity: Double
    var width: Double
}

extension Axes {
    /// Draws a histogram as its outline (a step line over the bins) filled with the same
    /// colour at `fillOpacity`; overlaid histograms stay readable with a low opacity, or 0.
    /// On a log y axis, empty bins drop to the bottom of the panel.
    public func histogram(_ histogram: Histogram, height: HistogramHeight = .count, label: String? = nil,
                          color: Color? = nil, fillOpacity: Double = 0.3, width: Double = 1) {
        let heights = height == .count ? histogram.counts.map { Double($0) } : histogram.fractions
        items.append(.histogram(HistogramBars(histogram: histogram, heights: heights, label: label,
                                              color: takeColor(color), fillOpacity: fillOpacity, width: width)))
    }

    /// Counts `values` in `bins` equal bins over `range` (default: their minimum…maximum),
    /// draws them as `histogram(_:height:…)` does, and returns the counts.
    @discardableResult
    public func histogram(_ values: [Double], bins: Int = 30, range: ClosedRange<Double>? = nil,
                          height: HistogramHeight = .count, label: String? = nil, color: Color? = nil,
                          fillOpacity: Double = 0.3, width: Double = 1) -> Histogram {
        let counted = Histogram(values, bins: bins, range: range)
        self.histogram(counted, height: height, label: label, color: color, fillOpacity: fillOpacity, width: width)
        return counted
    }

    /// The points the axis ranges must show: each bar's top corners and the zero line.
    func histogramExtent(_ bars: HistogramBars, _ point: (Double, Double) -> Void) {
        let edges = bars.histogram.edges
        for (index, height) in bars.heights.enumerated() {
            point(edges[index], height)
            point(edges[index + 1], height)
        }
        point(edges[0], 0)
    }

    /// The outline and fill of one histogram; adds points inside the bars so that the legend
    /// avoids covering them.
    func drawHistogram(_ bars: HistogramBars, _ c: Canvas, _ xm: AxisMap, _ ym: AxisMap, _ plot: Rect,
                       _ points: inout [(Double, Double)]) {
        let edges = bars.histogram.edges
        // Bars stand on zero, or on the panel's bottom where zero cannot be drawn (log axes).
        let base = ym.pixel(0).map { min($0, plot.maxY) } ?? plot.maxY
        func top(_ height: Double) -> Double { ym.pixel(height).map { max(-1e6, min(1e6, $0)) } ?? base }
        guard let x0 = xm.pixel(edges[0]), let xn = xm.pixel(edges[edges.count - 1]) else { return }
        // The outline: up the first edge, along the tops, down the last edge.
        func outline() {
            cairo_new_path(c.cr)
            cairo_move_to(c.cr, x0, base)
            for (index, height) in bars.heights.enumerated() {
                guard let left = xm.pixel(edges[index]), let right = xm.pixel(edges[index + 1]) else { continue }
                cairo_line_to(c.cr, left, top(height))
                cairo_line_to(c.cr, right, top(height))
            }
            cairo_line_to(c.cr, xn, base)
        }
        if bars.fillOpacity > 0 {
            outline()
            cairo_close_path(c.cr)
            c.color(bars.color, alpha: bars.fillOpacity)
            cairo_fill(c.cr)
        }
        for (index, height) in bars.heights.enumerated() {
            guard let left = xm.pixel(edges[index]), let right = xm.pixel(edges[index + 1]) else { continue }
            let y = top(height)
            for fraction in [0.0, 0.5] { points.append(((left + right) / 2, y + (base - y) * fraction)) }
        }
        outline()
        c.color(bars.color)
        cairo_set_line_join(c.cr, CAIRO_LINE_JOIN_MITER)
        c.stroke(width: c.lineWidth * 0.7 * bars.width)
    }
}
