import Backprop
/// MNIST's preprocessing of a digit image, for classifying digits that did not come from
/// MNIST (a scan, a drawing): what LeCun et al. did to NIST's digits, so that an image
/// looks like the training data.
///
/// 1. Ink is light on dark: an image whose border is lighter than mid-grey is inverted.
/// 2. The background level is subtracted and the contrast stretched to [0, 1].
/// 3. The image is cropped to the bounding box of its ink.
/// 4. The box is scaled (area-averaged, anti-aliased) so its longer side is 20 pixels,
///    keeping the aspect ratio.
/// 5. It is pasted into a 28×28 field so that its centre of mass is at the centre.
public enum DigitPreprocessing {
    /// The side of an MNIST image.
    public static let side = 28
    /// The longer side of the digit's box inside the 28×28 field.
    public static let boxSide = 20
    /// Ink below this (after stretching) is noise, not part of the bounding box.
    static let inkThreshold = 0.1
    /// The least difference (on 0...1) between the darkest and lightest ink and the
    /// background for an image to hold a digit: a blank page, a uniform grey or a single
    /// pixel do not, and stretching their noise to [0, 1] would invent one.
    public static let minimumContrast = 0.1

    /// A `width × height` grey image (row-major, 0 = black, 1 = white) as MNIST's
    /// 28 × 28 = 784 inputs in [0, 1], row-major, light digit on a dark background, or nil
    /// when the image holds no digit (no ink `minimumContrast` away from the background).
    public static func mnistInput(grey: [Double], width: Int, height: Int) -> [Double]? {
        Misuse.check(width > 0 && height > 0 && grey.count == width * height,
                     "DigitPreprocessing: \(grey.count) pixels for \(width)×\(height)")
        // 1. The border is the background: light border → dark ink on light paper.
        var border: [Double] = []
        for x in 0..<width { border += [grey[x], grey[(height - 1) * width + x]] }
        for y in 0..<height { border += [grey[y * width], grey[y * width + width - 1]] }
        let darkOnLight = border.reduce(0, +) / Double(border.count) > 0.5
        var ink = darkOnLight ? grey.map { 1 - $0 } : grey
        let borderInk = darkOnLight ? border.map { 1 - $0 } : border

        // 2. Background level: the border's median (robust to a stroke touching the edge).
        let background = borderInk.sorted()[borderInk.count / 2]
        let peak = ink.max() ?? 0
        guard peak - background >= minimumContrast else { return nil }
        ink = ink.map { Swift.min(Swift.max(($0 - background) / (peak - background), 0), 1) }

        // 3. Bounding box of the ink.
        var (left, right, top, bottom) = (width, -1, height, -1)
        for y in 0..<height {
            for x in 0..<width where ink[y * width + x] > inkThreshold {
                left = Swift.min(left, x); right = Swift.max(right, x)
                top = Swift.min(top, y); bottom = Swift.max(bottom, y)
            }
        }
        guard right >= left else { return nil }
        let boxWidth = right - left + 1, boxHeight = bottom - top + 1

        // 4. Scale the longer side to 20 pixels.
        let scale = Double(boxSide) / Double(Swift.max(boxWidth, boxHeight))
        let newWidth = Swift.max(1, Int((Double(boxWidth) * scale).rounded()))
        let newHeight = Swift.max(1, Int((Double(boxHeight) * scale).rounded()))
        let box = areaResample(ink, width: width, origin: (left, top), size: (boxWidth, boxHeight), to: (newWidth, newHeight))

        // 5. Paste so that the centre of mass lands on the field's centre (14, 14).
        var mass = 0.0, sumX = 0.0, sumY = 0.0
        for y in 0..<newHeight {
            for x in 0..<newWidth {
                let value = box[y * newWidth + x]
                mass += value; sumX += value * (Double(x) + 0.5); sumY += value * (Double(y) + 0.5)
            }
        }
        let half = Double(side) / 2
        let offsetX = Swift.min(Swift.max(Int((half - sumX / mass).rounded()), 0), side - newWidth)
        let offsetY = Swift.min(Swift.max(Int((half - sumY / mass).rounded()), 0), side - newHeight)
        var field = [Double](repeating: 0, count: side * side)
        for y in 0..<newHeight {
            for x in 0..<newWidth { field[(y + offsetY) * side + x + offsetX] = box[y * newWidth + x] }
        }
        return field
    }

    /// Each target pixel is the mean of the source area it covers, with fractional
    /// weights at the edges: a box filter, so thin strokes are not lost when shrinking.
    static func areaResample(_ image: [Double], width: Int, origin: (x: Int, y: Int), size: (width: Int, height: Int),
                             to target: (width: Int, height: Int)) -> [Double] {
        let stepX = Double(size.width) / Double(target.width), stepY = Double(size.height) / Double(target.height)
        var result = [Double](repeating: 0, count: target.width * target.height)
        for ty in 0..<target.height {
            let y0 = Double(ty) * stepY, y1 = y0 + stepY
            for tx in 0..<target.width {
                let x0 = Double(tx) * stepX, x1 = x0 + stepX
                var sum = 0.0
                for sy in Int(y0)..<Swift.min(Int(y1.rounded(.up)), size.height) {
                    let wy = Swift.min(y1, Double(sy + 1)) - Swift.max(y0, Double(sy))
                    for sx in Int(x0)..<Swift.min(Int(x1.rounded(.up)), size.width) {
                        let wx = Swift.min(x1, Double(sx + 1)) - Swift.max(x0, Double(sx))
                        sum += wx * wy * image[(origin.y + sy) * width + origin.x + sx]
                    }
                }
                result[ty * target.width + tx] = sum / (stepX * stepY)
            }
        }
        return result
    }
}
