import CCairo
import Foundation

/// A PNG file read through Cairo as grey levels: `width × height`, row-major, 0 = black,
/// 1 = white. Colour is reduced to luminance (ITU-R BT.601 weights, as MNIST's scans);
/// transparency is composited over white, so a transparent background counts as paper.
struct PNGImage {
    let width: Int
    let height: Int
    let grey: [Double]

    struct ReadError: Error, CustomStringConvertible {
        let path: String
        let reason: String
        var description: String { "cannot read PNG '\(path)': \(reason)" }
    }

    init(path: String) throws {
        guard FileManager.default.fileExists(atPath: path) else { throw ReadError(path: path, reason: "no such file") }
        let source = cairo_image_surface_create_from_png(path)
        defer { cairo_surface_destroy(source) }
        let status = cairo_surface_status(source)
        guard status == CAIRO_STATUS_SUCCESS else {
            throw ReadError(path: path, reason: String(cString: cairo_status_to_string(status)))
        }
        width = Int(cairo_image_surface_get_width(source))
        height = Int(cairo_image_surface_get_height(source))
        guard width > 0, height > 0 else { throw ReadError(path: path, reason: "empty image") }

        // Cairo decodes PNGs into several formats (RGB24, ARGB32, float ones for 16-bit
        // files); painting onto white ARGB32 gives one layout to read, alpha already applied.
        let canvas = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, Int32(width), Int32(height))
        defer { cairo_surface_destroy(canvas) }
        let context = cairo_create(canvas)
        cairo_set_source_rgb(context, 1, 1, 1)
        cairo_paint(context)
        cairo_set_source_surface(context, source, 0, 0)
        cairo_paint(context)
        cairo_destroy(context)
        cairo_surface_flush(canvas)

        let stride = Int(cairo_image_surface_get_stride(canvas))
        guard let data = cairo_image_surface_get_data(canvas) else { throw ReadError(path: path, reason: "no pixel data") }
        var grey = [Double](repeating: 0, count: width * height)
        for y in 0..<height {
            let row = UnsafeRawPointer(data + y * stride)
            for x in 0..<width {
                // ARGB32 is a native-endian 0xAARRGGBB word; opaque here, so not premultiplied.
                let pixel = row.loadUnaligned(fromByteOffset: x * 4, as: UInt32.self)
                let red = Double((pixel >> 16) & 0xFF), green = Double((pixel >> 8) & 0xFF), blue = Double(pixel & 0xFF)
                grey[y * width + x] = (0.299 * red + 0.587 * green + 0.114 * blue) / 255
            }
        }
        self.grey = grey
    }
}
