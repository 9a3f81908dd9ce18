import CCairo
import Foundation

/// Running min/max of values in an axis's uniform (transformed) space.
struct Extent {
    var lower = Double.infinity, upper = -Double.infinity
    var isEmpty: Bool { lower > upper }
    mutating func add(_ t: Double?) {
        guard let t, t.isFinite else { return }
        lower = min(lower, t); upper = max(upper, t)
    }

    /// The data range to show: fixed limits when usable, a padded fit otherwise, and a
    /// made-up but sensible range when the data give none (empty or constant).
    func range(scale: Scale, tight: Bool, limits: ClosedRange<Double>?) -> ClosedRange<Double> {
        if let limits, let a = scale.transform(limits.lowerBound), let b = scale.transform(limits.upperBound), a < b {
            return limits
        }
        var lo = lower, hi = upper
        if isEmpty {
            (lo, hi) = (0, 1)
        } else if lo == hi {
            let pad = scale == .log ? 1 : (lo == 0 ? 1 : abs(lo) * 0.1)
            (lo, hi) = (lo - pad, hi + pad)
        } else if !tight {
            let pad = (hi - lo) * 0.04
            (lo, hi) = (lo - pad, hi + pad)
        }
        let a = scale.inverse(lo), b = scale.inverse(hi)
        // Padding can overflow for data near ±Double.greatestFiniteMagnitude.
        guard a.isFinite, b.isFinite, a < b else { return scale == .log ? 1...10 : 0...1 }
        return a...b
    }
}

extension Axes {
    /// Draws the panel into `cell` of the figure.
    func render(_ c: Canvas, in cell: Rect) {
        for item in items {
            if case .images(let grid) = item { renderImages(grid, c, in: cell); return }
            if case .matrix(let m) = item { renderMatrix(m, c, in: cell); return }
            if case .graph(let g) = item { renderGraph(g, c, in: cell); return }
        }
        renderCartesian(c, in: cell)
    }

    private func dataRanges() -> (ClosedRange<Double>, ClosedRange<Double>) {
        var xe = Extent(), ye = Extent()
        var tight = false
        func point(_ x: Double, _ y: Double) {
            guard let tx = xScale.transform(x), let ty = yScale.transform(y) else { return }
            xe.add(tx); ye.add(ty)
        }
        for item in items {
            switch item {
            case .line(let l): for i in 0..<min(l.x.count, l.y.count) { point(l.x[i], l.y[i]) }
            case .scatter(let s): for i in 0..<min(s.x.count, s.y.count) { point(s.x[i], s.y[i]) }
            case .reference(let r):
                if r.horizontal { ye.add(yScale.transform(r.value)) } else { xe.add(xScale.transform(r.value)) }
            case .annotation(let a): point(a.x, a.y)
            case .heatmap(let h):
                tight = true
                point(h.x.lowerBound, h.y.lowerBound); point(h.x.upperBound, h.y.upperBound)
            case .contour(let k):
                tight = true
                point(k.x.lowerBound, k.y.lowerBound); point(k.x.upperBound, k.y.upperBound)
            case .strip(let strip):
                xe.add(xScale.transform(-0.5)); xe.add(xScale.transform(Double(strip.groups.count) - 0.5))
                for group in strip.groups { for value in group.values { ye.add(yScale.transform(value)) } }
            case .histogram(let h): histogramExtent(h, point)
            case .images, .matrix, .graph, .colorBar: break
            }
        }
        return (xe.range(scale: xScale, tight: tight, limits: xLimits),
                ye.range(scale: yScale, tight: tight, limits: yLimits))
    }

    /// The densest tick set whose labels do not collide along an axis of `length` pixels.
    private func fitTicks(_ range: ClosedRange<Double>, scale: Scale, length: Double, vertical: Bool,
                          _ c: Canvas) -> [Tick] {
        c.font(c.tickFont)
        let spacing = vertical ? 55 * c.scale : 95 * c.scale
        var n = max(2, min(10, Int(length / spacing) + 1))
        let map = AxisMap(lower: range.lowerBound, upper: range.upperBound, scale: scale, pixelLower: 0, pixelUpper: length)
        while true {
            let ticks = scale == .log
                ? Ticks.log(lower: range.lowerBound, upper: range.upperBound, maxCount: n)
                : Ticks.linear(lower: range.lowerBound, upper: range.upperBound, maxCount: n)
            let labelled = ticks.filter { !$0.label.isEmpty }.compactMap { t in map.pixel(t.value).map { (t, $0) } }
            var fits = true
            for k in labelled.indices.dropFirst() {
                let (a, pa) = labelled[k - 1], (b, pb) = labelled[k]
                let need = vertical ? 1.7 * c.textHeight
                                    : (c.textWidth(a.label) + c.textWidth(b.label)) / 2 + 1.0 * c.tickFont
                if abs(pb - pa) < need { fits = false; break }
            }
            if fits || n <= 2 { return ticks }
            n -= 1
        }
    }

    private func renderCartesian(_ c: Canvas, in cell: Rect) {
        let s = c.scale, pad = 10 * s, tickLength = 5 * s
        let (xRange, yRange) = dataRanges()
        let title = self.title.flatMap { $0.isEmpty ? nil : $0 }
        let xLabel = self.xLabel.flatMap { $0.isEmpty ? nil : $0 }
        let yLabel = self.yLabel.flatMap { $0.isEmpty ? nil : $0 }
        // Distributions put named groups on the x axis instead of numbers, with a second
        // line under each name.
        var strip: StripPlot?
        for case .strip(let st) in items { strip = st }

        c.font(c.titleFont, bold: true); let titleHeight = c.textHeight
        c.font(c.labelFont); let labelHeight = c.textHeight
        c.font(c.tickFont); let tickHeight = c.textHeight
        let secondLine = strip != nil ? 0.9 * tickHeight + 6 * s : 0

        // Vertical layout depends only on font heights, so the plot height is known before
        // any tick is chosen; the left margin then follows from the widest y label.
        let top = cell.minY + pad + (title != nil ? titleHeight + 12 * s : 0) + tickHeight / 2
        let bottom = cell.maxY - pad - (xLabel != nil ? labelHeight + 8 * s : 0) - tickHeight - 7 * s - tickLength - secondLine
        let plotHeight = bottom - top
        guard plotHeight > 20 * s else { return }

        // One colour bar at most: the last heatmap's or colour scale's.
        var bar: ColorScale?
        for item in items {
            switch item {
            case .heatmap(let h) where h.showColorBar:
                bar = ColorScale(colorMap: h.colorMap, range: h.range, scale: .linear, label: h.colorBarLabel ?? "")
            case .colorBar(let scale): bar = scale
            default: break
            }
        }
        var right = cell.maxX - pad - 14 * s
        if let bar {
            right = cell.maxX - pad - c.colorBarWidth(range: bar.range, label: bar.label.isEmpty ? nil : bar.label,
                                                      height: plotHeight, scale: bar.scale)
        }
        let yTicks = fitTicks(yRange, scale: yScale, length: plotHeight, vertical: true, c)
        c.font(c.tickFont)
        let yTickWidth = yTicks.map { c.textWidth($0.label) }.max() ?? 0
        let left = cell.minX + pad + (yLabel != nil ? labelHeight + 10 * s : 0) + yTickWidth + 6 * s + tickLength
        let plot = Rect(x: left.rounded(), y: top.rounded(), width: (right - left).rounded(), height: plotHeight.rounded())
        guard plot.width > 20 * s else { return }
        let xTicks = strip.map { $0.groups.enumerated().map { Tick(value: Double($0), label: $1.name) } }
            ?? fitTicks(xRange, scale: xScale, length: plot.width, vertical: false, c)
        let xm = AxisMap(lower: xRange.lowerBound, upper: xRange.upperBound, scale: xScale,
                         pixelLower: plot.minX, pixelUpper: plot.maxX)
        let ym = AxisMap(lower: yRange.lowerBound, upper: yRange.upperBound, scale: yScale,
                         pixelLower: plot.maxY, pixelUpper: plot.minY)
        lastLayout = (plot, xm, ym)

        // Grid first so everything else sits on top of it.
        if showGrid {
            for tick in xTicks where strip == nil { if let p = xm.pixel(tick.value) {
                c.hairline(x0: c.crisp(p), y0: plot.minY, x1: c.crisp(p), y1: plot.maxY,
                           color: tick.isMajor ? .grid : .minorGrid, width: 1) } }
            for tick in yTicks { if let p = ym.pixel(tick.value) {
                c.hairline(x0: plot.minX, y0: c.crisp(p), x1: plot.maxX, y1: c.crisp(p),
                           color: tick.isMajor ? .grid : .minorGrid, width: 1) } }
        }

        c.save()
        c.clip(plot)
        var scorePoints: [(Double, Double)] = []
        for item in items { if case .heatmap(let h) = item { drawHeatmap(h, c, xm, ym) } }
        for item in items {
            switch item {
            case .contour(let k): drawContour(k, c, xm, ym, &scorePoints)
            case .reference(let r): drawReference(r, c, xm, ym, plot, &scorePoints)
            default: break
            }
        }
        for item in items { if case .histogram(let h) = item { drawHistogram(h, c, xm, ym, plot, &scorePoints) } }
        if let strip { drawStrip(strip, c, xm, ym, &scorePoints) }
        for item in items { if case .line(let l) = item { drawLine(l, c, xm, ym, &scorePoints) } }
        for item in items { if case .scatter(let sc) = item { drawScatter(sc, c, xm, ym, &scorePoints) } }
        c.restore()

        // Frame and ticks.
        c.color(.axis)
        cairo_rectangle(c.cr, c.crisp(plot.minX), c.crisp(plot.minY), plot.width, plot.height)
        c.stroke(width: 1)
        c.font(c.tickFont)
        // Group names shrink (to 70 % at most) rather than run into each other.
        var xTickFont = c.tickFont
        if let strip, !strip.groups.isEmpty, let spacing = xm.pixel(1).flatMap({ p1 in xm.pixel(0).map { abs(p1 - $0) } }) {
            let widest = xTicks.map { c.textWidth($0.label) }.max() ?? 0
            if widest > 0.92 * spacing { xTickFont = max(0.7, 0.92 * spacing / widest) * c.tickFont }
        }
        c.font(xTickFont)
        for tick in xTicks {
            guard let p = xm.pixel(tick.value) else { continue }
            let len = tick.isMajor ? tickLength : tickLength * 0.6
            c.hairline(x0: c.crisp(p), y0: plot.maxY, x1: c.crisp(p), y1: plot.maxY + len, color: .axis, width: 1)
            c.color(.text)
            c.text(tick.label, x: p, y: plot.maxY + tickLength + 5 * s, h: .center, v: .top)
        }
        if let strip {
            c.font(0.9 * xTickFont)
            for (group, summary) in zip(strip.groups, strip.summaries(scale: yScale)) {
                guard let p = xm.pixel(summary.position) else { continue }
                // A diverged run is the count a reader must not miss: it has no dot.
                c.color(summary.diverged > 0 ? Color(hex: 0xB34700) : Color(hex: 0x555555))
                c.text(StripPlot.countLine(group, summary), x: p, y: plot.maxY + tickLength + 5 * s + tickHeight + 4 * s, h: .center, v: .top)
            }
        }
        c.font(c.tickFont)
        for tick in yTicks {
            guard let p = ym.pixel(tick.value) else { continue }
            let len = tick.isMajor ? tickLength : tickLength * 0.6
            c.hairline(x0: plot.minX - len, y0: c.crisp(p), x1: plot.minX, y1: c.crisp(p), color: .axis, width: 1)
            c.color(.text)
            c.text(tick.label, x: plot.minX - tickLength - 5 * s, y: p, h: .right, v: .middle)
        }

        c.color(.text)
        if let xLabel {
            c.font(c.labelFont)
            c.text(xLabel, x: plot.minX + plot.width / 2, y: cell.maxY - pad, h: .center, v: .bottom)
        }
        if let yLabel {
            c.font(c.labelFont)
            c.text(yLabel, x: cell.minX + pad, y: plot.minY + plot.height / 2, h: .center, v: .top, angle: -Double.pi / 2)
        }
        if let title {
            c.font(c.titleFont, bold: true)
            c.text(title, x: plot.minX + plot.width / 2, y: cell.minY + pad, h: .center, v: .top)
        }

        for item in items { if case .annotation(let a) = item { drawAnnotation(a, c, xm, ym, plot) } }
        if let bar {
            c.colorBar(map: bar.colorMap, range: bar.range, label: bar.label.isEmpty ? nil : bar.label, plot: plot, scale: bar.scale)
        }
        lastLegend = c.legend(legendEntries(c), position: legendPosition, plot: plot, points: scorePoints)
    }

    private func legendEntries(_ c: Canvas) -> [LegendEntry] {
        items.compactMap { item -> LegendEntry? in
            switch item {
            case .line(let l):
                guard let label = l.label, !label.isEmpty else { return nil }
                return LegendEntry(label: label, color: l.color, sample: .line(l.style, c.lineWidth * l.width, l.marker))
            case .scatter(let sc):
                guard let label = sc.label, !label.isEmpty else { return nil }
                return LegendEntry(label: label, color: sc.color, sample: .marker(sc.marker))
            case .reference(let r):
                guard let label = r.label, !label.isEmpty else { return nil }
                return LegendEntry(label: label, color: r.color, sample: .line(r.style, 1.5 * c.scale, nil))
            case .contour(let k):
                guard let label = k.label, !label.isEmpty else { return nil }
                return LegendEntry(label: label, color: k.color, sample: .line(k.style, c.lineWidth * k.width, nil))
            case .histogram(let h):
                guard let label = h.label, !label.isEmpty else { return nil }
                return LegendEntry(label: label, color: h.color, sample: .line(.solid, c.lineWidth * 0.7 * h.width, nil))
            default: return nil
            }
        }
    }

    /// Keeps coordinates inside cairo's fixed-point range when limits cut data far off-panel.
    private func safe(_ v: Double) -> Double { min(1e6, max(-1e6, v)) }

    /// Samples along a pixel segment, so a long straight stretch of line counts as the
    /// area it covers when the legend looks for an empty corner.
    private func sample(_ x0: Double, _ y0: Double, _ x1: Double, _ y1: Double, into points: inout [(Double, Double)]) {
        let n = min(200, max(1, Int(hypot(x1 - x0, y1 - y0) / 6)))
        for k in 0...n {
            let t = Double(k) / Double(n)
            points.append((x0 + (x1 - x0) * t, y0 + (y1 - y0) * t))
        }
    }

    private func drawLine(_ l: Line, _ c: Canvas, _ xm: AxisMap, _ ym: AxisMap, _ points: inout [(Double, Double)]) {
        let n = min(l.x.count, l.y.count)
        var previous: (Double, Double)?
        var valid: [(Double, Double)] = []
        cairo_new_path(c.cr)
        for i in 0..<n {
            guard let px = xm.pixel(l.x[i]), let py = ym.pixel(l.y[i]) else { previous = nil; continue }
            let p = (safe(px), safe(py))
            if let q = previous {
                cairo_line_to(c.cr, p.0, p.1)
                sample(q.0, q.1, p.0, p.1, into: &points)
            } else {
                cairo_move_to(c.cr, p.0, p.1)
            }
            previous = p
            valid.append(p)
        }
        c.color(l.color)
        c.stroke(width: c.lineWidth * l.width, style: l.style)
        if let m = l.marker, !valid.isEmpty {
            // About 20 markers whatever the length: enough to identify the series, not a smear.
            let every = max(1, valid.count / 20)
            for (k, p) in valid.enumerated() where k % every == 0 {
                c.marker(m, x: p.0, y: p.1, size: 8 * c.scale * l.width, fill: l.color, edge: .white)
            }
        }
    }

    private func drawScatter(_ sc: Scatter, _ c: Canvas, _ xm: AxisMap, _ ym: AxisMap, _ points: inout [(Double, Double)]) {
        for i in 0..<min(sc.x.count, sc.y.count) {
            guard let px = xm.pixel(sc.x[i]), let py = ym.pixel(sc.y[i]) else { continue }
            c.marker(sc.marker, x: safe(px), y: safe(py), size: 9 * c.scale * sc.size, fill: sc.color, edge: .white)
            for _ in 0..<3 { points.append((px, py)) }
        }
    }

    private func drawReference(_ r: Reference, _ c: Canvas, _ xm: AxisMap, _ ym: AxisMap, _ plot: Rect,
                               _ points: inout [(Double, Double)]) {
        c.color(r.color)
        if r.horizontal {
            guard let p = ym.pixel(r.value) else { return }
            cairo_move_to(c.cr, plot.minX, p); cairo_line_to(c.cr, plot.maxX, p)
            sample(plot.minX, p, plot.maxX, p, into: &points)
        } else {
            guard let p = xm.pixel(r.value) else { return }
            cairo_move_to(c.cr, p, plot.minY); cairo_line_to(c.cr, p, plot.maxY)
            sample(p, plot.minY, p, plot.maxY, into: &points)
        }
        c.stroke(width: 1.5 * c.scale, style: r.style)
    }

    private func drawContour(_ k: ContourLine, _ c: Canvas, _ xm: AxisMap, _ ym: AxisMap, _ points: inout [(Double, Double)]) {
        cairo_new_path(c.cr)
        for seg in k.segments {
            guard let x0 = xm.pixel(seg.x0), let y0 = ym.pixel(seg.y0),
                  let x1 = xm.pixel(seg.x1), let y1 = ym.pixel(seg.y1) else { continue }
            cairo_move_to(c.cr, x0, y0); cairo_line_to(c.cr, x1, y1)
            points.append((x0, y0))
        }
        c.color(k.color)
        cairo_set_line_cap(c.cr, CAIRO_LINE_CAP_ROUND)
        let width = c.lineWidth * k.width
        if k.style == .solid {
            cairo_set_line_width(c.cr, width)
            cairo_set_line_join(c.cr, CAIRO_LINE_JOIN_ROUND)
            cairo_stroke(c.cr)
        } else {
            c.stroke(width: width, style: k.style)
        }
    }

    private func drawHeatmap(_ h: Heatmap, _ c: Canvas, _ xm: AxisMap, _ ym: AxisMap) {
        let rows = h.values.count, columns = h.values.map(\.count).min() ?? 0
        guard rows > 0, columns > 0,
              let x0 = xm.pixel(h.x.lowerBound), let x1 = xm.pixel(h.x.upperBound),
              let y0 = ym.pixel(h.y.lowerBound), let y1 = ym.pixel(h.y.upperBound) else { return }
        let dest = Rect(x: min(x0, x1), y: min(y0, y1), width: abs(x1 - x0), height: abs(y1 - y0))
        c.image(width: columns, height: rows, colors: { r, col in h.colorMap.color(for: h.values[r][col], in: h.range) },
                into: dest, smooth: true, rowZeroAtBottom: true)
    }

    private func drawAnnotation(_ a: Annotation, _ c: Canvas, _ xm: AxisMap, _ ym: AxisMap, _ plot: Rect) {
        guard let px = xm.pixel(a.x), let py = ym.pixel(a.y), plot.contains(px, py) else { return }
        let s = c.scale
        guard a.marked else {
            c.font(c.tickFont)
            c.color(a.color)
            c.text(a.text, x: px, y: py, h: .left, v: .middle)
            return
        }
        cairo_new_path(c.cr)
        cairo_arc(c.cr, px, py, 5 * s, 0, 2 * Double.pi)
        c.color(a.color)
        c.stroke(width: 1.6 * s)
        c.font(c.tickFont)
        let w = c.textWidth(a.text), h = c.textHeight
        // Up and to the right of the point, flipped when that would leave the panel.
        var tx = px + 8 * s, ty = py - 8 * s
        if tx + w + 4 * s > plot.maxX { tx = px - 8 * s - w }
        if ty - h - 4 * s < plot.minY { ty = py + 8 * s + h }
        c.fill(Rect(x: tx - 3 * s, y: ty - h - 1 * s, width: w + 6 * s, height: h + 4 * s), Color(hex: 0xFFFFFF, alpha: 0.8))
        c.color(a.color)
        c.text(a.text, x: tx, y: ty, h: .left, v: .bottom)
    }
}
