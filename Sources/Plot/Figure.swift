import AtomicFile
import CCairo
import Foundation

/// A figure: a grid of panels (`Axes`) and an optional overall title, written to PNG,
/// SVG or PDF through Cairo.
///
/// ```swift
/// let figure = Figure(rows: 1, columns: 2, title: "Sine fit")
/// figure[0, 0].line(x: steps, y: loss, label: "loss")
/// try figure.writePNG(to: url)
/// ```
public final class Figure {
    /// Size in pixels (PNG) or points (SVG, PDF).
    public let width: Int, height: Int
    /// Grid shape.
    public let rows: Int, columns: Int
    /// Overall title above all panels.
    public var title: String?
    /// Panels in row-major order.
    public let axes: [Axes]

    /// A figure of `rows`×`columns` empty panels. The default size is large enough that
    /// four panels stay readable.
    public init(width: Int = 1200, height: Int = 800, rows: Int = 1, columns: Int = 1, title: String? = nil) {
        if !(width > 0 && height > 0 && rows > 0 && columns > 0) { fatalError("Figure: size and grid must be positive, got \(width)×\(height) px, \(rows)×\(columns) panels") }
        self.width = width; self.height = height; self.rows = rows; self.columns = columns; self.title = title
        axes = (0..<(rows * columns)).map { _ in Axes() }
    }

    /// The panel at `row`, `column` (both from 0, row 0 at the top).
    public subscript(row: Int, column: Int) -> Axes {
        if !((0..<rows).contains(row) && (0..<columns).contains(column)) { fatalError("Figure: panel (\(row), \(column)) is outside the \(rows)×\(columns) grid") }
        return axes[row * columns + column]
    }

    /// Sizes scale with the figure's area, so text keeps its proportion when a figure is
    /// made larger, and does not shrink to nothing in a small one.
    var scale: Double { Figure.scale(width: width, height: height) * textScale }

    /// Multiplies every size that follows the figure's area (text, lines, margins). Above 1
    /// for a small figure shown at its own size, such as a film frame, whose text would
    /// otherwise be tiny.
    public var textScale: Double = 1

    static func scale(width: Int, height: Int) -> Double {
        max(0.6, (Double(width * height) / (1200 * 800)).squareRoot())
    }

    /// The panels' cells in row-major order, below a top margin of `top` pixels.
    static func cells(width: Int, height: Int, rows: Int, columns: Int, top: Double, scale: Double) -> [Rect] {
        let outer = 6 * scale
        let cellWidth = (Double(width) - 2 * outer) / Double(columns)
        let cellHeight = (Double(height) - top - outer) / Double(rows)
        return (0..<(rows * columns)).map { k in
            Rect(x: outer + Double(k % columns) * cellWidth, y: top + Double(k / columns) * cellHeight,
                 width: cellWidth, height: cellHeight)
        }
    }

    func draw(on cr: OpaquePointer) {
        let c = Canvas(cr: cr, scale: scale)
        c.fill(Rect(x: 0, y: 0, width: Double(width), height: Double(height)), .white)
        var top = 4 * scale
        if let title, !title.isEmpty {
            c.font(21 * scale, bold: true)
            // A title longer than the figure is wide (it may hold a file's numbers) is set
            // smaller rather than cut at both edges.
            let available = Double(width) - 24 * scale, needed = c.textWidth(title)
            if needed > available { c.font(21 * scale * available / needed, bold: true) }
            c.color(.text)
            c.text(title, x: Double(width) / 2, y: 14 * scale, h: .center, v: .top)
            top = 14 * scale + c.textHeight + 8 * scale
        }
        for (panel, cell) in zip(axes, Figure.cells(width: width, height: height, rows: rows, columns: columns, top: top, scale: scale)) {
            cairo_save(cr)
            panel.render(c, in: cell)
            cairo_restore(cr)
        }
    }

    /// Writes a PNG atomically: encoded in memory, written to a temporary file beside `url`
    /// and renamed over it, so a reader never sees a half-written image, and a failed write
    /// says why (permission, full disk, name too long), which Cairo's own file writing cannot.
    public func writePNG(to url: URL) throws {
        try writeAtomically(try pngData(), to: url)
    }

    /// The figure as PNG bytes.
    public func pngData() throws -> Data {
        try renderPNG(width: width, height: height) { draw(on: $0) }
    }

    /// Writes an SVG (vector, for papers and zooming) atomically.
    public func writeSVG(to url: URL) throws {
        try writeVector(to: url) { cairo_svg_surface_create($0, Double(width), Double(height)) }
    }

    /// Writes a PDF atomically.
    public func writePDF(to url: URL) throws {
        try writeVector(to: url) { cairo_pdf_surface_create($0, Double(width), Double(height)) }
    }

    private func writeVector(to url: URL, _ make: (String) -> OpaquePointer?) throws {
        try writeAtomically(to: url) { path in
            guard let surface = make(path) else { throw PlotError.cairo("could not create surface") }
            defer { cairo_surface_destroy(surface) }
            try checkCairo(cairo_surface_status(surface))
            let cr = cairo_create(surface)
            draw(on: cr!)
            cairo_destroy(cr)
            cairo_surface_finish(surface)
            try checkCairo(cairo_surface_status(surface))
        }
    }
}
