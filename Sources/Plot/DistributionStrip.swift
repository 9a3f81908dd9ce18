import CCairo
import Foundation

/// A named sample of numbers shown as one distribution: the final losses of one optimiser
/// over twenty seeds, say. NaN and ±∞ (a diverged run) are counted, not plotted.
public struct ValueGroup: Sendable {
    public var name: String
    public var values: [Double]
    /// The group's colour; nil takes the next palette colour.
    public var color: Color?

    public init(name: String, values: [Double], color: Color? = nil) {
        self.name = name; self.values = values; self.color = color
    }
}

extension Axes {
    /// Distributions side by side: for each group, one dot per value (jittered sideways,
    /// the same way on every run) over a box from the lower to the upper quartile with a
    /// line at the median and whiskers to the furthest value within 1.5 interquartile
    /// ranges of the box (Tukey's, as matplotlib draws them). Groups sit at x = 0, 1, 2, …
    /// and are named under the axis, with how many values each has and how many diverged
    /// (NaN or ±∞; they have no place on the axis). Set `yScale = .log` for losses; values
    /// ≤ 0 cannot be placed there and are counted as not shown.
    ///
    /// ```swift
    /// axes.yScale = .log
    /// axes.yLabel = "final ½·MSE"
    /// axes.distributions([ValueGroup(name: "gradient descent", values: gdLosses),
    ///                     ValueGroup(name: "Adam", values: adamLosses)],
    ///                    threshold: 0.005, thresholdLabel: "success: ½·MSE ≤ 0.005")
    /// ```
    ///
    /// Quartiles interpolate linearly between order statistics (numpy's default).
    public func distributions(_ groups: [ValueGroup], threshold: Double? = nil, thresholdLabel: String? = nil) {
        let coloured = groups.map { group -> ValueGroup in
            var group = group
            group.color = takeColor(group.color)
            return group
        }
        items.append(.strip(StripPlot(groups: coloured)))
        if let threshold {
            hline(y: threshold, label: thresholdLabel, color: Color(hex: 0x555555), style: .dashed)
        }
    }
}

/// The distributions of `Axes.distributions`, and what each group's drawing is made of.
struct StripPlot {
    var groups: [ValueGroup]

    /// One group as drawn, in data coordinates: x is the group's position.
    struct Summary: Equatable {
        var position: Double
        /// The values drawn as dots, with their jittered x.
        var points: [(x: Double, y: Double)]
        /// NaN and ±∞.
        var diverged: Int
        /// Finite but not placeable on the axis (≤ 0 on a log axis).
        var hidden: Int
        /// Lower quartile, median, upper quartile; nil without drawable values.
        var quartiles: (lower: Double, median: Double, upper: Double)?
        var whiskers: (lower: Double, upper: Double)?

        static func == (a: Summary, b: Summary) -> Bool {
            a.position == b.position && a.points.map(\.x) == b.points.map(\.x) && a.points.map(\.y) == b.points.map(\.y)
                && a.diverged == b.diverged && a.hidden == b.hidden
        }
    }

    /// Half the width of a box, and how far dots spread sideways, in units of the spacing between groups.
    static let boxHalfWidth = 0.22, jitterHalfWidth = 0.16

    func summaries(scale: Scale) -> [Summary] {
        groups.enumerated().map { index, group in
            let position = Double(index)
            let finite = group.values.filter(\.isFinite)
            let drawable = group.values.filter { scale.transform($0) != nil }
            // Golden-ratio steps spread any number of dots evenly over the strip, and the
            // same values always land in the same places.
            var points: [(x: Double, y: Double)] = []
            for (k, value) in drawable.enumerated() {
                let u = (Double(k) * 0.618_033_988_749_895).truncatingRemainder(dividingBy: 1)
                points.append((position + (2 * u - 1) * Self.jitterHalfWidth, value))
            }
            let sorted = drawable.sorted()
            var quartiles: (Double, Double, Double)?
            var whiskers: (Double, Double)?
            if !sorted.isEmpty {
                let q1 = Self.quantile(sorted, 0.25), q2 = Self.quantile(sorted, 0.5), q3 = Self.quantile(sorted, 0.75)
                let reach = 1.5 * (q3 - q1)
                quartiles = (q1, q2, q3)
                whiskers = (sorted.first { $0 >= q1 - reach } ?? q1, sorted.last { $0 <= q3 + reach } ?? q3)
            }
            return Summary(position: position, points: points, diverged: group.values.count - finite.count,
                           hidden: finite.count - drawable.count, quartiles: quartiles, whiskers: whiskers)
        }
    }

    /// The q-quantile of ascending values by linear interpolation (numpy's default).
    static func quantile(_ sorted: [Double], _ q: Double) -> Double {
        let position = q * Double(sorted.count - 1)
        let lower = Int(position.rounded(.down)), upper = min(lower + 1, sorted.count - 1)
        return sorted[lower] + (sorted[upper] - sorted[lower]) * (position - Double(lower))
    }

    /// The second line under a group's name: how many values, and how many are missing from the plot.
    static func countLine(_ group: ValueGroup, _ summary: Summary) -> String {
        var text = "\(group.values.count) run" + (group.values.count == 1 ? "" : "s")
        if summary.diverged > 0 { text += ", \(summary.diverged) diverged" }
        if summary.hidden > 0 { text += ", \(summary.hidden) ≤ 0 not shown" }
        return text
    }
}

extension Axes {
    func drawStrip(_ strip: StripPlot, _ c: Canvas, _ xm: AxisMap, _ ym: AxisMap, _ points: inout [(Double, Double)]) {
        let s = c.scale
        for (group, summary) in zip(strip.groups, strip.summaries(scale: yScale)) {
            let color = group.color ?? .black
            guard let x0 = xm.pixel(summary.position - StripPlot.boxHalfWidth),
                  let x1 = xm.pixel(summary.position + StripPlot.boxHalfWidth),
                  let centre = xm.pixel(summary.position) else { continue }
            if let q = summary.quartiles, let w = summary.whiskers,
               let lower = ym.pixel(q.lower), let upper = ym.pixel(q.upper), let median = ym.pixel(q.median),
               let whiskerLow = ym.pixel(w.lower), let whiskerHigh = ym.pixel(w.upper) {
                let box = Rect(x: x0, y: min(lower, upper), width: x1 - x0, height: abs(lower - upper))
                c.fill(box, Color(red: color.red, green: color.green, blue: color.blue, alpha: 0.14))
                let capHalf = (x1 - x0) / 4
                for (from, to) in [(min(lower, upper), whiskerHigh), (max(lower, upper), whiskerLow)] {
                    c.hairline(x0: centre, y0: from, x1: centre, y1: to, color: color, width: 1.5 * s)
                    c.hairline(x0: centre - capHalf, y0: to, x1: centre + capHalf, y1: to, color: color, width: 1.5 * s)
                }
                cairo_new_path(c.cr)
                cairo_rectangle(c.cr, box.minX, box.minY, box.width, max(box.height, 1))
                c.color(color)
                c.stroke(width: 1.5 * s)
                // The legend looks for an empty corner: the box and whiskers are not empty.
                for k in 0...5 {
                    let x = x0 + (x1 - x0) * Double(k) / 5
                    points += [(x, median), (x, box.minY), (x, box.maxY), (x, whiskerLow), (x, whiskerHigh)]
                }
            }
            for point in summary.points {
                guard let px = xm.pixel(point.x), let py = ym.pixel(point.y) else { continue }
                c.marker(.circle, x: px, y: py, size: 9 * s, fill: Color(red: color.red, green: color.green, blue: color.blue, alpha: 0.75), edge: .white)
                points.append((px, py))
            }
            // The median last, over the dots: the one number a box plot is read for.
            if let q = summary.quartiles, let median = ym.pixel(q.median) {
                c.hairline(x0: x0, y0: median, x1: x1, y1: median, color: StripPlot.medianColor, width: 3 * s)
            }
        }
    }
}

extension StripPlot {
    /// Near-black, so the median reads against any group colour.
    static let medianColor = Color(hex: 0x1A1A1A)
}
