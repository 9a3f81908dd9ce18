/// A continuous colour map: anchor colours spaced evenly over [0, 1], interpolated linearly.
public struct ColorMap: Sendable {
    /// Name for messages and debugging.
    public let name: String
    /// Evenly spaced anchors from the low end to the high end.
    public let anchors: [Color]
    /// Diverging maps have a meaningful centre, so default ranges are made symmetric about 0.
    public let isDiverging: Bool

    /// A map through `anchors` (at least one).
    public init(name: String, anchors: [Color], isDiverging: Bool = false) {
        if anchors.isEmpty { fatalError("ColorMap '\(name)': a colour map needs at least one anchor") }
        self.name = name; self.anchors = anchors; self.isDiverging = isDiverging
    }

    /// The colour at `t` in [0, 1]; values outside are clamped, NaN gives a transparent colour.
    public func color(at t: Double) -> Color {
        guard !t.isNaN else { return Color(red: 0, green: 0, blue: 0, alpha: 0) }
        let u = min(1, max(0, t)) * Double(anchors.count - 1)
        let i = min(Int(u), anchors.count - 1)
        guard i < anchors.count - 1 else { return anchors[i] }
        let f = u - Double(i), a = anchors[i], b = anchors[i + 1]
        return Color(red: a.red + (b.red - a.red) * f, green: a.green + (b.green - a.green) * f,
                     blue: a.blue + (b.blue - a.blue) * f, alpha: a.alpha + (b.alpha - a.alpha) * f)
    }

    /// The colour for `value` placed in `range`.
    public func color(for value: Double, in range: ClosedRange<Double>) -> Color {
        let span = range.upperBound - range.lowerBound
        return color(at: span > 0 ? (value - range.lowerBound) / span : 0.5)
    }

    /// Viridis (van der Walt & Smith): perceptually uniform and legible in greyscale;
    /// 20 samples of the matplotlib table.
    public static let viridis = ColorMap(name: "viridis", anchors: [
        0x440154, 0x481568, 0x482677, 0x453781, 0x3F4788, 0x39558C, 0x32648E, 0x2D718E, 0x287D8E, 0x238A8D,
        0x1F968B, 0x20A386, 0x29AF7F, 0x3CBC75, 0x56C667, 0x75D054, 0x95D840, 0xBADE28, 0xDDE318, 0xFDE725,
    ].map { Color(hex: $0) })

    /// White for low values, black for high: ink on paper, which is how digits are read.
    public static let greys = ColorMap(name: "greys", anchors: [Color(hex: 0xFFFFFF), Color(hex: 0x000000)])

    /// Light to dark blue; a calm sequential map for counts such as confusion matrices.
    public static let blues = ColorMap(name: "blues", anchors: [
        0xF7FBFF, 0xDEEBF7, 0xC6DBEF, 0x9ECAE1, 0x6BAED6, 0x4292C6, 0x2171B5, 0x08519C, 0x08306B,
    ].map { Color(hex: $0) })

    /// Blue (negative) through white (zero) to red (positive), ColorBrewer RdBu; for signed
    /// quantities such as weights, where the sign matters more than the magnitude.
    public static let blueWhiteRed = ColorMap(name: "blueWhiteRed", anchors: [
        0x2166AC, 0x4393C3, 0x92C5DE, 0xD1E5F0, 0xF7F7F7, 0xFDDBC7, 0xF4A582, 0xD6604D, 0xB2182B,
    ].map { Color(hex: $0) }, isDiverging: true)
}
