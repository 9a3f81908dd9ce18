import CCairo
import Foundation

extension Axes {
    /// Draws the title centred over `area` and returns the area left below it.
    private func titled(_ c: Canvas, _ area: Rect, centredOn centre: Double? = nil) -> Rect {
        guard let title, !title.isEmpty else { return area }
        c.font(c.titleFont, bold: true)
        c.color(.text)
        c.text(title, x: centre ?? area.minX + area.width / 2, y: area.minY, h: .center, v: .top)
        let used = c.textHeight + 12 * c.scale
        return Rect(x: area.minX, y: area.minY + used, width: area.width, height: area.height - used)
    }

    func renderImages(_ g: ImageGrid, _ c: Canvas, in cell: Rect) {
        let s = c.scale, gap = 10 * s
        var area = titled(c, cell.inset(10 * s))
        if g.colorBarLabel != nil {
            area.width -= c.colorBarWidth(range: g.range, label: g.colorBarLabel, height: area.height * 0.8)
        }
        let n = g.images.count
        guard n > 0, g.width > 0, g.height > 0, area.width > 0, area.height > 0 else { return }
        let captionFont = 12.5 * s
        c.font(captionFont)
        let captionHeight = g.captions.isEmpty ? 0 : c.textHeight + 6 * s
        let aspect = Double(g.width) / Double(g.height)

        // The column count that makes the images largest, unless the caller fixed it.
        func side(_ cols: Int) -> Double {
            let rows = (n + cols - 1) / cols
            let w = area.width / Double(cols) - gap
            let h = (area.height / Double(rows) - gap - captionHeight) * aspect
            return min(w, h)
        }
        let columns = max(1, g.columns ?? (1...n).max { side($0) < side($1) }!)
        let rows = (n + columns - 1) / columns
        let imageWidth = max(1, side(columns)).rounded(.down), imageHeight = (imageWidth / aspect).rounded(.down)
        let cellWidth = imageWidth + gap, cellHeight = imageHeight + captionHeight + gap
        let originX = area.minX + (area.width - cellWidth * Double(columns)) / 2 + gap / 2
        let originY = area.minY + (area.height - cellHeight * Double(rows)) / 2 + gap / 2

        for (k, pixels) in g.images.enumerated() {
            let x = (originX + Double(k % columns) * cellWidth).rounded()
            let y = (originY + Double(k / columns) * cellHeight).rounded()
            let dest = Rect(x: x, y: y, width: imageWidth, height: imageHeight)
            c.image(width: g.width, height: g.height, colors: { r, col in
                let i = r * g.width + col
                return g.colorMap.color(for: i < pixels.count ? pixels[i] : .nan, in: g.range)
            }, into: dest, smooth: false, rowZeroAtBottom: false)
            c.color(Color(hex: 0xBBBBBB))
            cairo_rectangle(c.cr, dest.minX - 0.5, dest.minY - 0.5, dest.width + 1, dest.height + 1)
            c.stroke(width: 1)
            if k < g.captions.count {
                // Shrink a caption that would run into its neighbour rather than overlap.
                c.font(captionFont)
                let w = c.textWidth(g.captions[k])
                if w > cellWidth - 2 * s { c.font(captionFont * (cellWidth - 2 * s) / w) }
                c.color(.text)
                c.text(g.captions[k], x: dest.minX + dest.width / 2, y: dest.maxY + 5 * s, h: .center, v: .top)
            }
        }
        if g.colorBarLabel != nil {
            let gridRight = originX + cellWidth * Double(columns) - gap / 2
            let barHeight = cellHeight * Double(rows) - gap - captionHeight
            let plot = Rect(x: gridRight, y: originY, width: 0, height: barHeight)
            c.colorBar(map: g.colorMap, range: g.range, label: g.colorBarLabel, plot: plot)
        }
    }

    func renderMatrix(_ m: MatrixCells, _ c: Canvas, in cell: Rect) {
        let s = c.scale, pad = 10 * s
        let rows = m.values.count, columns = m.values.map(\.count).max() ?? 0
        let title = self.title.flatMap { $0.isEmpty ? nil : $0 }
        let xLabel = self.xLabel.flatMap { $0.isEmpty ? nil : $0 }
        let yLabel = self.yLabel.flatMap { $0.isEmpty ? nil : $0 }
        c.font(c.titleFont, bold: true); let titleHeight = c.textHeight
        c.font(c.labelFont); let labelHeight = c.textHeight
        c.font(c.tickFont); let tickHeight = c.textHeight
        let rowLabelWidth = m.rowLabels.map { c.textWidth($0) }.max() ?? 0

        let top = cell.minY + pad + (title != nil ? titleHeight + 12 * s : 0)
        let bottom = cell.maxY - pad - (xLabel != nil ? labelHeight + 8 * s : 0) - (m.columnLabels.isEmpty ? 0 : tickHeight + 8 * s)
        let left = cell.minX + pad + (yLabel != nil ? labelHeight + 10 * s : 0) + (m.rowLabels.isEmpty ? 0 : rowLabelWidth + 8 * s)
        let right = cell.maxX - pad
        guard rows > 0, columns > 0, bottom > top, right > left else { _ = titled(c, cell.inset(pad)); return }
        let size = min((right - left) / Double(columns), (bottom - top) / Double(rows)).rounded(.down)
        let grid = Rect(x: (left + (right - left - size * Double(columns)) / 2).rounded(), y: top.rounded(),
                        width: size * Double(columns), height: size * Double(rows))
        lastLayout = nil

        let finite = m.values.flatMap { $0 }.filter(\.isFinite)
        let integral = finite.allSatisfy { $0 == $0.rounded() && abs($0) < 1e9 }
        let small = (finite.map { abs($0) }.max() ?? 0) <= 1
        func format(_ v: Double) -> String {
            guard v.isFinite else { return v.isNaN ? "–" : (v > 0 ? "∞" : "−∞") }
            if integral { return String(Int(v)) }
            return small ? String(format: "%.2f", v) : Ticks.format(v)
        }
        let valueFont = min(c.tickFont * 1.1, size * 0.34)
        for i in 0..<rows {
            for j in 0..<columns {
                let r = Rect(x: grid.minX + Double(j) * size, y: grid.minY + Double(i) * size, width: size, height: size)
                let v = j < m.values[i].count ? m.values[i][j] : .nan
                let fill = v.isFinite ? m.colorMap.color(for: v, in: m.range) : Color(hex: 0xEEEEEE)
                c.fill(r, fill)
                c.font(valueFont)
                // Contrast by luminance: white on dark cells, near-black on light ones.
                c.color(fill.luminance < 0.33 ? .white : .text)
                c.text(format(v), x: r.minX + size / 2, y: r.minY + size / 2, h: .center, v: .middle)
            }
        }
        // Thin white rules separate cells of similar colour.
        for k in 1..<max(columns, 2) where k < columns {
            let x = grid.minX + Double(k) * size
            c.hairline(x0: x, y0: grid.minY, x1: x, y1: grid.maxY, color: .white, width: 1.5 * s)
        }
        for k in 1..<max(rows, 2) where k < rows {
            let y = grid.minY + Double(k) * size
            c.hairline(x0: grid.minX, y0: y, x1: grid.maxX, y1: y, color: .white, width: 1.5 * s)
        }
        c.font(c.tickFont)
        c.color(.text)
        for (i, label) in m.rowLabels.prefix(rows).enumerated() {
            c.text(label, x: grid.minX - 8 * s, y: grid.minY + (Double(i) + 0.5) * size, h: .right, v: .middle)
        }
        for (j, label) in m.columnLabels.prefix(columns).enumerated() {
            c.text(label, x: grid.minX + (Double(j) + 0.5) * size, y: grid.maxY + 8 * s, h: .center, v: .top)
        }
        c.font(c.labelFont)
        if let xLabel {
            let y = grid.maxY + (m.columnLabels.isEmpty ? 0 : tickHeight + 8 * s) + 8 * s
            c.text(xLabel, x: grid.minX + grid.width / 2, y: y, h: .center, v: .top)
        }
        if let yLabel {
            let x = grid.minX - (m.rowLabels.isEmpty ? 0 : rowLabelWidth + 8 * s) - 10 * s - labelHeight
            c.text(yLabel, x: x, y: grid.minY + grid.height / 2, h: .center, v: .top, angle: -Double.pi / 2)
        }
        if title != nil { _ = titled(c, Rect(x: cell.minX, y: cell.minY + pad, width: cell.width, height: 0),
                                     centredOn: grid.minX + grid.width / 2) }
    }
}
