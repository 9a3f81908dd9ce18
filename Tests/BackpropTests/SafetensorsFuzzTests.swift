import Foundation
import XCTest
@testable import Backprop

/// Random mutations of a small valid checkpoint: every one must load or throw, never trap.
final class SafetensorsFuzzTests: XCTestCase {
    func testMutatedFilesLoadOrThrowButNeverCrash() throws {
        // Small on purpose (1-2-1, F32, ~300 bytes): the header parse dominates the cost,
        // and 100,000 inputs must fit in a few seconds of a debug build.
        var setup = SeededGenerator(seed: 1)
        let network = Sequential<Float>([Linear(1, 2, using: &setup), Tanh(), Linear(2, 1, using: &setup), Sigmoid()])
        let valid = try network.safetensors().serialized()
        let headerEnd = 8 + Int(valid.withUnsafeBytes { UInt64(littleEndian: $0.loadUnaligned(as: UInt64.self)) })
        // Characters that move a JSON parser into its other states.
        let digits = (8..<headerEnd).filter { valid[$0] >= 0x30 && valid[$0] <= 0x39 }
        let jsonBytes = Array(#"{}[]":,.-+eE0123456789 \tnul"#.utf8) + [0, 0x80, 0xC3, 0xFF]
        let x = Matrix<Float>([[0.5]])

        // Four independent seeded streams of 25,000, run concurrently: the same inputs on
        // every run, in about half the wall time on two cores.
        let iterations = 100_000, streams = 4
        // Each stream writes only its own slot.
        nonisolated(unsafe) let results = UnsafeMutableBufferPointer<[String: Int]>.allocate(capacity: streams)
        results.initialize(repeating: [:])
        defer { results.deallocate() }
        let start = Date()
        DispatchQueue.concurrentPerform(iterations: streams) { stream in
            var generator = SeededGenerator(seed: 2024 + UInt64(stream))
            var outcomes: [String: Int] = [:]
            for _ in 0..<(iterations / streams) {
                var bytes = valid
                for _ in 0...generator.integer(below: 3) {   // one to three stacked mutations
                    Self.mutate(&bytes, headerEnd: headerEnd, digits: digits, jsonBytes: jsonBytes, using: &generator)
                }
                do throws(SafetensorsError) {
                    let loaded = try Sequential<Float>(safetensors: SafetensorsFile(bytes: bytes))
                    // A network that loads must also run: its shapes were all validated.
                    if let first = loaded.layers.lazy.compactMap({ $0.module as? Linear<Float> }).first, first.inputSize == 1 {
                        _ = loaded.forward(x)
                    }
                    outcomes["loaded", default: 0] += 1
                } catch {  // typed: a SafetensorsError is all that can arrive here
                    outcomes[Self.kind(of: error), default: 0] += 1
                }
            }
            results[stream] = outcomes
        }
        let outcomes = results.reduce(into: [String: Int]()) { total, part in total.merge(part, uniquingKeysWith: +) }
        let seconds = Date().timeIntervalSince(start)
        print("safetensors fuzz: \(iterations) inputs in \(String(format: "%.2f", seconds)) s; outcomes:")
        for (outcome, count) in outcomes.sorted(by: { $0.value > $1.value }) { print("  \(count)\t\(outcome)") }
        // Both sides were reached: mutations that keep the file valid, and many kinds of rejection.
        XCTAssertGreaterThan(outcomes["loaded", default: 0], 1_000)
        XCTAssertGreaterThan(outcomes.count, 8, "\(outcomes)")
    }

    /// The case name, without formatting a message (this runs 100,000 times).
    private static func kind(of error: SafetensorsError) -> String {
        switch error {
        case .truncatedHeaderLength: "truncatedHeaderLength"
        case .headerLengthOutOfRange: "headerLengthOutOfRange"
        case .headerNotJSON: "headerNotJSON"
        case .invalidTensorEntry: "invalidTensorEntry"
        case .invalidMetadata: "invalidMetadata"
        case .unsupportedDtype: "unsupportedDtype"
        case .invalidOffsets: "invalidOffsets"
        case .elementCountMismatch: "elementCountMismatch"
        case .truncatedData: "truncatedData"
        case .overlappingTensors: "overlappingTensors"
        case .uncoveredData: "uncoveredData"
        case .missingTensor: "missingTensor"
        case .unexpectedTensor: "unexpectedTensor"
        case .shapeMismatch: "shapeMismatch"
        case .missingArchitecture: "missingArchitecture"
        case .invalidArchitecture: "invalidArchitecture"
        case .unknownModuleType: "unknownModuleType"
        case .unsupportedModule: "unsupportedModule"
        }
    }

    private static func mutate(_ bytes: inout [UInt8], headerEnd: Int, digits: [Int], jsonBytes: [UInt8], using generator: inout SeededGenerator) {
        guard !bytes.isEmpty else { return }
        let headerRange = 8..<max(9, min(headerEnd, bytes.count))
        switch generator.integer(below: 8) {
        case 0:  // flip one bit anywhere
            let i = generator.integer(below: bytes.count)
            bytes[i] ^= 1 << UInt8(generator.integer(below: 8))
        case 1:  // truncate
            bytes.removeLast(generator.integer(below: bytes.count) + 1)
        case 2:  // edit the length field: a small shift, or any value
            let old = bytes.count >= 8 ? bytes.withUnsafeBytes { UInt64(littleEndian: $0.loadUnaligned(as: UInt64.self)) } : 0
            let new: UInt64 = generator.integer(below: 2) == 0 ? old &+ UInt64(bitPattern: Int64(generator.integer(below: 17) - 8)) : generator.next()
            withUnsafeBytes(of: new.littleEndian) { raw in for i in 0..<min(8, bytes.count) { bytes[i] = raw[i] } }
        case 3:  // overwrite a header byte with a JSON-significant one
            guard headerRange.upperBound <= bytes.count else { return }
            bytes[headerRange.lowerBound + generator.integer(below: headerRange.count)] = jsonBytes[generator.integer(below: jsonBytes.count)]
        case 4:  // insert or delete a header byte, keeping the length field consistent half the time
            guard headerRange.upperBound <= bytes.count else { return }
            let i = headerRange.lowerBound + generator.integer(below: headerRange.count)
            let delta: Int
            if generator.integer(below: 2) == 0 {
                bytes.insert(jsonBytes[generator.integer(below: jsonBytes.count)], at: i); delta = 1
            } else {
                bytes.remove(at: i); delta = -1
            }
            if generator.integer(below: 2) == 0, bytes.count >= 8 {
                let length = bytes.withUnsafeBytes { UInt64(littleEndian: $0.loadUnaligned(as: UInt64.self)) } &+ UInt64(bitPattern: Int64(delta))
                withUnsafeBytes(of: length.littleEndian) { raw in for j in 0..<8 { bytes[j] = raw[j] } }
            }
        case 5:  // replace a digit of the original header by another (shapes, offsets, sizes)
            let i = digits[generator.integer(below: digits.count)]
            if i < bytes.count { bytes[i] = UInt8(0x30 + generator.integer(below: 10)) }
        case 6:  // random byte in the data section
            guard headerEnd < bytes.count else { return }
            bytes[headerEnd + generator.integer(below: bytes.count - headerEnd)] = UInt8(truncatingIfNeeded: generator.next())
        default: // append or duplicate a chunk
            let from = generator.integer(below: bytes.count)
            bytes.append(contentsOf: bytes[from..<min(bytes.count, from + 1 + generator.integer(below: 16))])
        }
    }
}
