/// How a line is stroked.
public enum LineStyle: Sendable, Equatable {
    /// A continuous line.
    case solid
    /// Long dashes; tells a second method apart from the first without colour.
    case dashed
    /// Round dots; for reference values that should recede behind data.
    case dotted
}

/// The shape drawn at a data point.
public enum Marker: Sendable, Equatable {
    /// A filled disc.
    case circle
    /// A filled square.
    case square
    /// A filled upward triangle.
    case triangle
    /// An ×, drawn as two strokes.
    case cross
}

/// Where the legend goes in a panel.
public enum LegendPosition: Sendable, Equatable {
    /// The corner that hides the fewest data points.
    case best
    /// Fixed corners.
    case upperRight, upperLeft, lowerLeft, lowerRight
    /// No legend even when series have labels.
    case hidden
}

/// Errors from writing figures and reports.
public enum PlotError: Error, CustomStringConvertible {
    /// Cairo reported a failure, e.g. it could not write the file.
    case cairo(String)
    /// A file-system operation failed.
    case io(String)

    /// Human-readable message.
    public var description: String {
        switch self {
        case .cairo(let m): return "cairo: \(m)"
        case .io(let m): return "io: \(m)"
        }
    }
}
