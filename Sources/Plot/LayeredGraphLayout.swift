import CCairo
import Foundation

/// Where everything of a `LayeredGraph` goes, in pixels, and every text handed to the
/// renderer: the renderer draws exactly this, so tests can check labels and overlaps
/// without reading pixels.
public struct LayeredGraphLayout: Sendable {
    /// What a text is.
    public enum TextKind: Sendable, Equatable {
        case columnTitle, nodeLabel, nodeDetail, edgeLabel, caption, key
    }

    /// A text and the rectangle its glyphs occupy (the renderer adds a thin halo around it).
    public struct Text: Sendable {
        public var text: String
        public var kind: TextKind
        public var frame: Rect
        /// The edge (index into `LayeredGraph.edges`) an edge label belongs to.
        public var edge: Int?
        public var fontSize: Double
        public var bold: Bool
        public var color: Color
    }

    /// A node's box (or a dot, when the column is too crowded for text).
    public struct Node: Sendable {
        public var column: Int
        public var row: Int
        public var frame: Rect
        public var fill: Color
        /// Drawn as a dot without text.
        public var isDot: Bool
    }

    /// An edge as drawn: a straight line from the right side of one node to the left side of the next.
    public struct EdgeLine: Sendable {
        /// Index into `LayeredGraph.edges`.
        public var edge: Int
        public var x0: Double, y0: Double, x1: Double, y1: Double
        public var width: Double
        public var color: Color

        /// The point at fraction `t` from the start.
        func point(_ t: Double) -> (x: Double, y: Double) { (x0 + (x1 - x0) * t, y0 + (y1 - y0) * t) }
    }

    public var nodes: [Node] = []
    public var edges: [EdgeLine] = []
    public var texts: [Text] = []
    /// Short line samples of the sign key.
    public var keyLines: [EdgeLine] = []

    /// The texts of one kind, in drawing order.
    public func texts(_ kind: TextKind) -> [Text] { texts.filter { $0.kind == kind } }
}

extension LayeredGraph {
    /// The layout of the graph drawn as the only panel (without a panel title) of a figure
    /// of `width`×`height` pixels without a title, as `Figure.writePNG` would draw it.
    public func layout(width: Int, height: Int) -> LayeredGraphLayout {
        let scale = Figure.scale(width: width, height: height)
        let surface = cairo_image_surface_create(CAIRO_FORMAT_RGB24, 1, 1)
        defer { cairo_surface_destroy(surface) }
        let cr = cairo_create(surface)!
        defer { cairo_destroy(cr) }
        let canvas = Canvas(cr: cr, scale: scale)
        let cell = Figure.cells(width: width, height: height, rows: 1, columns: 1, top: 4 * scale, scale: scale)[0]
        return layout(in: cell.inset(10 * scale), canvas: canvas)
    }

    /// White space around an edge label's text (at 1200×800, in pixels).
    static let labelPadding = 3.0

    /// Fonts at 1200×800, in pixels.
    private struct Fonts {
        let columnTitle, label, detail, edge, caption, key: Double
        /// Scaled with the figure, but never below what reads on a screen.
        init(_ s: Double) {
            columnTitle = max(14.5 * s, 13); label = max(13 * s, 12); detail = max(11.5 * s, 11)
            edge = max(11.5 * s, 11); caption = max(14 * s, 13); key = max(12.5 * s, 11.5)
        }
    }

    /// How much node text fits.
    private enum NodeText { case full, label, none }

    func layout(in area: Rect, canvas c: Canvas) -> LayeredGraphLayout {
        var result = LayeredGraphLayout()
        let s = c.scale
        let fonts = Fonts(s)
        guard !columns.isEmpty, area.width > 0, area.height > 0 else { return result }

        // Rows of text above and below the nodes.
        let hasTitles = columns.contains { !($0.title ?? "").isEmpty }
        let titleRow = hasTitles ? 0.97 * fonts.columnTitle + 16 * s : 0
        let caption = self.caption.flatMap { $0.isEmpty ? nil : $0 }
        let captionRow = caption != nil ? 0.97 * fonts.caption + 12 * s : 0
        let keyRow = key != nil && !edges.isEmpty ? 0.97 * fonts.key + 12 * s : 0
        let graph = Rect(x: area.minX, y: area.minY + titleRow, width: area.width,
                         height: area.height - titleRow - captionRow - keyRow)
        guard graph.height > 10 * s else { return result }

        // Node boxes: the richest text that fits every column, top to bottom.
        let padX = 9 * s, padY = 6 * s, minGapY = 8 * s
        let labelLine = fonts.label * 1.3, detailLine = fonts.detail * 1.3
        func lines(_ node: Node, _ mode: NodeText) -> [(text: String, kind: LayeredGraphLayout.TextKind)] {
            switch mode {
            case .none: return []
            case .label: return node.label.isEmpty ? [] : [(node.label, .nodeLabel)]
            case .full:
                let details = (node.detail ?? "").split(separator: "\n", omittingEmptySubsequences: true).map { (String($0), LayeredGraphLayout.TextKind.nodeDetail) }
                return (node.label.isEmpty ? [] : [(node.label, .nodeLabel)]) + details
            }
        }
        func boxSize(_ column: Column, _ mode: NodeText) -> (width: Double, height: Double) {
            var width = 0.0, height = 0.0
            for node in column.nodes {
                var w = 0.0, h = 0.0
                for (text, kind) in lines(node, mode) {
                    c.font(kind == .nodeLabel ? fonts.label : fonts.detail)
                    w = max(w, c.textWidth(text))
                    h += kind == .nodeLabel ? labelLine : detailLine
                }
                width = max(width, w); height = max(height, h)
            }
            return (width + 2 * padX, height + 2 * padY - 0.3 * fonts.detail)
        }
        // Per column, the richest text whose boxes fit top to bottom; then, while the
        // columns are too wide together, the widest column sheds text.
        var modes = columns.map { column in
            [NodeText.full, .label].first { mode in
                let size = boxSize(column, mode)
                return Double(column.nodes.count) * size.height + Double(column.nodes.count + 1) * minGapY <= graph.height
            } ?? .none
        }
        func size(_ k: Int) -> (width: Double, height: Double) {
            guard modes[k] == .none else { return boxSize(columns[k], modes[k]) }
            let dot = max(3, min(18 * s, graph.height / Double(max(columns[k].nodes.count, 1)) * 0.7))
            return (dot, dot)
        }
        var sizes = columns.indices.map(size)
        while sizes.reduce(0, { $0 + $1.width }) + Double(columns.count - 1) * 50 * s > graph.width,
              let widest = columns.indices.filter({ modes[$0] != .none }).max(by: { sizes[$0].width < sizes[$1].width }) {
            modes[widest] = modes[widest] == .full ? .label : .none
            sizes[widest] = size(widest)
        }

        // Edge labels need each gap between columns wider than its widest label; a smaller
        // font first, then no labels, rather than labels over each other.
        let margin = 6 * s
        let boxes = sizes.reduce(0) { $0 + $1.width }
        c.font(fonts.columnTitle, bold: true)
        let titleWidths = columns.map { c.textWidth($0.title ?? "") }
        let leftOverhang = max(0, (titleWidths[0] - sizes[0].width) / 2)
        let rightOverhang = max(0, (titleWidths[columns.count - 1] - sizes[columns.count - 1].width) / 2)
        let available = graph.width - boxes - leftOverhang - rightOverhang
        func widestLabels(_ font: Double) -> [Double] {
            c.font(font)
            return (0..<max(columns.count - 1, 0)).map { k in edges.filter { $0.column == k }.map { c.textWidth($0.label ?? "") }.max() ?? 0 }
        }
        var edgeFont = fonts.edge
        var minimumGaps = [Double](repeating: 12 * s, count: max(columns.count - 1, 0))
        var labelled = false
        if showsEdgeLabels && !modes.contains(.none) {
            for factor in [1.0, 0.9, 0.8] {
                let needed = widestLabels(fonts.edge * factor).map { max(12 * s, $0 * 1.25 + 2 * margin) }
                if needed.reduce(0, +) <= available {
                    edgeFont = fonts.edge * factor; minimumGaps = needed; labelled = true
                    break
                }
            }
        }

        // Gaps: each at least its minimum; the room left goes mostly to gaps crossed by more
        // edges (their labels have more to share), and no gap grows past a cap, so that a
        // small graph in a wide panel stays together (centred).
        var gaps: [Double] = []
        if columns.count > 1 {
            let cap = max(2.2 * (widestLabels(edgeFont).max() ?? 0), 260 * s)
            let weights = (0..<(columns.count - 1)).map { k in
                Double(max(1, edges.filter { $0.column == k }.count)).squareRoot()
            }
            let spare = max(0, available - minimumGaps.reduce(0, +))
            gaps = zip(minimumGaps, weights).map { minimum, weight in
                max(minimum, min(cap * weight / weights.min()!, minimum + spare * weight / weights.reduce(0, +)))
            }
        }
        let used = boxes + gaps.reduce(0, +)
        var x = graph.minX + leftOverhang + max(0, (graph.width - leftOverhang - rightOverhang - used) / 2)
        var frames: [[Rect]] = []
        for (k, column) in columns.enumerated() {
            let size = sizes[k]
            let slot = graph.height / Double(max(column.nodes.count, 1))
            frames.append(column.nodes.indices.map { i in
                let cy = graph.minY + (Double(i) + 0.5) * slot
                return Rect(x: x, y: cy - size.height / 2, width: size.width, height: size.height)
            })
            x += size.width + (k < gaps.count ? gaps[k] : 0)
        }

        // Nodes and their text.
        let fillScale = self.fillScale ?? columns.flatMap { $0.nodes.compactMap { $0.fill.map(abs) } }.filter(\.isFinite).max() ?? 0
        for (k, column) in columns.enumerated() {
            for (i, node) in column.nodes.enumerated() {
                let frame = frames[k][i]
                result.nodes.append(.init(column: k, row: i, frame: frame, fill: tint(node.fill, scale: fillScale), isDot: modes[k] == .none))
                var y = frame.minY + padY
                for (text, kind) in lines(node, modes[k]) {
                    let size = kind == .nodeLabel ? fonts.label : fonts.detail
                    c.font(size)
                    let w = c.textWidth(text)
                    result.texts.append(.init(text: text, kind: kind, frame: Rect(x: frame.midX - w / 2, y: y, width: w, height: 0.97 * size),
                                              edge: nil, fontSize: size, bold: false, color: kind == .nodeLabel ? .text : Color(hex: 0x4A4A4A)))
                    y += kind == .nodeLabel ? labelLine : detailLine
                }
            }
        }

        // Edges: width by |value| against the largest, colour by sign.
        let largest = edges.map { abs($0.value) }.filter(\.isFinite).max() ?? 0
        let widest = (edges.count > 64 ? 3.0 : 7.0) * s, thinnest = max(0.7, 0.8 * s)
        for (index, edge) in edges.enumerated() {
            let a = frames[edge.column][edge.from], b = frames[edge.column + 1][edge.to]
            let magnitude = edge.value.isFinite && largest > 0 ? abs(edge.value) / largest : 0
            result.edges.append(.init(edge: index, x0: a.maxX, y0: a.midY, x1: b.minX, y1: b.midY,
                                      width: thinnest + (widest - thinnest) * magnitude, color: color(of: edge.value)))
        }

        // Column titles.
        for (k, column) in columns.enumerated() {
            guard let title = column.title, !title.isEmpty else { continue }
            let w = titleWidths[k], centre = frames[k].first?.midX ?? graph.midX
            result.texts.append(.init(text: title, kind: .columnTitle,
                                      frame: Rect(x: centre - w / 2, y: area.minY, width: w, height: 0.97 * fonts.columnTitle),
                                      edge: nil, fontSize: fonts.columnTitle, bold: true, color: .text))
        }

        if labelled { placeEdgeLabels(&result, font: edgeFont, margin: margin, bounds: graph, canvas: c) }

        // Caption and sign key under the graph.
        var y = graph.maxY + 10 * s
        if let caption {
            c.font(fonts.caption)
            let w = c.textWidth(caption)
            result.texts.append(.init(text: caption, kind: .caption, frame: Rect(x: area.midX - w / 2, y: y, width: w, height: 0.97 * fonts.caption),
                                      edge: nil, fontSize: fonts.caption, bold: false, color: .text))
            y += captionRow
        }
        if let key, !edges.isEmpty {
            c.font(fonts.key)
            let sample = 26 * s, gapAfterSample = 6 * s, between = 22 * s
            let parts = [(key.positive, positiveColor), (key.negative, negativeColor)]
            let note = "line width ∝ |value|"
            let total = parts.reduce(0) { $0 + sample + gapAfterSample + c.textWidth($1.0) + between } + c.textWidth(note)
            var kx = area.midX - total / 2
            let h = 0.97 * fonts.key
            for (text, colour) in parts {
                result.keyLines.append(.init(edge: -1, x0: kx, y0: y + h / 2, x1: kx + sample, y1: y + h / 2, width: 4 * s, color: colour))
                kx += sample + gapAfterSample
                let w = c.textWidth(text)
                result.texts.append(.init(text: text, kind: .key, frame: Rect(x: kx, y: y, width: w, height: h),
                                          edge: nil, fontSize: fonts.key, bold: false, color: .text))
                kx += w + between
            }
            result.texts.append(.init(text: note, kind: .key, frame: Rect(x: kx, y: y, width: c.textWidth(note), height: h),
                                      edge: nil, fontSize: fonts.key, bold: false, color: Color(hex: 0x555555)))
        }
        return result
    }

    /// Edge labels go along their edge, horizontally, each where it overlaps no node, no
    /// title and no label placed before it, and crosses as few other edges as possible (so
    /// it reads as belonging to its own). Edges that share a node end up at different
    /// fractions of their length, because at the same fraction they would overlap.
    private func placeEdgeLabels(_ result: inout LayeredGraphLayout, font: Double, margin: Double, bounds: Rect, canvas c: Canvas) {
        c.font(font)
        // The label's white tag, and a little air between two tags.
        let halo = LayeredGraph.labelPadding * c.scale, spacing = 2 * c.scale
        let height = 0.97 * font
        var obstacles = result.nodes.map { $0.frame.inset(-3 * c.scale) } + result.texts.map(\.frame)
        // Shallow edges first: their labels can only slide sideways, steep ones have more room.
        let order = result.edges.indices.filter { !(edges[result.edges[$0].edge].label ?? "").isEmpty }
            .sorted { abs(result.edges[$0].y1 - result.edges[$0].y0) < abs(result.edges[$1].y1 - result.edges[$1].y0) }
        let fractions = stride(from: 0.1, through: 0.9, by: 0.02).map { $0 }
        for index in order {
            let line = result.edges[index]
            let text = edges[line.edge].label!
            let width = c.textWidth(text)
            var best: (score: Double, frame: Rect)?
            for t in fractions {
                let p = line.point(t)
                let frame = Rect(x: p.x - width / 2, y: p.y - height / 2, width: width, height: height)
                let padded = frame.inset(-halo)
                guard padded.minX >= line.x0 + margin, padded.maxX <= line.x1 - margin else { continue }
                var score = abs(t - 0.5)
                if padded.minY < bounds.minY || padded.maxY > bounds.maxY { score += 1_000 }
                for obstacle in obstacles where obstacle.intersects(padded) {
                    score += 1_000 + overlapArea(obstacle, padded)
                }
                for other in result.edges where other.edge != line.edge && segment(other, crosses: padded) { score += 10 }
                if best == nil || score < best!.score { best = (score, frame) }
            }
            // No room between the nodes at all: centre it (the layout made the gaps wide
            // enough for the widest label, so this is only a degenerate panel).
            let frame = best?.frame ?? Rect(x: line.point(0.5).x - width / 2, y: line.point(0.5).y - height / 2, width: width, height: height)
            let value = edges[line.edge].value
            result.texts.append(.init(text: text, kind: .edgeLabel, frame: frame, edge: line.edge, fontSize: font, bold: false,
                                      color: value.isFinite && value != 0 ? darker(line.color) : Color(hex: 0x555555)))
            obstacles.append(frame.inset(-halo - spacing))
        }
    }

    private func overlapArea(_ a: Rect, _ b: Rect) -> Double {
        max(0, min(a.maxX, b.maxX) - max(a.minX, b.minX)) * max(0, min(a.maxY, b.maxY) - max(a.minY, b.minY))
    }

    /// Whether the edge's line passes through the rectangle (Liang–Barsky clipping).
    private func segment(_ line: LayeredGraphLayout.EdgeLine, crosses rect: Rect) -> Bool {
        let dx = line.x1 - line.x0, dy = line.y1 - line.y0
        var lower = 0.0, upper = 1.0
        for (p, q) in [(-dx, line.x0 - rect.minX), (dx, rect.maxX - line.x0), (-dy, line.y0 - rect.minY), (dy, rect.maxY - line.y0)] {
            if p == 0 {
                if q < 0 { return false }
            } else {
                let r = q / p
                if p < 0 { lower = max(lower, r) } else { upper = min(upper, r) }
                if lower > upper { return false }
            }
        }
        return true
    }

    func color(of value: Double) -> Color {
        guard value.isFinite, value != 0 else { return Color(hex: 0x9A9A9A) }
        return value > 0 ? positiveColor : negativeColor
    }

    /// Label text in its edge's hue, darkened so that it reads as text on white.
    private func darker(_ c: Color) -> Color {
        Color(red: c.red * 0.8, green: c.green * 0.8, blue: c.blue * 0.8)
    }

    /// A pale tint of the sign's colour, at most 30 % strength, so that dark text stays legible.
    private func tint(_ value: Double?, scale: Double) -> Color {
        guard let value, value.isFinite, value != 0, scale > 0 else { return .white }
        let base = value > 0 ? positiveColor : negativeColor
        let strength = 0.3 * min(1, abs(value) / scale)
        return Color(red: 1 + (base.red - 1) * strength, green: 1 + (base.green - 1) * strength, blue: 1 + (base.blue - 1) * strength)
    }
}
