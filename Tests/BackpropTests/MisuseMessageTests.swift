import Foundation
import XCTest
import Backprop

/// Misusing the library stops the program with a message naming the module (or loss) and
/// the shapes, in optimised builds too (`precondition` drops its message there). Each case
/// runs in a child process of this test binary, which must die of a trap and print the
/// message; `make test-release` runs them against the release build.
final class MisuseMessageTests: XCTestCase {
    private static let caseVariable = "BACKPROP_MISUSE_CASE"

    /// What each case does, and what its message must say.
    private static let cases: [String: (expected: String, run: @Sendable () -> Void)] = [
        "sequential-width": ("Sequential: 'Dense_1' Linear(2 → 8): expected N×2, got 128×3", {
            var generator = SeededGenerator(seed: 0)
            let network = Sequential<Double>()
            network.append(Linear(2, 8, using: &generator), name: "Dense_1")
            _ = network.forward(Matrix(rows: 128, columns: 3))
        }),
        "linear-width": ("Linear(2 → 8): expected input N×2, got 128×3", {
            var generator = SeededGenerator(seed: 0)
            _ = Linear<Double>(2, 8, using: &generator).forward(Matrix(rows: 128, columns: 3))
        }),
        "loss-shapes": ("BinaryCrossEntropy: expected target of the prediction's shape 4×1, got target 4×2", {
            _ = BinaryCrossEntropy().loss(of: Matrix<Double>(rows: 4, columns: 1), target: Matrix(rows: 4, columns: 2))
        }),
        "backward-before-forward": ("Sigmoid(): backward called before forward", {
            _ = Sigmoid<Double>().backward(Matrix(rows: 4, columns: 1))
        }),
        "linear-backward-before-forward": ("Linear(2 → 1): backward called before forward", {
            var generator = SeededGenerator(seed: 0)
            _ = Linear<Double>(2, 1, using: &generator).backward(Matrix(rows: 4, columns: 1))
        }),
        "backward-shape": ("Tanh(): output gradient is 3×2, the last output was 4×2", {
            let tanh = Tanh<Double>()
            _ = tanh.forward(Matrix(rows: 4, columns: 2))
            _ = tanh.backward(Matrix(rows: 3, columns: 2))
        }),
        "fit-empty-data": ("Trainer.fit: the data set 'none' has no samples", {
            var generator = SeededGenerator(seed: 0)
            let network = Sequential<Double>([Linear(2, 1, using: &generator)])
            let trainer = Trainer(model: network, loss: MeanSquaredError(), optimizer: SGD(parameters: network.parameters, learningRate: 0.1))
            _ = trainer.fit(Dataset(name: "none", inputs: Matrix(rows: 0, columns: 2), targets: Matrix(rows: 0, columns: 1)),
                            configuration: TrainingConfiguration(epochs: 1))
        }),
        "linear-zero-size": ("Linear: sizes must be positive, got 0 → 3", {
            var generator = SeededGenerator(seed: 0)
            _ = Linear<Double>(0, 3, using: &generator)
        }),
        "schedule-zero-steps": ("ScheduledOptimizer: cosine needs steps > 0 and minimum ≥ 0, got steps 0, minimum 0.0", {
            _ = ScheduledOptimizer(SGD<Double>(parameters: [], learningRate: 0.1), schedule: .cosine(steps: 0))
        }),
    ]

    /// In the child: perform the misuse named by the variable (nothing in the parent).
    func testPerformMisuseNamedByEnvironment() throws {
        guard let name = ProcessInfo.processInfo.environment[Self.caseVariable] else {
            throw XCTSkip("runs only as the child of testMisuseStopsWithItsMessage")
        }
        Self.cases[name]?.run()
        XCTFail("misuse '\(name)' did not stop the program")
    }

    /// `precondition` and `assert` lose their message in optimised builds (`assert` its check
    /// too), so no source of the package or its executables uses them: misuse goes through
    /// `Misuse.check`, and in the targets below Backprop (Plot, Report) through `fatalError`.
    func testNoSourceUsesAssertionsThatLoseTheirMessageInReleaseBuilds() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let forbidden = try NSRegularExpression(pattern: #"(?<![\w.])(precondition|preconditionFailure|assert|assertionFailure)\("#)
        var found: [String] = []
        let files = try ["Sources", "experiments"].flatMap { folder in
            try XCTUnwrap(FileManager.default.enumerator(atPath: root.appendingPathComponent(folder).path)).compactMap { $0 as? String }
                .filter { $0.hasSuffix(".swift") }.map { "\(folder)/\($0)" }
        }
        XCTAssertGreaterThan(files.count, 50, "the sources were found")
        for file in files {
            let lines = try String(contentsOf: root.appendingPathComponent(file), encoding: .utf8).components(separatedBy: "\n")
            for (number, line) in lines.enumerated() where !line.trimmingCharacters(in: .whitespaces).hasPrefix("//") {
                if forbidden.firstMatch(in: line, range: NSRange(line.startIndex..., in: line)) != nil { found.append("\(file):\(number + 1): \(line)") }
            }
        }
        XCTAssertEqual(found, [], "use Misuse.check (or fatalError below Backprop)")
    }

    func testMisuseStopsWithItsMessage() throws {
        guard ProcessInfo.processInfo.environment[Self.caseVariable] == nil else { return }
        for (name, misuse) in Self.cases.sorted(by: { $0.key < $1.key }) {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: ProcessInfo.processInfo.arguments[0])
            process.arguments = ["BackpropTests.MisuseMessageTests/testPerformMisuseNamedByEnvironment"]
            var environment = ProcessInfo.processInfo.environment
            environment[Self.caseVariable] = name
            environment["SWIFT_BACKTRACE"] = "enable=no"      // the message, not a page of backtrace
            process.environment = environment
            let errors = Pipe()
            process.standardError = errors
            process.standardOutput = Pipe()
            try process.run()
            let output = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            process.waitUntilExit()
            XCTAssertEqual(process.terminationReason, .uncaughtSignal, "\(name): the misuse must stop the program")
            XCTAssertTrue(output.contains(misuse.expected), "\(name): expected «\(misuse.expected)» in:\n\(output.suffix(600))")
        }
    }
}
