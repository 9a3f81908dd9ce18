/// One panel of a figure: a coordinate system with the series drawn in it.
///
/// Axes only records what to draw; layout happens when the figure is written, so the
/// order of calls and property assignments does not matter.
public final class Axes {
    /// Panel title, drawn above the plotting area.
    public var title: String?
    /// Text under the x axis.
    public var xLabel: String?
    /// Text beside the y axis, rotated.
    public var yLabel: String?
    /// Scale of the x axis; `.log` for quantities such as learning rates.
    public var xScale: Scale = .linear
    /// Scale of the y axis; `.log` for losses spanning decades.
    public var yScale: Scale = .linear
    /// Fixed x range; nil fits the data.
    public var xLimits: ClosedRange<Double>?
    /// Fixed y range; nil fits the data.
    public var yLimits: ClosedRange<Double>?
    /// Where the legend goes; only series given a label appear in it.
    public var legendPosition: LegendPosition = .best
    /// Light grid lines at the major ticks.
    public var showGrid = true

    var items: [Item] = []
    private var nextColor = 0
    /// Mappings used by the last render; kept so tests can find where a value was drawn.
    var lastLayout: (plot: Rect, x: AxisMap, y: AxisMap)?
    /// The legend of the last render (nil when none was drawn).
    var lastLegend: LegendLayout?
    /// The graph layout of the last render, when the panel holds a layered graph.
    var lastGraphLayout: LayeredGraphLayout?

    init() {}

    func takeColor(_ color: Color?) -> Color {
        if let color { return color }
        defer { nextColor += 1 }
        return Palette.color(nextColor)
    }

    /// A line through the points (x[i], y[i]). Non-finite points (and non-positive ones on a
    /// log axis) are skipped and break the line, so a diverged run shows as a gap.
    public func line(x: [Double], y: [Double], label: String? = nil, color: Color? = nil,
                     style: LineStyle = .solid, width: Double = 1, marker: Marker? = nil) {
        items.append(.line(Line(x: x, y: y, label: label, color: takeColor(color), style: style,
                                width: width, marker: marker)))
    }

    /// A line against the index 0, 1, 2, …; convenient for per-step curves.
    public func line(y: [Double], label: String? = nil, color: Color? = nil,
                     style: LineStyle = .solid, width: Double = 1, marker: Marker? = nil) {
        line(x: y.indices.map(Double.init), y: y, label: label, color: color, style: style,
             width: width, marker: marker)
    }

    /// Unconnected markers at (x[i], y[i]).
    public func scatter(x: [Double], y: [Double], label: String? = nil, color: Color? = nil,
                        marker: Marker = .circle, size: Double = 1) {
        items.append(.scatter(Scatter(x: x, y: y, label: label, color: takeColor(color),
                                      marker: marker, size: size)))
    }

    /// A horizontal reference line across the panel.
    public func hline(y: Double, label: String? = nil, color: Color = Color(hex: 0x444444),
                      style: LineStyle = .dashed) {
        items.append(.reference(Reference(value: y, horizontal: true, label: label, color: color, style: style)))
    }

    /// A vertical reference line across the panel.
    public func vline(x: Double, label: String? = nil, color: Color = Color(hex: 0x444444),
                      style: LineStyle = .dashed) {
        items.append(.reference(Reference(value: x, horizontal: false, label: label, color: color, style: style)))
    }

    /// A short text with a small ring marking the point it refers to.
    public func annotate(_ text: String, x: Double, y: Double, color: Color = Color(hex: 0x222222)) {
        items.append(.annotation(Annotation(text: text, x: x, y: y, color: color, marked: true)))
    }

    /// A text label starting at a point, vertically centred on it, without a marker
    /// (names beside horizontal bars, say).
    public func text(_ text: String, x: Double, y: Double, color: Color = Color(hex: 0x222222)) {
        items.append(.annotation(Annotation(text: text, x: x, y: y, color: color, marked: false)))
    }

    /// A field sampled on an inclusive grid over `x` × `y`: `values[i][j]` is the value at
    /// x = x.lower + j·Δx, y = y.lower + i·Δy (rows are y, row 0 at the bottom).
    /// `range` fixes what the colour map's ends mean (e.g. 0...1 for probabilities);
    /// nil uses the finite min and max. A colour bar is drawn when `colorBarLabel` is given.
    public func heatmap(x: ClosedRange<Double>, y: ClosedRange<Double>, values: [[Double]],
                        colorMap: ColorMap = .viridis, range: ClosedRange<Double>? = nil,
                        colorBarLabel: String? = nil, showColorBar: Bool = true) {
        let r = range ?? ValueRange.of(values.flatMap { $0 }, diverging: colorMap.isDiverging)
        items.append(.heatmap(Heatmap(x: x, y: y, values: values, colorMap: colorMap, range: r,
                                      colorBarLabel: colorBarLabel, showColorBar: showColorBar)))
    }

    /// The iso-line where the field (same grid convention as `heatmap`) equals `level`,
    /// by marching squares.
    public func contour(x: ClosedRange<Double>, y: ClosedRange<Double>, values: [[Double]],
                        level: Double, color: Color = .black, label: String? = nil,
                        style: LineStyle = .solid, width: Double = 1) {
        let segments = Contour.segments(values: values, x: x, y: y, level: level)
        items.append(.contour(ContourLine(x: x, y: y, segments: segments, color: color, label: label,
                                          style: style, width: width)))
    }

    /// Turns the panel into a grid of small images (digits, weight images) with a caption
    /// under each. Each image is `pixels` row-major, `width`×`height`, top row first.
    /// `range` nil uses the data's min...max, symmetric about 0 for diverging maps.
    public func images(_ images: [[Double]], width: Int, height: Int, captions: [String] = [],
                       columns: Int? = nil, colorMap: ColorMap = .greys,
                       range: ClosedRange<Double>? = nil, colorBarLabel: String? = nil) {
        let r = range ?? ValueRange.of(images.flatMap { $0 }, diverging: colorMap.isDiverging)
        items.append(.images(ImageGrid(images: images, width: width, height: height, captions: captions,
                                       columns: columns, colorMap: colorMap, range: r,
                                       colorBarLabel: colorBarLabel)))
    }

    /// Turns the panel into an annotated matrix (e.g. a confusion matrix): cells coloured
    /// by value with the number written in each. Row 0 is drawn at the top, as matrices are read.
    public func matrix(values: [[Double]], rowLabels: [String] = [], columnLabels: [String] = [],
                       xLabel: String? = nil, yLabel: String? = nil, colorMap: ColorMap = .blues,
                       range: ClosedRange<Double>? = nil) {
        if let xLabel { self.xLabel = xLabel }
        if let yLabel { self.yLabel = yLabel }
        let finite = values.flatMap { $0 }.filter(\.isFinite)
        let r = range ?? (colorMap.isDiverging ? ValueRange.of(finite, diverging: true)
                                                : min(0, finite.min() ?? 0)...max(finite.max() ?? 1, 1e-12))
        items.append(.matrix(MatrixCells(values: values, rowLabels: rowLabels, columnLabels: columnLabels,
                                         colorMap: colorMap, range: r)))
    }
}

enum ValueRange {
    /// Finite min...max; symmetric about zero for diverging maps so white means zero.
    static func of(_ values: [Double], diverging: Bool) -> ClosedRange<Double> {
        let finite = values.filter(\.isFinite)
        guard let lo = finite.min(), let hi = finite.max() else { return 0...1 }
        if diverging {
            let m = max(abs(lo), abs(hi))
            return m > 0 ? -m...m : -1...1
        }
        return lo < hi ? lo...hi : (lo - 0.5)...(hi + 0.5)
    }
}

struct Line { var x, y: [Double]; var label: String?; var color: Color; var style: LineStyle; var width: Double; var marker: Marker? }
struct Scatter { var x, y: [Double]; var label: String?; var color: Color; var marker: Marker; var size: Double }
struct Reference { var value: Double; var horizontal: Bool; var label: String?; var color: Color; var style: LineStyle }
struct Annotation { var text: String; var x, y: Double; var color: Color; var marked: Bool }
struct Heatmap { var x, y: ClosedRange<Double>; var values: [[Double]]; var colorMap: ColorMap; var range: ClosedRange<Double>; var colorBarLabel: String?; var showColorBar: Bool }
struct ContourLine { var x, y: ClosedRange<Double>; var segments: [Segment]; var color: Color; var label: String?; var style: LineStyle; var width: Double }
struct ImageGrid { var images: [[Double]]; var width, height: Int; var captions: [String]; var columns: Int?; var colorMap: ColorMap; var range: ClosedRange<Double>; var colorBarLabel: String? }
struct MatrixCells { var values: [[Double]]; var rowLabels, columnLabels: [String]; var colorMap: ColorMap; var range: ClosedRange<Double> }

enum Item {
    case line(Line), scatter(Scatter), reference(Reference), annotation(Annotation)
    case heatmap(Heatmap), contour(ContourLine), images(ImageGrid), matrix(MatrixCells)
    case graph(LayeredGraph), colorBar(ColorScale), strip(StripPlot)
    case histogram(HistogramBars)
}
