/// A layered graph: columns of nodes, and signed edges between nodes of adjacent columns.
///
/// Plot knows nothing about what the graph means; a network diagram (ExperimentKit's
/// `NetworkDiagram`) is one use: a column per layer, a node per unit, an edge per weight.
/// Each edge is coloured by the sign of its value and drawn as wide as its |value| relative
/// to the largest in the graph; it may carry a text label ("w 0.15 / ∂ 0.077"), which is
/// drawn only while every column has at most `edgeLabelLimit` nodes. Node text is dropped
/// (details first, then labels) when a column has too many nodes to show it legibly.
///
/// ```swift
/// var graph = LayeredGraph(columns: [
///     .init(title: "input", nodes: [.init(label: "x₁ 1"), .init(label: "x₂ 1")]),
///     .init(title: "output", nodes: [.init(label: "ŷ 0.75", detail: "b 0")]),
/// ])
/// graph.connect(column: 0, from: 0, to: 0, value: 0.5, label: "w 0.5")
/// graph.connect(column: 0, from: 1, to: 0, value: -0.25, label: "w -0.25")
/// let figure = Figure(width: 900, height: 500)
/// figure[0, 0].layeredGraph(graph)
/// try figure.writePNG(to: url)
/// let layout = graph.layout(width: 900, height: 500)   // what would be drawn, without drawing
/// ```
public struct LayeredGraph: Sendable {
    /// A node: a main label, an optional detail (several lines separated by "\n"), and an
    /// optional value that tints its box (the colour of its sign, stronger for larger |fill|).
    public struct Node: Sendable, Equatable {
        public var label: String
        public var detail: String?
        public var fill: Double?

        public init(label: String, detail: String? = nil, fill: Double? = nil) {
            self.label = label; self.detail = detail; self.fill = fill
        }
    }

    /// A column of nodes, drawn top to bottom, with a title above it.
    public struct Column: Sendable, Equatable {
        public var title: String?
        public var nodes: [Node]

        public init(title: String? = nil, nodes: [Node]) {
            self.title = title; self.nodes = nodes
        }
    }

    /// An edge from node `from` of column `column` to node `to` of column `column + 1`.
    public struct Edge: Sendable, Equatable {
        public var column: Int
        public var from: Int
        public var to: Int
        /// Signed: the sign chooses the colour, |value| the width.
        public var value: Double
        public var label: String?

        public init(column: Int, from: Int, to: Int, value: Double, label: String? = nil) {
            self.column = column; self.from = from; self.to = to; self.value = value; self.label = label
        }
    }

    public var columns: [Column]
    public var edges: [Edge] = []
    /// One line under the graph (a network diagram puts its prediction and loss there).
    public var caption: String?
    /// Edge labels are drawn only when no column has more nodes than this.
    public var edgeLabelLimit = 8
    /// Colour of edges (and fills) with a positive value: Okabe–Ito blue.
    public var positiveColor = Palette.okabeIto[0]
    /// Colour of edges (and fills) with a negative value: Okabe–Ito vermillion.
    public var negativeColor = Palette.okabeIto[1]
    /// Names of the two signs in the key under the graph, e.g. ("w > 0", "w < 0"); nil leaves the key out.
    public var key: (positive: String, negative: String)? = ("positive", "negative")
    /// What |value| the fills are measured against; nil takes the largest |fill| in the graph.
    public var fillScale: Double?

    public init(columns: [Column]) {
        self.columns = columns
    }

    /// Adds an edge from node `from` of `column` to node `to` of `column + 1`.
    public mutating func connect(column: Int, from: Int, to: Int, value: Double, label: String? = nil) {
        if !(column >= 0 && column + 1 < columns.count) { fatalError("LayeredGraph: no column \(column + 1) after column \(column) (\(columns.count) columns)") }
        if !(columns[column].nodes.indices.contains(from)) { fatalError("LayeredGraph: column \(column) has no node \(from)") }
        if !(columns[column + 1].nodes.indices.contains(to)) { fatalError("LayeredGraph: column \(column + 1) has no node \(to)") }
        edges.append(Edge(column: column, from: from, to: to, value: value, label: label))
    }

    /// Whether edge labels are drawn: every column within `edgeLabelLimit`.
    public var showsEdgeLabels: Bool {
        columns.allSatisfy { $0.nodes.count <= edgeLabelLimit } && edges.contains { !($0.label ?? "").isEmpty }
    }
}

extension Axes {
    /// Turns the panel into a drawing of a layered graph (the panel's title stays above it).
    public func layeredGraph(_ graph: LayeredGraph) {
        items.append(.graph(graph))
    }
}
