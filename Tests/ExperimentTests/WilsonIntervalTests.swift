import ExperimentKit
import XCTest

final class WilsonIntervalTests: XCTestCase {
    /// Newcombe (1998), "Two-sided confidence intervals for the single proportion", Table I,
    /// method 3 (score interval without continuity correction), printed to four decimals.
    func testMatchesNewcombesPublishedIntervals() {
        let published: [(successes: Int, trials: Int, lower: Double, upper: Double)] = [
            (81, 263, 0.2553, 0.3662), (15, 148, 0.0624, 0.1605), (0, 20, 0, 0.1611), (1, 29, 0.0061, 0.1718),
        ]
        for case let (successes, trials, lower, upper) in published {
            let interval = Distribution.wilsonInterval(successes: successes, of: trials)
            XCTAssertEqual(interval.lowerBound, lower, accuracy: 5e-5, "\(successes)/\(trials)")
            XCTAssertEqual(interval.upperBound, upper, accuracy: 5e-5, "\(successes)/\(trials)")
        }
    }

    /// The interval is the set of rates p₀ a score test does not reject: at each end inside
    /// 0…1, |p̂ − p₀| = z·√(p₀(1 − p₀)/n) (the definition, independent of the closed form).
    func testEndsAreWhereTheScoreTestTurns() {
        let z = 1.959_963_984_540_054
        for (successes, trials) in [(3, 20), (10, 20), (19, 20), (1, 3), (57, 100)] {
            let rate = Double(successes) / Double(trials)
            let interval = Distribution.wilsonInterval(successes: successes, of: trials)
            for end in [interval.lowerBound, interval.upperBound] {
                XCTAssertEqual(abs(rate - end), z * (end * (1 - end) / Double(trials)).squareRoot(), accuracy: 1e-12,
                               "\(successes)/\(trials) at \(end)")
            }
            XCTAssertTrue(interval.contains(rate))
        }
    }

    func testAllOrNoneSuccessesReachTheBoundAndNoTrialsSayNothing() {
        XCTAssertEqual(Distribution.wilsonInterval(successes: 0, of: 20).lowerBound, 0)
        XCTAssertEqual(Distribution.wilsonInterval(successes: 20, of: 20).upperBound, 1)
        // 20 of 20 is not proof of a certain success: the lower end is z²/(n + z²) below 1.
        XCTAssertEqual(Distribution.wilsonInterval(successes: 20, of: 20).lowerBound, 20 / (20 + 1.959_963_984_540_054 * 1.959_963_984_540_054), accuracy: 1e-12)
        XCTAssertEqual(Distribution.wilsonInterval(successes: 0, of: 0), 0...1)
    }

    /// Against SciPy's binomtest(k, n).proportion_ci(method="wilson") (tools/reference_wilson.py).
    func testWilsonIntervalMatchesSciPy() {
        let reference: [(Int, Int, Double, Double)] = [
            (11, 20, 0.3420853424503424, 0.7418021417443758),
            (0, 20, 0.0, 0.16112515805281935),
            (20, 20, 0.8388748419471808, 1.0),
            (2, 20, 0.027866481213768224, 0.30103364522848725),
            (165, 290, 0.5114340421034935, 0.624693787374812),
            (1, 1, 0.20654931437723745, 1.0),
            (18, 230, 0.050074596590689406, 0.12030348359073778),
        ]
        for (k, n, low, high) in reference {
            let interval = Distribution.wilsonInterval(successes: k, of: n)
            XCTAssertEqual(interval.lowerBound, low, accuracy: 1e-14, "\(k) of \(n)")
            XCTAssertEqual(interval.upperBound, high, accuracy: 1e-14, "\(k) of \(n)")
        }
        XCTAssertEqual(Distribution.wilsonInterval(successes: 0, of: 0), 0...1, "no trials, no information")
    }
}
