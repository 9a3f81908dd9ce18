import Foundation

/// Bytes of first-layer input per core that one slice of a mini-batch may hold: half the
/// core's L2 cache (1 MB when the system does not say). The forward pass reads a slice's
/// rows and the weight gradient reads them again, from the cache instead of memory
/// (docs/PERFORMANCE.md has the measurement).
let sliceBytesPerThread: Int = {
    let level2 = sysconf(Int32(_SC_LEVEL2_CACHE_SIZE))
    return level2 > 0 ? level2 / 2 : 1 << 20
}()

extension Trainer {
    /// Rows per slice for a mini-batch of `rows` × `columns`, or nil to take it whole: when
    /// it fits in the caches, or the model may mix rows, or the loss is not a mean over rows.
    func sliceLength(rows: Int, columns: Int) -> Int? {
        let bytes = rows * columns * MemoryLayout<Scalar>.stride
        guard bytes > sliceBytesPerThread, fastModel.rowsAreIndependent, lossAveragesRows else { return nil }
        let budget = sliceBytesPerThread * Swift.max(BLAS.threads, 1)
        let most = Swift.max(1, budget / Swift.max(columns * MemoryLayout<Scalar>.stride, 1))
        guard rows > most else { return nil }
        let slices = (rows + most - 1) / most
        return (rows + slices - 1) / slices
    }

    /// Forward and backward through equal slices of the batch: each slice's loss gradient is
    /// weighted by its share of the batch, so the accumulated parameter gradients are those
    /// of the whole batch (up to rounding). Returns the batch's loss.
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    func forwardAndBackwardInSlices(_ inputs: Matrix<Scalar>, rows: Range<Int>, _ targets: Matrix<Scalar>,
                                    sliceLength: Int) -> Double {
        var value = 0.0
        for start in stride(from: 0, to: rows.count, by: sliceLength) {
            let part = start..<Swift.min(start + sliceLength, rows.count)
            let share = Scalar(part.count) / Scalar(rows.count)
            let prediction = forward(inputs, rows: (rows.lowerBound + part.lowerBound)..<(rows.lowerBound + part.upperBound))
            sliceTargets.replaceWithRows(part, of: targets)
            value += Double(loss.loss(of: prediction, target: sliceTargets) * share)
            loss.gradient(of: prediction, target: sliceTargets, into: &lossGradient)
            lossGradient.scale(by: share)
            backward(lossGradient)
        }
        return value
    }
}
