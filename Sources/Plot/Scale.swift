import Foundation

/// How data values are spread along an axis.
public enum Scale: Sendable, Equatable {
    /// Equal distances for equal differences (the default).
    case linear
    /// Equal distances for equal ratios (base 10); non-positive values cannot be shown.
    case log

    /// The value in the space where the axis is uniform, or nil when the value cannot be
    /// placed on this scale (NaN, ±inf, or non-positive on a log axis). Returning nil rather
    /// than clamping is what lets a line break at bad points instead of jumping to an edge.
    public func transform(_ value: Double) -> Double? {
        guard value.isFinite else { return nil }
        switch self {
        case .linear: return value
        case .log: return value > 0 ? Foundation.log10(value) : nil
        }
    }

    /// The data value for a position in the uniform space; inverse of `transform`.
    public func inverse(_ t: Double) -> Double {
        switch self {
        case .linear: return t
        case .log: return pow(10, t)
        }
    }
}

/// A pure mapping from a data interval onto a pixel interval under a scale.
///
/// `pixelLower` is where `lower` lands; for a y axis it is the bottom (the larger pixel
/// coordinate), so the mapping flips direction without any special case.
public struct AxisMap: Sendable, Equatable {
    /// Data value at `pixelLower`.
    public let lower: Double
    /// Data value at `pixelUpper`.
    public let upper: Double
    /// The scale the interval is measured in.
    public let scale: Scale
    /// Pixel coordinate of `lower`.
    public let pixelLower: Double
    /// Pixel coordinate of `upper`.
    public let pixelUpper: Double
    private let tLower: Double
    private let tSpan: Double

    /// Maps `lower...upper` onto `pixelLower...pixelUpper`; an unusable interval (equal
    /// ends, non-positive ends on a log scale) maps every value to nil.
    public init(lower: Double, upper: Double, scale: Scale, pixelLower: Double, pixelUpper: Double) {
        self.lower = lower; self.upper = upper; self.scale = scale
        self.pixelLower = pixelLower; self.pixelUpper = pixelUpper
        let a = scale.transform(lower), b = scale.transform(upper)
        tLower = a ?? .nan
        tSpan = (a != nil && b != nil) ? b! - a! : .nan
    }

    /// The pixel coordinate of a data value, or nil when it cannot be drawn.
    public func pixel(_ value: Double) -> Double? {
        guard let t = scale.transform(value), tSpan.isFinite, tSpan != 0 else { return nil }
        let p = pixelLower + (t - tLower) / tSpan * (pixelUpper - pixelLower)
        return p.isFinite ? p : nil
    }

    /// The data value drawn at a pixel coordinate.
    public func value(atPixel pixel: Double) -> Double {
        scale.inverse(tLower + (pixel - pixelLower) / (pixelUpper - pixelLower) * tSpan)
    }
}
