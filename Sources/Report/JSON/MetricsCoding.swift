import Foundation

/// How `metrics.json` and every other JSON file of the project are encoded and decoded:
/// pretty-printed with sorted keys (so identical runs give byte-identical files) and with
/// NaN and ±∞, which JSON lacks, written as the strings "NaN", "Infinity" and "-Infinity"
/// (a diverged run's loss is NaN).
enum MetricsCoding {
    static func encoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(
            positiveInfinity: "Infinity", negativeInfinity: "-Infinity", nan: "NaN")
        return encoder
    }

    static func decoder() -> JSONDecoder {
        let decoder = JSONDecoder()
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(
            positiveInfinity: "Infinity", negativeInfinity: "-Infinity", nan: "NaN")
        return decoder
    }

    /// UTF-8 text ending in a newline.
    static func encode(_ value: some Encodable) throws -> Data {
        var data = try encoder().encode(value)
        data.append(0x0A)
        return data
    }
}
