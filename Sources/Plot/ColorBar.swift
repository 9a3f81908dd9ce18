import CCairo

extension Canvas {
    /// Horizontal space a colour bar needs to the right of a plot of the given height.
    func colorBarWidth(range: ClosedRange<Double>, label: String?, height: Double, scale axisScale: Scale = .linear) -> Double {
        font(tickFont)
        let ticks = colorBarTicks(range: range, height: height, scale: axisScale)
        let labelWidth = ticks.map { textWidth($0.label) }.max() ?? 0
        var w = 16 * scale + 16 * scale + 5 * scale + 4 * scale + labelWidth
        if label != nil { font(labelFont); w += 10 * scale + textHeight }
        return w
    }

    func colorBarTicks(range: ClosedRange<Double>, height: Double, scale axisScale: Scale = .linear) -> [Tick] {
        var n = max(2, min(8, Int(height / (45 * scale)) + 1))
        while true {
            let ticks = axisScale == .log
                ? Ticks.log(lower: range.lowerBound, upper: range.upperBound, maxCount: n).filter(\.isMajor)
                : Ticks.linear(lower: range.lowerBound, upper: range.upperBound, maxCount: n)
            if ticks.count <= max(2, Int(height / (1.8 * tickFont))) || n <= 2 { return ticks }
            n -= 1
        }
    }

    /// A vertical colour bar with ticks, its top and bottom aligned with the plot; on a log
    /// scale the colours and ticks are spaced by the logarithm of the value.
    func colorBar(map: ColorMap, range: ClosedRange<Double>, label: String?, plot: Rect, scale axisScale: Scale = .linear) {
        let bar = Rect(x: plot.maxX + 16 * scale, y: plot.minY, width: 16 * scale, height: plot.height)
        let steps = 256
        image(width: 1, height: steps, colors: { row, _ in map.color(at: Double(row) / Double(steps - 1)) },
              into: bar, smooth: true, rowZeroAtBottom: true)
        color(.axis)
        cairo_rectangle(cr, crisp(bar.minX), crisp(bar.minY), (bar.width).rounded(), (bar.height).rounded())
        stroke(width: 1)
        let axis = AxisMap(lower: range.lowerBound, upper: range.upperBound, scale: axisScale, pixelLower: bar.maxY, pixelUpper: bar.minY)
        font(tickFont)
        var labelRight = bar.maxX
        for tick in colorBarTicks(range: range, height: plot.height, scale: axisScale) {
            guard let y = axis.pixel(tick.value) ?? (range.lowerBound == range.upperBound ? bar.midY : nil) else { continue }
            hairline(x0: bar.maxX, y0: crisp(y), x1: bar.maxX + 5 * scale, y1: crisp(y), color: .axis, width: 1)
            color(.text)
            text(tick.label, x: bar.maxX + 9 * scale, y: y, h: .left, v: .middle)
            labelRight = max(labelRight, bar.maxX + 9 * scale + textWidth(tick.label))
        }
        if let label {
            font(labelFont)
            color(.text)
            text(label, x: labelRight + 10 * scale, y: bar.minY + bar.height / 2, h: .center, v: .top, angle: -Double.pi / 2)
        }
    }
}
