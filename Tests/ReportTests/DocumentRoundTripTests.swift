import Foundation
import XCTest
@testable import Report

/// A document with every part filled, as an experiment would fill it.
func completeDocument() -> ExperimentDocument {
    var d = ExperimentDocument(experiment: "sine-fit", title: "Sine fit: gradient descent vs Adam",
                               description: "A 1-4-4-1 network fits sin²(4πx).")
    d.headline = "Adam ½·MSE 5.6e-4"
    d.notebook = "Notebook 001, *fitting a sine*"
    d.question = "Does **Adam** fit where gradient descent stalls?"
    d.setup.data = "20 points x ∈ [0, 1]"
    d.setup.architecture = "Sequential(\n  Dense(1→4), Tanh\n)"
    d.setup.addHyperparameter("learning rate η", 0.01)
    d.setup.addHyperparameter("steps", 2000, unit: "full-batch steps")
    d.setup.addHyperparameter("optimiser", "Adam")
    d.addTable("Final loss", columns: [.init("optimiser"), .init("½·MSE", format: .scientific(2)),
                                       .init("success", unit: "%", format: .percent(1))],
               caption: "Over 20 seeds.") { table in
        table.addRow("gradient descent", 0.0627, 0.0)
        table.addRow("Adam", 5.6e-4, 0.65)
        table.addRow("momentum", Double?.none, 0.1)
    }
    d.addFigure("fit.png", caption: "Look at the humps.", alt: "two fitted curves")
    d.addFilm(.init(title: "Adam fitting", caption: "Watch the second hump.", filmstrip: "films/adam/strip.png",
                    lossLabel: "½·MSE", frames: [.init(file: "films/adam/0.png", step: 0, loss: 0.12),
                                                 .init(file: "films/adam/1.png", step: 100, loss: .nan)]))
    d.conclusion = "Adam ended 112× below gradient descent."
    d.blas = .init(library: "OpenBLAS", version: "0.3.21", core: "SkylakeX", threads: 2)
    d["adam_final_loss"] = .number(5.6e-4)
    d["steps"] = .integer(2000)
    d["optimizer"] = ["name": "adam", "lr": 0.01]
    return d
}

final class DocumentRoundTripTests: XCTestCase {
    func testEveryPartSurvivesMetricsJSON() throws {
        let original = completeDocument()
        let read = try MetricsCoding.decoder().decode(ExperimentDocument.self, from: try original.encoded())
        // Frame 1's loss is NaN, which is never equal to itself: compare it apart.
        XCTAssertTrue(read.films[0].frames[1].loss.isNaN, "NaN is written as \"NaN\" and read back as NaN")
        var expected = original, actual = read
        expected.films[0].frames[1].loss = 0
        actual.films[0].frames[1].loss = 0
        XCTAssertEqual(actual, expected)
    }

    func testRawValuesKeepTheirKeysUnderValues() throws {
        let json = try JSONValue.parse(try completeDocument().encoded())
        XCTAssertEqual(json["schema"], .string(ExperimentDocument.schema))
        XCTAssertEqual(json["values"]?["adam_final_loss"], .number(5.6e-4))
        XCTAssertEqual(json["values"]?["optimizer"]?["lr"], .number(0.01))
        XCTAssertEqual(json["results"]?.firstItem?["columns"]?.items?[1]["format"], .string("scientific:2"))
    }

    func testEncodingIsByteIdenticalForTheSameDocument() throws {
        XCTAssertEqual(try completeDocument().encoded(), try completeDocument().encoded())
    }

    func testOptionalPartsMayBeAbsentFromTheFile() throws {
        let url = try temporaryFile(#"{"schema": "\#(ExperimentDocument.schema)", "experiment": "x", "title": "X"}"#)
        let d = try ExperimentDocument.read(from: url)
        XCTAssertEqual(d, ExperimentDocument(experiment: "x", title: "X"))
    }

    func testFileWithoutSchemaIsRejectedNamingTheFileAndTheFix() throws {
        let url = try temporaryFile(#"{"experiment": "x", "title": "X", "figures": []}"#)
        XCTAssertThrowsError(try ExperimentDocument.read(from: url)) { error in
            let text = "\(error)"
            XCTAssertTrue(text.hasPrefix(url.path), text)
            XCTAssertTrue(text.contains("older version"), text)
        }
    }

    func testMalformedPartsAreRejectedWithTheirPath() throws {
        let schema = ExperimentDocument.schema
        let cases: [(json: String, says: String)] = [
            (#"{"schema": "\#(schema)", "experiment": "x"}"#, #"required field "title" is missing"#),
            (#"{"schema": "\#(schema)", "experiment": "x", "title": "X", "results": [{"title": "t", "columns": [{"name": "a"}], "rows": [[1, 2]]}]}"#,
             "row 0 has 2 cells for 1 columns"),
            (#"{"schema": "\#(schema)", "experiment": "x", "title": "X", "results": [{"title": "t", "columns": [{"name": "a", "format": "fancy"}]}]}"#,
             #"unknown number format "fancy""#),
            (#"{"schema": "\#(schema)", "experiment": "x", "title": 3}"#, "at title: expected a string"),
            (#"{"schema": "#, "not valid JSON"),
        ]
        for (json, says) in cases {
            XCTAssertThrowsError(try ExperimentDocument.read(from: try temporaryFile(json)), json) { error in
                XCTAssertTrue("\(error)".contains(says), "\(error) should say \(says)")
            }
        }
    }

    private func temporaryFile(_ text: String) throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("document-\(UUID().uuidString).json")
        try Data(text.utf8).write(to: url)
        addTeardownBlock { try? FileManager.default.removeItem(at: url) }
        return url
    }
}

private extension JSONValue {
    var items: [JSONValue]? { if case .array(let items) = self { items } else { nil } }
    var firstItem: JSONValue? { items?.first }
}
