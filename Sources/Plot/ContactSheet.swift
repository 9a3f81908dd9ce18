import AtomicFile
import CCairo
import Foundation

/// Figures drawn small in a grid, each with a caption under it: the frames of a training
/// film on one image (its filmstrip), readable in print where a player cannot play.
///
/// ```swift
/// let sheet = ContactSheet(figures: frames, captions: ["step 0 · loss 0.69", …], columns: 4)
/// try sheet.writePNG(to: output.file("films/xor/filmstrip.png"))
/// ```
///
/// Each figure is drawn again at thumbnail size (vector, not a resampled bitmap), so lines
/// stay sharp; the caption is drawn at full size, because a figure's own text shrinks with it.
public struct ContactSheet {
    public var figures: [Figure]
    /// One per figure (missing ones are blank).
    public var captions: [String]
    public var columns: Int
    /// Width of each thumbnail in pixels; heights keep each figure's proportions.
    public var thumbnailWidth: Int
    /// A line above the grid.
    public var title: String?

    static let margin = 14.0, gap = 12.0, captionFont = 14.0, titleFont = 18.0

    public init(figures: [Figure], captions: [String], columns: Int = 4, thumbnailWidth: Int = 300, title: String? = nil) {
        if !(columns > 0 && thumbnailWidth > 0) { fatalError("ContactSheet: columns and thumbnail width must be positive") }
        self.figures = figures; self.captions = captions; self.columns = columns
        self.thumbnailWidth = thumbnailWidth; self.title = title
    }

    private var usedColumns: Int { max(1, min(columns, figures.count)) }
    private var rows: Int { (figures.count + usedColumns - 1) / usedColumns }
    private var thumbnailHeight: Double {
        figures.map { Double(thumbnailWidth) * Double($0.height) / Double($0.width) }.max() ?? 0
    }
    private var titleRow: Double { title.map { $0.isEmpty ? 0 : Self.titleFont * 1.6 } ?? 0 }
    private var captionRow: Double { Self.captionFont * 1.7 }

    /// The sheet's size in pixels.
    public var width: Int {
        Int((2 * Self.margin + Double(usedColumns) * Double(thumbnailWidth) + Double(usedColumns - 1) * Self.gap).rounded(.up))
    }

    public var height: Int {
        Int((2 * Self.margin + titleRow + Double(rows) * (thumbnailHeight + captionRow) + Double(max(rows - 1, 0)) * Self.gap).rounded(.up))
    }

    /// The sheet as PNG bytes.
    public func pngData() throws -> Data {
        try renderPNG(width: width, height: height) { draw(on: $0) }
    }

    /// Draws the title, then each figure scaled into its cell, framed, with its caption under it.
    private func draw(on cr: OpaquePointer) {
        let c = Canvas(cr: cr, scale: 1)
        c.fill(Rect(x: 0, y: 0, width: Double(width), height: Double(height)), .white)
        if let title, !title.isEmpty {
            c.font(Self.titleFont, bold: true)
            c.color(.text)
            c.text(title, x: Double(width) / 2, y: Self.margin, h: .center, v: .top)
        }
        for (index, figure) in figures.enumerated() {
            let x = Self.margin + Double(index % usedColumns) * (Double(thumbnailWidth) + Self.gap)
            let y = Self.margin + titleRow + Double(index / usedColumns) * (thumbnailHeight + captionRow + Self.gap)
            let factor = Double(thumbnailWidth) / Double(figure.width)
            cairo_save(cr)
            cairo_translate(cr, x, y)
            cairo_scale(cr, factor, factor)
            cairo_rectangle(cr, 0, 0, Double(figure.width), Double(figure.height))
            cairo_clip(cr)
            figure.draw(on: cr)
            cairo_restore(cr)
            let frame = Rect(x: x, y: y, width: Double(thumbnailWidth), height: Double(figure.height) * factor)
            c.color(Color(hex: 0xBBBBBB))
            cairo_rectangle(cr, frame.minX - 0.5, frame.minY - 0.5, frame.width + 1, frame.height + 1)
            c.stroke(width: 1)
            if index < captions.count {
                c.font(Self.captionFont)
                let text = captions[index]
                let w = c.textWidth(text)
                // A caption wider than its thumbnail shrinks rather than runs into the next.
                if w > frame.width { c.font(Self.captionFont * frame.width / w) }
                c.color(.text)
                c.text(text, x: frame.midX, y: frame.maxY + 0.45 * Self.captionFont, h: .center, v: .top)
            }
        }
    }

    /// Writes the sheet as a PNG, atomically.
    public func writePNG(to url: URL) throws {
        try writeAtomically(try pngData(), to: url)
    }
}
