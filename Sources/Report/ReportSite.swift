import AtomicFile
import Foundation

/// The HTML report over an outputs directory: `index.html` (the table of contents) and
/// `<experiment>/index.html` for every folder that holds a `metrics.json`. Pages link to
/// each other and to their images by relative paths, so the report works from `file://`.
public enum ReportSite {
    /// One experiment folder as read from disk.
    public struct Entry: Sendable {
        /// The folder's name under `outputs/`.
        public var folder: String
        public var content: Content
        /// Files the document names (figures, filmstrips, frames) that are not on disk.
        public var missingFiles: Set<String> = []

        public enum Content: Sendable {
            case document(ExperimentDocument)
            case unreadable(DocumentReadError)
        }
    }

    /// What went wrong in one folder; the report is still written, with the problem shown.
    public struct Problem: Sendable, CustomStringConvertible {
        public var folder: String
        public var message: String
        public var description: String { "\(folder): \(message)" }
    }

    /// What ``write(outputs:)`` wrote and found.
    public struct Summary: Sendable {
        /// `outputs/index.html`.
        public var index: URL
        /// One page per experiment folder.
        public var pages: [URL]
        /// Unreadable documents and missing files; empty for a complete report.
        public var problems: [Problem]
    }

    /// Reads every `*/metrics.json` under `outputs`, sorted by folder name.
    public static func entries(in outputs: URL) throws -> [Entry] {
        let names = try FileManager.default.contentsOfDirectory(atPath: outputs.path).sorted()
        return names.compactMap { name in
            let folder = outputs.appendingPathComponent(name, isDirectory: true)
            let file = folder.appendingPathComponent("metrics.json")
            guard FileManager.default.fileExists(atPath: file.path) else { return nil }
            do {
                let document = try ExperimentDocument.read(from: file)
                let referenced = document.figures.map(\.file) + document.films.flatMap { [$0.filmstrip] + $0.frames.map(\.file) }
                let missing = referenced.filter { !FileManager.default.fileExists(atPath: folder.appendingPathComponent($0).path) }
                return Entry(folder: name, content: .document(document), missingFiles: Set(missing))
            } catch let error as DocumentReadError {
                return Entry(folder: name, content: .unreadable(error))
            } catch {
                return Entry(folder: name, content: .unreadable(DocumentReadError(file: file, problem: "\(error)")))
            }
        }
    }

    /// Writes `outputs/index.html` and every experiment's page, each atomically. A folder
    /// whose `metrics.json` cannot be read gets a page that says so, and is a problem.
    @discardableResult
    public static func write(outputs: URL) throws -> Summary {
        let entries = try entries(in: outputs)
        var pages: [URL] = [], problems: [Problem] = []
        for entry in entries {
            let page = outputs.appendingPathComponent(entry.folder).appendingPathComponent("index.html")
            switch entry.content {
            case .document(let document):
                try write(ExperimentPage(document: document, missingFiles: entry.missingFiles).html(), to: page)
                if !entry.missingFiles.isEmpty {
                    problems.append(Problem(folder: entry.folder, message: "missing files named in metrics.json: \(entry.missingFiles.sorted().joined(separator: ", "))"))
                }
            case .unreadable(let error):
                try write(ExperimentPage.unreadable(folder: entry.folder, error: error), to: page)
                problems.append(Problem(folder: entry.folder, message: "metrics.json could not be read: \(error.problem)"))
            }
            pages.append(page)
        }
        let index = outputs.appendingPathComponent("index.html")
        try write(IndexPage.html(entries), to: index)
        return Summary(index: index, pages: pages, problems: problems)
    }

    private static func write(_ html: String, to url: URL) throws {
        try writeAtomically(Data(html.utf8), to: url)
    }
}
