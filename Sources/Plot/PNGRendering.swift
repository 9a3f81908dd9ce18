import CCairo
import Foundation

/// Draws on an opaque `width × height` image and returns it encoded as PNG: the one way
/// figures and contact sheets become pixels. RGB24, because they are opaque and dropping
/// alpha makes the file smaller.
func renderPNG(width: Int, height: Int, draw: (OpaquePointer) throws -> Void) throws -> Data {
    let surface = cairo_image_surface_create(CAIRO_FORMAT_RGB24, Int32(width), Int32(height))
    defer { cairo_surface_destroy(surface) }
    try checkCairo(cairo_surface_status(surface))
    let cr = cairo_create(surface)
    defer { cairo_destroy(cr) }
    try draw(cr!)
    cairo_surface_flush(surface)
    let sink = PNGSink()
    let status = cairo_surface_write_to_png_stream(surface, { closure, bytes, length in
        guard let closure, let bytes else { return CAIRO_STATUS_WRITE_ERROR }
        Unmanaged<PNGSink>.fromOpaque(closure).takeUnretainedValue().data.append(bytes, count: Int(length))
        return CAIRO_STATUS_SUCCESS
    }, Unmanaged.passUnretained(sink).toOpaque())
    try checkCairo(status)
    return sink.data
}

/// Throws Cairo's own description of a failed status.
func checkCairo(_ status: cairo_status_t) throws {
    guard status == CAIRO_STATUS_SUCCESS else { throw PlotError.cairo(String(cString: cairo_status_to_string(status))) }
}

/// Collects the bytes Cairo's PNG encoder hands out.
private final class PNGSink {
    var data = Data()
}
