import CCairo
import Foundation

/// A rectangle in pixels, y downwards: where a layout put something (a node, a label).
public struct Rect: Equatable, Sendable {
    public var x: Double, y: Double, width: Double, height: Double
    public init(x: Double, y: Double, width: Double, height: Double) {
        self.x = x; self.y = y; self.width = width; self.height = height
    }
    public var minX: Double { x }
    public var maxX: Double { x + width }
    public var minY: Double { y }
    public var maxY: Double { y + height }
    public var midX: Double { x + width / 2 }
    public var midY: Double { y + height / 2 }
    public func contains(_ px: Double, _ py: Double) -> Bool { px >= minX && px <= maxX && py >= minY && py <= maxY }
    public func inset(_ d: Double) -> Rect { Rect(x: x + d, y: y + d, width: width - 2 * d, height: height - 2 * d) }
    /// Whether the two rectangles share any area (touching edges do not count).
    public func intersects(_ other: Rect) -> Bool {
        minX < other.maxX && other.minX < maxX && minY < other.maxY && other.minY < maxY
    }
}

enum HAlign { case left, center, right }
enum VAlign { case top, middle, bottom, baseline }

/// A thin layer over a cairo context: text measured and drawn with the same font settings,
/// and sizes that scale with the figure so a 2×2 grid stays readable.
final class Canvas {
    let cr: OpaquePointer
    /// Multiplier for every size in pixels; 1 at 1200×800.
    let scale: Double
    private(set) var fontSize: Double = 12

    init(cr: OpaquePointer, scale: Double) {
        self.cr = cr; self.scale = scale
        // Grey antialiasing keeps glyph edges neutral in PNGs; subpixel colour fringes look dirty.
        let options = cairo_font_options_create()
        cairo_font_options_set_antialias(options, CAIRO_ANTIALIAS_GRAY)
        cairo_font_options_set_hint_metrics(options, CAIRO_HINT_METRICS_ON)
        cairo_set_font_options(cr, options)
        cairo_font_options_destroy(options)
    }

    // Type sizes at 1200×800, in pixels.
    var tickFont: Double { 14 * scale }
    var labelFont: Double { 15 * scale }
    var titleFont: Double { 16.5 * scale }
    var legendFont: Double { 13.5 * scale }
    var lineWidth: Double { 2.2 * scale }

    func font(_ size: Double, bold: Bool = false) {
        cairo_select_font_face(cr, "DejaVu Sans", CAIRO_FONT_SLANT_NORMAL,
                               bold ? CAIRO_FONT_WEIGHT_BOLD : CAIRO_FONT_WEIGHT_NORMAL)
        cairo_set_font_size(cr, size)
        fontSize = size
    }

    /// Height of a line of text as laid out: cap height plus descent, so ascenders of the
    /// next element do not collide but the box is not padded with unused line gap.
    var textHeight: Double { 0.97 * fontSize }

    func textWidth(_ s: String) -> Double {
        var e = cairo_text_extents_t()
        cairo_text_extents(cr, s, &e)
        return e.x_advance
    }

    func text(_ s: String, x: Double, y: Double, h: HAlign = .left, v: VAlign = .baseline, angle: Double = 0) {
        guard !s.isEmpty else { return }
        let w = textWidth(s)
        let dx: Double = h == .left ? 0 : (h == .center ? -w / 2 : -w)
        let dy: Double
        switch v {
        case .top: dy = 0.73 * fontSize
        case .middle: dy = 0.365 * fontSize
        case .bottom: dy = -0.24 * fontSize
        case .baseline: dy = 0
        }
        cairo_save(cr)
        cairo_translate(cr, x, y)
        cairo_rotate(cr, angle)
        cairo_move_to(cr, dx, dy)
        cairo_show_text(cr, s)
        cairo_restore(cr)
    }

    func color(_ c: Color, alpha: Double? = nil) {
        cairo_set_source_rgba(cr, c.red, c.green, c.blue, alpha ?? c.alpha)
    }

    func fill(_ r: Rect, _ c: Color) {
        color(c)
        cairo_rectangle(cr, r.x, r.y, r.width, r.height)
        cairo_fill(cr)
    }

    func stroke(width: Double, style: LineStyle = .solid) {
        cairo_set_line_width(cr, width)
        switch style {
        case .solid:
            cairo_set_dash(cr, nil, 0, 0)
            cairo_set_line_cap(cr, CAIRO_LINE_CAP_BUTT)
        case .dashed:
            let d = [5.5 * width, 3.0 * width]
            cairo_set_dash(cr, d, 2, 0)
            cairo_set_line_cap(cr, CAIRO_LINE_CAP_BUTT)
        case .dotted:
            // Zero-length dashes with round caps draw dots.
            let d = [0.0, 2.2 * width]
            cairo_set_dash(cr, d, 2, 0)
            cairo_set_line_cap(cr, CAIRO_LINE_CAP_ROUND)
        }
        cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND)
        cairo_stroke(cr)
        cairo_set_dash(cr, nil, 0, 0)
    }

    /// Snap a coordinate to a pixel centre so 1 px lines are one crisp pixel wide, not two grey ones.
    func crisp(_ v: Double) -> Double { v.rounded(.down) + 0.5 }

    func hairline(x0: Double, y0: Double, x1: Double, y1: Double, color c: Color, width: Double) {
        color(c)
        cairo_move_to(cr, x0, y0)
        cairo_line_to(cr, x1, y1)
        stroke(width: width)
    }

    func clip(_ r: Rect) {
        cairo_rectangle(cr, r.x, r.y, r.width, r.height)
        cairo_clip(cr)
    }

    func save() { cairo_save(cr) }
    func restore() { cairo_restore(cr) }

    func marker(_ m: Marker, x: Double, y: Double, size: Double, fill c: Color, edge: Color?) {
        let r = size / 2
        switch m {
        case .circle:
            cairo_new_sub_path(cr)
            cairo_arc(cr, x, y, r, 0, 2 * Double.pi)
        case .square:
            let s = r * 0.9
            cairo_rectangle(cr, x - s, y - s, 2 * s, 2 * s)
        case .triangle:
            let s = r * 1.3
            cairo_move_to(cr, x, y - s)
            cairo_line_to(cr, x + s * 0.93, y + s * 0.6)
            cairo_line_to(cr, x - s * 0.93, y + s * 0.6)
            cairo_close_path(cr)
        case .cross:
            let s = r * 0.85
            cairo_move_to(cr, x - s, y - s); cairo_line_to(cr, x + s, y + s)
            cairo_move_to(cr, x - s, y + s); cairo_line_to(cr, x + s, y - s)
            if let edge {
                // A pale halo first keeps the cross visible on dark heatmaps.
                color(edge)
                cairo_set_line_width(cr, size * 0.34)
                cairo_set_line_cap(cr, CAIRO_LINE_CAP_ROUND)
                cairo_stroke_preserve(cr)
            }
            color(c)
            cairo_set_line_width(cr, size * 0.2)
            cairo_set_line_cap(cr, CAIRO_LINE_CAP_ROUND)
            cairo_stroke(cr)
            return
        }
        color(c)
        if let edge {
            cairo_fill_preserve(cr)
            color(edge)
            cairo_set_line_width(cr, max(0.8, size * 0.1))
            cairo_stroke(cr)
        } else {
            cairo_fill(cr)
        }
    }

    /// Paint a w×h grid of colours into `dest`; `rowZeroAtBottom` matches data whose rows
    /// are increasing y. Smooth fields use bilinear filtering, pixel images nearest.
    func image(width w: Int, height h: Int, colors: (Int, Int) -> Color, into dest: Rect,
               smooth: Bool, rowZeroAtBottom: Bool) {
        guard w > 0, h > 0 else { return }
        let surface = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, Int32(w), Int32(h))
        defer { cairo_surface_destroy(surface) }
        cairo_surface_flush(surface)
        guard let data = cairo_image_surface_get_data(surface) else { return }
        let stride = Int(cairo_image_surface_get_stride(surface))
        for row in 0..<h {
            let line = (data + row * stride).withMemoryRebound(to: UInt32.self, capacity: w) { $0 }
            let dataRow = rowZeroAtBottom ? h - 1 - row : row
            for col in 0..<w {
                let c = colors(dataRow, col)
                let a = max(0, min(1, c.alpha))
                func ch(_ v: Double) -> UInt32 { UInt32((max(0, min(1, v)) * a * 255).rounded()) }
                line[col] = UInt32((a * 255).rounded()) << 24 | ch(c.red) << 16 | ch(c.green) << 8 | ch(c.blue)
            }
        }
        cairo_surface_mark_dirty(surface)
        save()
        clip(dest)
        if smooth && (w > 1 || h > 1) {
            // Sample centres sit on the rectangle's edges and corners (inclusive grid), so
            // the image is stretched half a sample past each edge and clipped back.
            let sx = w > 1 ? dest.width / Double(w - 1) : dest.width
            let sy = h > 1 ? dest.height / Double(h - 1) : dest.height
            cairo_translate(cr, dest.x - (w > 1 ? 0.5 * sx : 0), dest.y - (h > 1 ? 0.5 * sy : 0))
            cairo_scale(cr, sx, sy)
        } else {
            cairo_translate(cr, dest.x, dest.y)
            cairo_scale(cr, dest.width / Double(w), dest.height / Double(h))
        }
        cairo_set_source_surface(cr, surface, 0, 0)
        let pattern = cairo_get_source(cr)
        cairo_pattern_set_filter(pattern, smooth ? CAIRO_FILTER_BILINEAR : CAIRO_FILTER_NEAREST)
        cairo_pattern_set_extend(pattern, CAIRO_EXTEND_PAD)
        cairo_rectangle(cr, -1, -1, Double(w) + 2, Double(h) + 2)
        cairo_fill(cr)
        restore()
    }
}

extension Color {
    /// White, for contours over dark fields.
    public static let white = Color(hex: 0xFFFFFF)
    static let text = Color(hex: 0x222222)
    static let axis = Color(hex: 0x555555)
    static let grid = Color(hex: 0xE6E6E6)
    static let minorGrid = Color(hex: 0xF3F3F3)
    /// Black, for contours and reference lines.
    public static let black = Color(hex: 0x000000)

    /// Relative luminance, to choose black or white text over a fill.
    var luminance: Double {
        func lin(_ c: Double) -> Double { c <= 0.04045 ? c / 12.92 : pow((c + 0.055) / 1.055, 2.4) }
        return 0.2126 * lin(red) + 0.7152 * lin(green) + 0.0722 * lin(blue)
    }
}
