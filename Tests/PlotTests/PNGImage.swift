import CCairo
import Foundation
@testable import Plot

/// A PNG read back through Cairo, for asserting on pixels.
struct PNGImage {
    let width: Int, height: Int
    private let pixels: [UInt32]

    struct Failure: Error { let message: String }

    init(url: URL) throws {
        let surface = cairo_image_surface_create_from_png(url.path)
        defer { cairo_surface_destroy(surface) }
        guard cairo_surface_status(surface) == CAIRO_STATUS_SUCCESS else {
            throw Failure(message: "not a readable PNG: \(url.path)")
        }
        width = Int(cairo_image_surface_get_width(surface))
        height = Int(cairo_image_surface_get_height(surface))
        let stride = Int(cairo_image_surface_get_stride(surface))
        let data = cairo_image_surface_get_data(surface)!
        var px: [UInt32] = []
        px.reserveCapacity(width * height)
        for y in 0..<height {
            let row = UnsafeRawPointer(data + y * stride)
            for x in 0..<width { px.append(row.load(fromByteOffset: x * 4, as: UInt32.self)) }
        }
        pixels = px
    }

    /// (r, g, b) in 0...255 at a pixel.
    func rgb(_ x: Int, _ y: Int) -> (r: Int, g: Int, b: Int) {
        let p = pixels[y * width + x]
        return (Int((p >> 16) & 0xFF), Int((p >> 8) & 0xFF), Int(p & 0xFF))
    }

    /// Largest channel difference to a colour.
    func distance(_ x: Int, _ y: Int, to c: Color) -> Int {
        let p = rgb(x, y)
        return max(abs(p.r - Int((c.red * 255).rounded())), abs(p.g - Int((c.green * 255).rounded())),
                   abs(p.b - Int((c.blue * 255).rounded())))
    }

    /// Whether any pixel within `radius` of (x, y) is within `tolerance` of `c`.
    func has(_ c: Color, near x: Double, _ y: Double, radius: Int = 2, tolerance: Int = 40) -> Bool {
        let cx = Int(x), cy = Int(y)
        for dy in -radius...radius { for dx in -radius...radius {
            let px = cx + dx, py = cy + dy
            guard px >= 0, py >= 0, px < width, py < height else { continue }
            if distance(px, py, to: c) <= tolerance { return true }
        } }
        return false
    }

    /// Count of pixels in a rectangle darker than `threshold` on every channel.
    func darkPixels(x: Int, y: Int, width w: Int, height h: Int, threshold: Int = 100) -> Int {
        var n = 0
        for py in max(0, y)..<min(height, y + h) { for px in max(0, x)..<min(width, x + w) {
            let p = rgb(px, py)
            if p.r < threshold && p.g < threshold && p.b < threshold { n += 1 }
        } }
        return n
    }
}
