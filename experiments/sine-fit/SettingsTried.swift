import ExperimentKit

/// Settings explored before the defaults were chosen: measurements of the seed study
/// (2026-12-03, release build, the throwaway tool `seed-study sine --setting … --seeds N`
/// on branch `seedstudy`, commit 299a7f4), with the same network, initialisation, data and
/// success rule (½·MSE after the last update ≤ 0.005). They are data measured then, not
/// computed by this run; the page says so.
struct SettingTried {
    let optimizer: String
    let learningRate: Double
    /// A schedule, β or batch change; "–" for none.
    let variant: String
    let steps: Int
    /// Which seeds, as the study recorded them.
    let seeds: String
    let successes: Int, runs: Int
    let medianFinalLoss: Double

    static let date = "2026-12-03"

    static let all: [SettingTried] = [
        .init(optimizer: "Adam", learningRate: 0.003, variant: "–", steps: 20_000, seeds: "0–29", successes: 14, runs: 30, medianFinalLoss: 1.08e-2),
        .init(optimizer: "Adam", learningRate: 0.01, variant: "–", steps: 20_000, seeds: "230 seeds", successes: 98, runs: 230, medianFinalLoss: 1.25e-2),
        .init(optimizer: "Adam", learningRate: 0.02, variant: "–", steps: 20_000, seeds: "0–29", successes: 10, runs: 30, medianFinalLoss: 1.95e-2),
        .init(optimizer: "Adam", learningRate: 0.05, variant: "–", steps: 20_000, seeds: "0–289", successes: 127, runs: 290, medianFinalLoss: 1.28e-2),
        .init(optimizer: "Adam", learningRate: 0.2, variant: "–", steps: 20_000, seeds: "0–29", successes: 15, runs: 30, medianFinalLoss: 7.90e-3),
        .init(optimizer: "Adam", learningRate: 0.3, variant: "–", steps: 20_000, seeds: "0–29", successes: 11, runs: 30, medianFinalLoss: 1.64e-2),
        .init(optimizer: "Adam", learningRate: 0.01, variant: "–", steps: 50_000, seeds: "0–289", successes: 154, runs: 290, medianFinalLoss: 1.27e-3),
        .init(optimizer: "Adam", learningRate: 0.01, variant: "–", steps: 100_000, seeds: "0–289", successes: 165, runs: 290, medianFinalLoss: 7.63e-4),
        .init(optimizer: "Adam", learningRate: 0.003, variant: "–", steps: 100_000, seeds: "0–89", successes: 50, runs: 90, medianFinalLoss: 8.21e-4),
        .init(optimizer: "Adam", learningRate: 0.02, variant: "–", steps: 100_000, seeds: "0–89", successes: 45, runs: 90, medianFinalLoss: 6.63e-3),
        .init(optimizer: "Adam", learningRate: 0.05, variant: "–", steps: 100_000, seeds: "0–29", successes: 13, runs: 30, medianFinalLoss: 1.24e-2),
        .init(optimizer: "Adam", learningRate: 0.1, variant: "cosine decay", steps: 100_000, seeds: "0–89", successes: 47, runs: 90, medianFinalLoss: 9.36e-4),
        .init(optimizer: "Adam", learningRate: 0.1, variant: "cosine decay", steps: 200_000, seeds: "0–89", successes: 51, runs: 90, medianFinalLoss: 6.90e-4),
        .init(optimizer: "Adam", learningRate: 0.1, variant: "5 % warm-up, cosine", steps: 100_000, seeds: "0–29", successes: 18, runs: 30, medianFinalLoss: 7.60e-4),
        .init(optimizer: "Adam", learningRate: 0.3, variant: "exponential to 1 %", steps: 100_000, seeds: "0–29", successes: 14, runs: 30, medianFinalLoss: 1.18e-2),
        .init(optimizer: "Adam", learningRate: 0.02, variant: "β₂ = 0.9", steps: 20_000, seeds: "0–29", successes: 2, runs: 30, medianFinalLoss: 2.26e-2),
        .init(optimizer: "Adam", learningRate: 0.01, variant: "mini-batches of 10", steps: 100_000, seeds: "0–29", successes: 1, runs: 30, medianFinalLoss: 2.81e-2),
        .init(optimizer: "gradient descent", learningRate: 0.5, variant: "–", steps: 20_000, seeds: "0–29", successes: 0, runs: 30, medianFinalLoss: 6.31e-2),
        .init(optimizer: "gradient descent", learningRate: 1, variant: "–", steps: 100_000, seeds: "0–29", successes: 0, runs: 30, medianFinalLoss: 6.31e-2),
        .init(optimizer: "gradient descent", learningRate: 3, variant: "–", steps: 100_000, seeds: "0–29", successes: 0, runs: 30, medianFinalLoss: 4.44e-2),
        .init(optimizer: "gradient descent", learningRate: 5, variant: "–", steps: 100_000, seeds: "0–29", successes: 1, runs: 30, medianFinalLoss: 3.07e-2),
        .init(optimizer: "gradient descent", learningRate: 10, variant: "–", steps: 100_000, seeds: "230 seeds", successes: 18, runs: 230, medianFinalLoss: 2.17e-2),
        .init(optimizer: "gradient descent", learningRate: 10, variant: "–", steps: 200_000, seeds: "0–29", successes: 5, runs: 30, medianFinalLoss: 1.99e-2),
        .init(optimizer: "gradient descent", learningRate: 20, variant: "–", steps: 100_000, seeds: "0–29", successes: 1, runs: 30, medianFinalLoss: 3.16e-2),
        .init(optimizer: "gradient descent", learningRate: 30, variant: "–", steps: 100_000, seeds: "0–29", successes: 0, runs: 30, medianFinalLoss: 3.54e-2),
        .init(optimizer: "SGD + momentum 0.9", learningRate: 3, variant: "–", steps: 100_000, seeds: "0–89", successes: 46, runs: 90, medianFinalLoss: 3.72e-3),
    ]
}
