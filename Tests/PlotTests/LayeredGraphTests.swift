import XCTest
@testable import Plot

/// Graphs shaped like the networks the experiments draw, with made-up numbers.
enum SampleGraphs {
    /// A fully connected graph with the given column sizes; edge values alternate in sign
    /// and grow with their index, so that widths and colours differ.
    static func dense(_ sizes: [Int], titles: [String]? = nil, labels: Bool = true) -> LayeredGraph {
        var graph = LayeredGraph(columns: sizes.enumerated().map { k, n in
            LayeredGraph.Column(title: titles?[k] ?? (k == 0 ? "input" : k == sizes.count - 1 ? "output" : "hidden \(k) (σ)"),
                                nodes: (0..<n).map { i in
                                    k == 0 ? .init(label: "x\(i + 1) 1", fill: 1)
                                           : .init(label: "z 0.\(5 + i)4 → a 0.6\(i)3", detail: "b 0.1\(i) / ∂ 0.0\(i)7", fill: Double(i) - 1.5)
                                })
        })
        var index = 0
        for k in 0..<(sizes.count - 1) {
            for j in 0..<sizes[k + 1] {
                for i in 0..<sizes[k] {
                    let value = (index.isMultiple(of: 3) ? -1.0 : 1.0) * (0.1 + 0.05 * Double(index))
                    graph.connect(column: k, from: i, to: j, value: value,
                                  label: labels ? "w \(formatted(value)) / ∂ 0.0\(index % 10)7" : nil)
                    index += 1
                }
            }
        }
        graph.caption = "prediction 0.705119, loss 0.248596"
        return graph
    }

    static func formatted(_ v: Double) -> String { String(format: "%.3f", v) }
}

final class LayeredGraphTests: XCTestCase {
    /// Where sample PNGs go when PLOT_DEMO_DIR is set (to look at them), else a temp dir.
    private var dir: URL!

    override func setUpWithError() throws {
        dir = ProcessInfo.processInfo.environment["PLOT_DEMO_DIR"].map { URL(fileURLWithPath: $0) }
            ?? FileManager.default.temporaryDirectory.appendingPathComponent("graph-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        if ProcessInfo.processInfo.environment["PLOT_DEMO_DIR"] == nil { try? FileManager.default.removeItem(at: dir) }
    }

    private func render(_ graph: LayeredGraph, width: Int, height: Int, name: String) throws -> (PNGImage, LayeredGraphLayout) {
        let figure = Figure(width: width, height: height)
        figure[0, 0].layeredGraph(graph)
        let url = dir.appendingPathComponent(name)
        try figure.writePNG(to: url)
        return (try PNGImage(contentsOf: url), try XCTUnwrap(figure[0, 0].lastGraphLayout))
    }

    func testEdgeLabelsHandedToTheRendererAreExactlyTheGivenTexts() throws {
        let graph = SampleGraphs.dense([2, 2, 1])
        let (_, drawn) = try render(graph, width: 1100, height: 600, name: "graph-2-2-1.png")
        let labels = drawn.texts(.edgeLabel)
        XCTAssertEqual(labels.count, graph.edges.count)
        for label in labels {
            XCTAssertEqual(label.text, graph.edges[try XCTUnwrap(label.edge)].label)
        }
        XCTAssertEqual(Set(labels.map(\.text)), Set(graph.edges.compactMap(\.label)))
        // The public layout is what the figure drew.
        let computed = graph.layout(width: 1100, height: 600)
        XCTAssertEqual(computed.texts.map(\.text), drawn.texts.map(\.text))
        XCTAssertEqual(computed.texts.map(\.frame), drawn.texts.map(\.frame))
        XCTAssertEqual(drawn.texts(.columnTitle).map(\.text), ["input", "hidden 1 (σ)", "output"])
        XCTAssertEqual(drawn.texts(.caption).map(\.text), ["prediction 0.705119, loss 0.248596"])
        XCTAssertEqual(drawn.texts(.nodeLabel).map(\.text), graph.columns.flatMap { $0.nodes.map(\.label) })
    }

    /// No text overlaps another text or a node it does not belong to, for the shapes the
    /// experiments draw, at the sizes they draw them.
    func testLabelsOverlapNeitherEachOtherNorNodes() throws {
        for (sizes, width, height) in [([2, 2, 1], 1100, 600), ([2, 1], 900, 480), ([1, 4, 4, 1], 1500, 900), ([2, 2, 1], 900, 520)] {
            let name = "graph-\(sizes.map(String.init).joined(separator: "-"))-\(width).png"
            let (_, layout) = try render(SampleGraphs.dense(sizes), width: width, height: height, name: name)
            XCTAssertEqual(layout.texts(.edgeLabel).count, SampleGraphs.dense(sizes).edges.count, name)
            let outside = layout.texts.filter { $0.kind != .nodeLabel && $0.kind != .nodeDetail }
            for (a, first) in outside.enumerated() {
                for second in outside[(a + 1)...] {
                    XCTAssertFalse(first.frame.intersects(second.frame), "\(name): '\(first.text)' overlaps '\(second.text)'")
                }
                for node in layout.nodes {
                    XCTAssertFalse(first.frame.intersects(node.frame), "\(name): '\(first.text)' overlaps node \(node.column).\(node.row)")
                }
                XCTAssertTrue(first.frame.minX >= 0 && first.frame.maxX <= Double(width) && first.frame.minY >= 0 && first.frame.maxY <= Double(height),
                              "\(name): '\(first.text)' leaves the figure: \(first.frame)")
            }
            // Node text stays inside its own box.
            for text in layout.texts where text.kind == .nodeLabel || text.kind == .nodeDetail {
                XCTAssertTrue(layout.nodes.contains { $0.frame.inset(-0.5).contains(text.frame.minX, text.frame.minY) && $0.frame.inset(-0.5).contains(text.frame.maxX, text.frame.maxY) },
                              "\(name): '\(text.text)' outside its box")
            }
            // Edge labels that share a node sit at different fractions of their edges.
            for label in layout.texts(.edgeLabel) {
                let line = try XCTUnwrap(layout.edges.first { $0.edge == label.edge })
                XCTAssertGreaterThan(label.frame.minX, line.x0, name)
                XCTAssertLessThan(label.frame.maxX, line.x1, name)
            }
        }
    }

    func testNoEdgeLabelsWhenAColumnHasMoreNodesThanTheLimit() throws {
        let wide = SampleGraphs.dense([2, 9, 1])
        XCTAssertFalse(wide.showsEdgeLabels)
        let (_, layout) = try render(wide, width: 1100, height: 700, name: "graph-2-9-1.png")
        XCTAssertTrue(layout.texts(.edgeLabel).isEmpty)
        XCTAssertEqual(layout.edges.count, 2 * 9 + 9)
        var limited = SampleGraphs.dense([2, 9, 1])
        limited.edgeLabelLimit = 9
        XCTAssertTrue(limited.showsEdgeLabels)
        // A crowded column sheds node text (details first) instead of overlapping it.
        let (_, crowded) = try render(SampleGraphs.dense([4, 40, 1]), width: 900, height: 600, name: "graph-4-40-1.png")
        XCTAssertTrue(crowded.texts(.edgeLabel).isEmpty)
        for (a, first) in crowded.nodes.enumerated() {
            for second in crowded.nodes[(a + 1)...] { XCTAssertFalse(first.frame.intersects(second.frame)) }
        }
    }

    /// Sampled along the middle of each edge: a negative edge is drawn in the negative
    /// colour, a positive one in the positive colour, and the larger |value| is wider.
    func testEdgeColourFollowsTheSignAndWidthTheMagnitude() throws {
        var graph = LayeredGraph(columns: [
            .init(title: "in", nodes: [.init(label: "a"), .init(label: "b")]),
            .init(title: "out", nodes: [.init(label: "c"), .init(label: "d")]),
        ])
        graph.connect(column: 0, from: 0, to: 0, value: -2)
        graph.connect(column: 0, from: 1, to: 1, value: 0.5)
        graph.key = nil
        let (image, layout) = try render(graph, width: 800, height: 500, name: "graph-signs.png")
        let negative = try XCTUnwrap(layout.edges.first { $0.edge == 0 })
        let positive = try XCTUnwrap(layout.edges.first { $0.edge == 1 })
        for t in [0.3, 0.5, 0.7] {
            let n = negative.point(t), p = positive.point(t)
            XCTAssertLessThanOrEqual(image.distance(Int(n.x), Int(n.y), to: graph.negativeColor), 30, "negative edge at \(t)")
            XCTAssertLessThanOrEqual(image.distance(Int(p.x), Int(p.y), to: graph.positiveColor), 30, "positive edge at \(t)")
            XCTAssertGreaterThan(image.distance(Int(n.x), Int(n.y), to: graph.positiveColor), 100)
        }
        XCTAssertGreaterThan(negative.width, positive.width)
        // Measured in pixels: the coloured run across each (horizontal) edge.
        func thickness(_ line: LayeredGraphLayout.EdgeLine, _ colour: Color) -> Int {
            let x = Int(line.point(0.5).x), y = Int(line.y0)
            return (-20...20).filter { image.distance(x, y + $0, to: colour) <= 60 }.count
        }
        XCTAssertGreaterThan(thickness(negative, graph.negativeColor), thickness(positive, graph.positiveColor) + 2)
    }
}
