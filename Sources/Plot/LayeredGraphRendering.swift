import CCairo
import Foundation

extension Axes {
    /// Draws a layered graph into the panel, under the panel's title.
    func renderGraph(_ graph: LayeredGraph, _ c: Canvas, in cell: Rect) {
        let s = c.scale
        var area = cell.inset(10 * s)
        lastLayout = nil
        if let title, !title.isEmpty {
            c.font(c.titleFont, bold: true)
            c.color(.text)
            c.text(title, x: area.midX, y: area.minY, h: .center, v: .top)
            let used = c.textHeight + 14 * s
            area = Rect(x: area.minX, y: area.minY + used, width: area.width, height: area.height - used)
        }
        let layout = graph.layout(in: area, canvas: c)
        lastGraphLayout = layout
        c.draw(layout)
    }
}

extension Canvas {
    /// Draws a graph layout: edges under nodes, text on top, every text with a white halo.
    func draw(_ layout: LayeredGraphLayout) {
        // Many edges are drawn translucent so that the bundle shows density, not a solid block.
        let alpha = layout.edges.count > 64 ? 0.55 : 0.9
        cairo_set_line_cap(cr, CAIRO_LINE_CAP_ROUND)
        for line in layout.edges {
            cairo_new_path(cr)
            cairo_move_to(cr, line.x0, line.y0)
            cairo_line_to(cr, line.x1, line.y1)
            color(line.color, alpha: alpha)
            cairo_set_line_width(cr, line.width)
            cairo_stroke(cr)
        }
        for node in layout.nodes {
            cairo_new_path(cr)
            if node.isDot {
                cairo_arc(cr, node.frame.midX, node.frame.midY, node.frame.width / 2, 0, 2 * Double.pi)
            } else {
                roundedRect(node.frame, radius: 6 * scale)
            }
            color(node.fill)
            cairo_fill_preserve(cr)
            color(Color(hex: 0x7A7A7A))
            cairo_set_line_width(cr, 1.2 * scale)
            cairo_stroke(cr)
        }
        for line in layout.keyLines {
            cairo_new_path(cr)
            cairo_move_to(cr, line.x0, line.y0)
            cairo_line_to(cr, line.x1, line.y1)
            color(line.color)
            cairo_set_line_width(cr, line.width)
            cairo_stroke(cr)
        }
        for text in layout.texts {
            if text.kind == .edgeLabel {
                // A white tag under the label: the edge it sits on stops at its border
                // instead of running through the glyphs.
                cairo_new_path(cr)
                roundedRect(text.frame.inset(-LayeredGraph.labelPadding * scale), radius: 3 * scale)
                color(.white, alpha: 0.92)
                cairo_fill(cr)
            }
            font(text.fontSize, bold: text.bold)
            if text.kind == .nodeLabel || text.kind == .nodeDetail {
                // Inside a pale box: a halo would only blur the glyphs.
                color(text.color)
                self.text(text.text, x: text.frame.minX, y: text.frame.minY, h: .left, v: .top)
            } else {
                haloText(text.text, x: text.frame.minX, y: text.frame.minY, color: text.color, halo: 2 * scale)
            }
        }
    }

    /// Text whose glyphs are outlined in white first, so it stays legible over lines.
    func haloText(_ s: String, x: Double, y: Double, color c: Color, halo: Double) {
        guard !s.isEmpty else { return }
        cairo_save(cr)
        cairo_new_path(cr)
        cairo_move_to(cr, x, y + 0.73 * fontSize)
        cairo_text_path(cr, s)
        color(.white)
        cairo_set_line_width(cr, 2 * halo)
        cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND)
        cairo_stroke_preserve(cr)
        color(c)
        cairo_fill(cr)
        cairo_restore(cr)
    }
}
