import CCairo

/// One row of a legend.
struct LegendEntry {
    enum Sample { case line(LineStyle, Double, Marker?), marker(Marker) }
    var label: String
    var color: Color
    var sample: Sample
}

/// Where a legend's box and entries go: every labelled series has an entry, in as many
/// columns as it takes for the box to fit the panel's height.
struct LegendLayout {
    var entries: [LegendEntry]
    var box: Rect
    var columns: Int
    /// Rows per column.
    var rows: Int
    var columnWidth: Double
    var rowHeight: Double
    var padding: Double
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
    /// Lays the legend out: one column while it fits the panel's height, otherwise the
    /// fewest columns that fit (entries run down each column, then on to the next). No
    /// entry is ever left out; a legend too large even in columns overflows rather than
    /// hiding a series' name.
    func legendLayout(_ entries: [LegendEntry], position: LegendPosition, plot: Rect, points: [(Double, Double)]) -> LegendLayout? {
        guard !entries.isEmpty, position != .hidden else { return nil }
        font(legendFont)
        let pad = 8 * scale, sampleWidth = 30 * scale, gap = 8 * scale, columnGap = 14 * scale
        let rowHeight = legendFont * 1.45
        let inset = 10 * scale
        let columnWidth = sampleWidth + gap + (entries.map { textWidth($0.label) }.max() ?? 0)
        func size(_ columns: Int) -> (width: Double, height: Double, rows: Int) {
            let rows = (entries.count + columns - 1) / columns
            return (2 * pad + Double(columns) * columnWidth + Double(columns - 1) * columnGap,
                    2 * pad + Double(rows) * rowHeight - 0.45 * legendFont, rows)
        }
        let available = plot.height - 2 * inset
        let columns = (1...max(1, entries.count)).first { k in
            size(k).height <= available || size(k).width > plot.width - 2 * inset
        } ?? 1
        // More columns than fit across would only push entries off the side: stop one short.
        let chosenColumns = size(columns).width > plot.width - 2 * inset && columns > 1 ? columns - 1 : columns
        let (width, height, rows) = size(chosenColumns)
        let chosen = position == .best
            ? LegendPlacement.best(width: width, height: height, in: plot, inset: inset, points: points)
            : position
        let box = LegendPlacement.rect(for: chosen, width: width, height: height, in: plot, inset: inset)
        return LegendLayout(entries: entries, box: box, columns: chosenColumns, rows: rows,
                            columnWidth: columnWidth + columnGap, rowHeight: rowHeight, padding: pad)
    }

    /// Draws the legend box and returns its layout (nil when there is no legend).
    @discardableResult
    func legend(_ entries: [LegendEntry], position: LegendPosition, plot: Rect, points: [(Double, Double)]) -> LegendLayout? {
        guard let layout = legendLayout(entries, position: position, plot: plot, points: points) else { return nil }
        font(legendFont)
        let sampleWidth = 30 * scale, gap = 8 * scale
        let box = layout.box
        // Semi-opaque so a legend that must sit on data still lets the data show through.
        cairo_new_path(cr)
        roundedRect(box, radius: 4 * scale)
        color(.white, alpha: 0.85)
        cairo_fill_preserve(cr)
        color(Color(hex: 0xCCCCCC))
        cairo_set_line_width(cr, 1 * scale)
        cairo_stroke(cr)
        for (i, entry) in layout.entries.enumerated() {
            let column = i / layout.rows, row = i % layout.rows
            let cy = box.minY + layout.padding + (Double(row) + 0.5) * layout.rowHeight - 0.22 * legendFont
            let x0 = box.minX + layout.padding + Double(column) * layout.columnWidth
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
        return layout
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
