import CCairo

/// One row of a legend.
struct LegendEntry {
    enum Sample { case line(LineStyle, Double, Marker?), marker(Marker) }
    var label: String
    var color: Color
    var sample: Sample
}

/// Legend placement, separate from drawing so the choice can be tested as a pure function.
enum LegendPlacement {
    /// Candidate corners in order of preference; ties go to the earlier one, so an empty
    /// panel gets the conventional upper-right legend.
    static let order: [LegendPosition] = [.upperRight, .upperLeft, .lowerLeft, .lowerRight]

    static func rect(for position: LegendPosition, width: Double, height: Double, in plot: Rect, inset: Double) -> Rect {
        let left = plot.minX + inset, right = plot.maxX - inset - width
        let top = plot.minY + inset, bottom = plot.maxY - inset - height
        switch position {
        case .upperLeft: return Rect(x: left, y: top, width: width, height: height)
        case .lowerLeft: return Rect(x: left, y: bottom, width: width, height: height)
        case .lowerRight: return Rect(x: right, y: bottom, width: width, height: height)
        default: return Rect(x: right, y: top, width: width, height: height)
        }
    }

    /// The corner whose box covers the fewest of `points` (pixel coordinates).
    static func best(width: Double, height: Double, in plot: Rect, inset: Double,
                     points: [(Double, Double)]) -> LegendPosition {
        var best = order[0], bestCount = Int.max
        for position in order {
            let r = rect(for: position, width: width, height: height, in: plot, inset: inset)
            let count = points.reduce(0) { $0 + (r.contains($1.0, $1.1) ? 1 : 0) }
            if count < bestCount { best = position; bestCount = count }
        }
        return best
    }
}

extension Canvas {
    /// Draws the legend box; returns nothing because nothing else is placed relative to it.
    func legend(_ entries: [LegendEntry], position: LegendPosition, plot: Rect, points: [(Double, Double)]) {
        guard !entries.isEmpty, position != .hidden else { return }
        font(legendFont)
        let pad = 8 * scale, sampleWidth = 30 * scale, gap = 8 * scale
        let rowHeight = legendFont * 1.45
        let labelWidth = entries.map { textWidth($0.label) }.max() ?? 0
        let width = pad + sampleWidth + gap + labelWidth + pad
        let height = 2 * pad + Double(entries.count) * rowHeight - 0.45 * legendFont
        let inset = 10 * scale
        let chosen = position == .best
            ? LegendPlacement.best(width: width, height: height, in: plot, inset: inset, points: points)
            : position
        let box = LegendPlacement.rect(for: chosen, width: width, height: height, in: plot, inset: inset)
        // Semi-opaque so a legend that must sit on data still lets the data show through.
        cairo_new_path(cr)
        roundedRect(box, radius: 4 * scale)
        color(.white, alpha: 0.85)
        cairo_fill_preserve(cr)
        color(Color(hex: 0xCCCCCC))
        cairo_set_line_width(cr, 1 * scale)
        cairo_stroke(cr)
        for (i, entry) in entries.enumerated() {
            let cy = box.minY + pad + (Double(i) + 0.5) * rowHeight - 0.22 * legendFont
            let x0 = box.minX + pad
            switch entry.sample {
            case .line(let style, let w, let m):
                if entry.color.luminance > 0.7 {
                    // A white contour would vanish on the white box; give it a grey casing.
                    color(Color(hex: 0x888888))
                    cairo_move_to(cr, x0, cy); cairo_line_to(cr, x0 + sampleWidth, cy)
                    stroke(width: w + 2 * scale, style: style)
                }
                color(entry.color)
                cairo_move_to(cr, x0, cy); cairo_line_to(cr, x0 + sampleWidth, cy)
                stroke(width: w, style: style)
                if let m { marker(m, x: x0 + sampleWidth / 2, y: cy, size: 8 * scale, fill: entry.color, edge: .white) }
            case .marker(let m):
                marker(m, x: x0 + sampleWidth / 2, y: cy, size: 9 * scale, fill: entry.color, edge: .white)
            }
            color(.text)
            text(entry.label, x: x0 + sampleWidth + gap, y: cy, h: .left, v: .middle)
        }
    }

    func roundedRect(_ r: Rect, radius: Double) {
        let rad = min(radius, r.width / 2, r.height / 2)
        cairo_new_sub_path(cr)
        cairo_arc(cr, r.maxX - rad, r.minY + rad, rad, -Double.pi / 2, 0)
        cairo_arc(cr, r.maxX - rad, r.maxY - rad, rad, 0, Double.pi / 2)
        cairo_arc(cr, r.minX + rad, r.maxY - rad, rad, Double.pi / 2, Double.pi)
        cairo_arc(cr, r.minX + rad, r.minY + rad, rad, Double.pi, 3 * Double.pi / 2)
        cairo_close_path(cr)
    }
}
