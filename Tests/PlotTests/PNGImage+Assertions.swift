import Foundation
import Plot

/// Pixel questions the rendering tests ask of a PNG read back with Plot's `PNGImage`.
extension PNGImage {
    /// (r, g, b) in 0...255 at a pixel.
    func rgb(_ x: Int, _ y: Int) -> (r: Int, g: Int, b: Int) {
        let pixel = rgba(x: x, y: y)
        return (Int(pixel.red), Int(pixel.green), Int(pixel.blue))
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
