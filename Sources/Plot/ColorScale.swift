import Foundation

/// A parameter shown as colour: values in `range`, placed on a linear or log `scale`,
/// looked up in a colour map. A panel that draws one curve per value of a parameter
/// (a learning rate, a width) explains the colours with a colour bar of this scale.
///
/// ```swift
/// let rates = ColorScale(values: [1e-4, 1e-3, 1e-2, 0.1, 1], scale: .log, label: "learning rate η")
/// axes.line(x: steps, y: losses, color: rates.color(for: 0.01))
/// axes.colorBar(rates)
/// ```
public struct ColorScale: Sendable {
    public var colorMap: ColorMap
    public var range: ClosedRange<Double>
    public var scale: Scale
    /// Text beside the colour bar.
    public var label: String

    public init(colorMap: ColorMap = .viridisOnWhite, range: ClosedRange<Double>, scale: Scale = .linear, label: String) {
        self.colorMap = colorMap; self.range = range; self.scale = scale; self.label = label
    }

    /// A scale from the smallest to the largest of `values` (finite ones, positive ones on a log scale).
    public init(colorMap: ColorMap = .viridisOnWhite, values: [Double], scale: Scale = .linear, label: String) {
        let usable = values.filter { scale.transform($0) != nil }
        let lower = usable.min() ?? 1, upper = usable.max() ?? 1
        self.init(colorMap: colorMap, range: lower < upper ? lower...upper : (scale == .log ? lower / 2...lower * 2 : lower - 0.5...lower + 0.5),
                  scale: scale, label: label)
    }

    /// Where `value` falls between the ends of the range, 0...1 (clamped), in the scale's space.
    public func position(of value: Double) -> Double {
        guard let t = scale.transform(value), let a = scale.transform(range.lowerBound), let b = scale.transform(range.upperBound), b > a else { return 0.5 }
        return min(1, max(0, (t - a) / (b - a)))
    }

    /// The colour of a value; values outside the range take the colour of the nearer end.
    public func color(for value: Double) -> Color {
        colorMap.color(at: position(of: value))
    }
}

extension ColorMap {
    /// The part of the map between `part.lowerBound` and `part.upperBound` (both in 0...1),
    /// as a map of its own.
    public func restricted(to part: ClosedRange<Double>, name: String? = nil) -> ColorMap {
        let samples = 32
        return ColorMap(name: name ?? "\(self.name)[\(part.lowerBound)...\(part.upperBound)]",
                        anchors: (0..<samples).map { color(at: part.lowerBound + (part.upperBound - part.lowerBound) * Double($0) / Double(samples - 1)) },
                        isDiverging: false)
    }

    /// Viridis without its palest tenth, so that every colour of it shows as a line on white.
    public static let viridisOnWhite = ColorMap.viridis.restricted(to: 0...0.9, name: "viridisOnWhite")
}
