/// One curve of a family drawn one per value of a parameter (a loss curve per learning rate).
public struct FamilyCurve: Sendable {
    public var x: [Double], y: [Double]
    /// The parameter's value for this curve; it chooses the colour.
    public var value: Double
    public var style: LineStyle
    /// Added to the curve's legend entry, e.g. "diverged", when the family is named in a legend.
    public var note: String?

    public init(x: [Double], y: [Double], value: Double, style: LineStyle = .solid, note: String? = nil) {
        self.x = x; self.y = y; self.value = value; self.style = style; self.note = note
    }
}

extension Axes {
    /// Curves that differ in one parameter, each named: with at most `legendLimit` curves,
    /// every curve gets a legend entry ("η = 0.01") and the colours are spread evenly along
    /// the map by rank, as distinct as the map allows; with more, the colour follows the
    /// value on `scale` and a colour bar names it, because a legend of twenty entries would
    /// cover the data.
    ///
    /// ```swift
    /// let curves = runs.map { FamilyCurve(x: steps, y: $0.losses, value: $0.learningRate,
    ///                                     style: $0.diverged ? .dashed : .solid, note: $0.diverged ? "diverged" : nil) }
    /// let colors = axes.lineFamily(curves, parameter: "η", format: compactNumber, scale: .log,
    ///                              colorBarLabel: "learning rate η")
    /// ```
    ///
    /// - Returns: each curve's colour, in the order given (to draw markers that match).
    @discardableResult
    public func lineFamily(_ curves: [FamilyCurve], parameter: String, format: (Double) -> String = Ticks.format,
                           scale: Scale = .linear, colorMap: ColorMap = .viridisOnWhite, colorBarLabel: String? = nil,
                           legendLimit: Int = 8, width: Double = 1) -> [Color] {
        let colors: [Color]
        let named = curves.count <= legendLimit
        if named {
            let rank = curves.indices.sorted { curves[$0].value < curves[$1].value }
            var byCurve = [Color](repeating: colorMap.color(at: 0), count: curves.count)
            for (position, index) in rank.enumerated() {
                byCurve[index] = colorMap.color(at: curves.count > 1 ? Double(position) / Double(curves.count - 1) : 0)
            }
            colors = byCurve
        } else {
            let colorScale = ColorScale(colorMap: colorMap, values: curves.map(\.value), scale: scale,
                                        label: colorBarLabel ?? parameter)
            colors = curves.map { colorScale.color(for: $0.value) }
            colorBar(colorScale)
        }
        for (curve, color) in zip(curves, colors) {
            let label = named ? "\(parameter) = \(format(curve.value))" + (curve.note.map { " (\($0))" } ?? "") : nil
            line(x: curve.x, y: curve.y, label: label, color: color, style: curve.style, width: width)
        }
        return colors
    }

    /// A colour bar beside the panel explaining a colour scale (the last one given is drawn;
    /// it replaces a heatmap's).
    public func colorBar(_ scale: ColorScale) {
        items.append(.colorBar(scale))
    }
}
