import Dispatch
import Foundation

/// Where every matrix product runs: C ← α·op(A)·op(B) + β·C on row-major buffers.
///
/// The shape picks the way (measurements in docs/PERFORMANCE.md):
/// - tiny products (at most `loopWork` multiply-adds) run as plain loops, because
///   OpenBLAS's fixed cost per call is larger than their work;
/// - large products with one side of C of at most `skinnySide` (a 10-class output layer
///   and its weight gradient) are cut into pieces of at most `pieceWork`, which OpenBLAS
///   runs through its small-matrix kernels without packing the operands, and the pieces
///   are shared out between two threads;
/// - everything else is one `cblas_?gemm` call on OpenBLAS's threads.
///
/// `loops` is the definition of the product, the reference every path is tested against.
enum Product {
    /// Up to this many multiply-adds, loops beat a BLAS call.
    static let loopWork = 64
    /// A side this short makes a product skinny.
    static let skinnySide = 32
    /// OpenBLAS takes products of up to about 10⁶ multiply-adds through its small-matrix
    /// kernels (the edge measured lower for x·Wᵀ of 784×10); pieces stay below it.
    static let pieceWork = 3 << 18
    /// Below this many multiply-adds, two threads cost more to start than they save.
    static let splitWork = 1 << 19

    /// Which dimension a skinny product is cut along.
    enum Cut: Equatable {
        /// C's rows (A's rows): pieces of a tall C, e.g. the forward pass x·Wᵀ.
        case rows
        /// C's columns (B's columns): pieces of a wide C.
        case columns
        /// The shared dimension k: partial products summed, e.g. a weight gradient dyᵀ·x
        /// cut along the batch, so that each thread re-reads the rows its forward pass read.
        case shared
    }

    /// How `run` splits a product: not at all (`nil`: loops or one BLAS call), or along
    /// `cut` into `parts` threads. Cutting along k with two threads sums the second
    /// partial product from scratch memory (`Scratch`).
    static func plan(m: Int, n: Int, k: Int, threads: Int) -> (cut: Cut, parts: Int)? {
        let work = m * n * k
        let parts = threads > 1 && work >= splitWork ? 2 : 1
        guard parts == 2 || work > pieceWork, Swift.min(m, n) <= skinnySide, Swift.max(m, n) >= 2 * skinnySide else { return nil }
        if m >= n { return (.rows, parts) }
        if k >= 2 * skinnySide { return (.shared, parts) }
        return (.columns, parts)
    }

    @inline(__always)
    static func run<Scalar: BLASScalar>(
        transposeA: Bool, transposeB: Bool, m: Int, n: Int, k: Int,
        alpha: Scalar, a: UnsafePointer<Scalar>, lda: Int,
        b: UnsafePointer<Scalar>, ldb: Int,
        beta: Scalar, c: UnsafeMutablePointer<Scalar>, ldc: Int
    ) {
        if m * n * k <= loopWork {
            loops(transposeA: transposeA, transposeB: transposeB, m: m, n: n, k: k,
                  alpha: alpha, a: a, lda: lda, b: b, ldb: ldb, beta: beta, c: c, ldc: ldc)
            return
        }
        let threads = BLAS.threads
        guard let (cut, parts) = plan(m: m, n: n, k: k, threads: threads) else {
            Scalar.gemm(transposeA: transposeA, transposeB: transposeB, m: m, n: n, k: k,
                        alpha: alpha, a: a, lda: lda, b: b, ldb: ldb, beta: beta, c: c, ldc: ldc)
            return
        }
        let length = cut == .rows ? m : cut == .columns ? n : k
        let pieceLength = Swift.max(1, pieceWork / (m * n * k / length))
        guard parts == 2 else {
            pieces(cut, 0..<length, of: pieceLength, transposeA: transposeA, transposeB: transposeB, m: m, n: n, k: k,
                   alpha: alpha, a: a, lda: lda, b: b, ldb: ldb, beta: beta, c: c, ldc: ldc)
            return
        }
        // Two threads, each a contiguous half, each BLAS call single-threaded. Along rows
        // or columns the halves write disjoint parts of C; along k the second half goes to
        // scratch memory, added onto C afterwards.
        BLAS.threads = 1
        defer { BLAS.threads = threads }
        let half = length / 2
        func halves(scratch: UnsafeMutablePointer<Scalar>?) {
            nonisolated(unsafe) let a = a, b = b, c = c, scratch = scratch
            DispatchQueue.concurrentPerform(iterations: 2) { part in
                let toScratch = part == 1 && scratch != nil
                pieces(cut, part == 0 ? 0..<half : half..<length, of: pieceLength,
                       transposeA: transposeA, transposeB: transposeB, m: m, n: n, k: k,
                       alpha: alpha, a: a, lda: lda, b: b, ldb: ldb,
                       beta: toScratch ? 0 : beta, c: toScratch ? scratch! : c, ldc: toScratch ? n : ldc)
            }
        }
        guard cut == .shared else { return halves(scratch: nil) }
        Scratch.shared.withBuffer(of: Scalar.self, count: m * n) { scratch in
            halves(scratch: scratch)
            for i in 0..<m {
                let row = c + i * ldc, partial = scratch + i * n
                for j in 0..<n { row[j] += partial[j] }
            }
        }
    }

    /// The part `range` of the cut, `pieceLength` at a time, one BLAS call per piece. Along
    /// rows and columns each piece writes its own part of C; along k every piece after the
    /// first adds onto the partial sum.
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    private static func pieces<Scalar: BLASScalar>(
        _ cut: Cut, _ range: Range<Int>, of pieceLength: Int,
        transposeA: Bool, transposeB: Bool, m: Int, n: Int, k: Int,
        alpha: Scalar, a: UnsafePointer<Scalar>, lda: Int,
        b: UnsafePointer<Scalar>, ldb: Int,
        beta: Scalar, c: UnsafeMutablePointer<Scalar>, ldc: Int
    ) {
        var start = range.lowerBound
        while start < range.upperBound {
            let count = Swift.min(pieceLength, range.upperBound - start)
            switch cut {
            case .rows:
                Scalar.gemm(transposeA: transposeA, transposeB: transposeB, m: count, n: n, k: k,
                            alpha: alpha, a: transposeA ? a + start : a + start * lda, lda: lda,
                            b: b, ldb: ldb, beta: beta, c: c + start * ldc, ldc: ldc)
            case .columns:
                Scalar.gemm(transposeA: transposeA, transposeB: transposeB, m: m, n: count, k: k,
                            alpha: alpha, a: a, lda: lda, b: transposeB ? b + start * ldb : b + start, ldb: ldb,
                            beta: beta, c: c + start, ldc: ldc)
            case .shared:
                Scalar.gemm(transposeA: transposeA, transposeB: transposeB, m: m, n: n, k: count,
                            alpha: alpha, a: transposeA ? a + start * lda : a + start, lda: lda,
                            b: transposeB ? b + start : b + start * ldb, ldb: ldb,
                            beta: start == range.lowerBound ? beta : 1, c: c, ldc: ldc)
            }
            start += count
        }
    }

    /// The definition of the product, for tiny shapes. β = 0 never reads C (as in BLAS).
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    static func loops<Scalar: BLASScalar>(
        transposeA: Bool, transposeB: Bool, m: Int, n: Int, k: Int,
        alpha: Scalar, a: UnsafePointer<Scalar>, lda: Int,
        b: UnsafePointer<Scalar>, ldb: Int,
        beta: Scalar, c: UnsafeMutablePointer<Scalar>, ldc: Int
    ) {
        for i in 0..<m {
            let row = c + i * ldc
            if beta == 0 {
                for j in 0..<n { row[j] = 0 }
            } else if beta != 1 {
                for j in 0..<n { row[j] *= beta }
            }
            for p in 0..<k {
                let scaled = alpha * (transposeA ? a[p * lda + i] : a[i * lda + p])
                if transposeB {
                    for j in 0..<n { row[j] += scaled * b[j * ldb + p] }
                } else {
                    let line = b + p * ldb
                    for j in 0..<n { row[j] += scaled * line[j] }
                }
            }
        }
    }
}

/// Memory for the second thread's partial product when a product is cut along k: one
/// buffer that grows to the largest size asked for and is then reused, so steady-state
/// training allocates nothing. A lock keeps products running on several threads apart.
final class Scratch: @unchecked Sendable {
    static let shared = Scratch()

    private let lock = NSLock()
    private var memory = UnsafeMutableRawPointer.allocate(byteCount: 64, alignment: 64)
    private var capacity = 64

    func withBuffer<Scalar, Result>(of _: Scalar.Type, count: Int, _ body: (UnsafeMutablePointer<Scalar>) -> Result) -> Result {
        lock.lock()
        defer { lock.unlock() }
        let bytes = Swift.max(count * MemoryLayout<Scalar>.stride, 1)
        if bytes > capacity {
            memory.deallocate()
            memory = UnsafeMutableRawPointer.allocate(byteCount: bytes, alignment: 64)
            capacity = bytes
        }
        return body(memory.bindMemory(to: Scalar.self, capacity: Swift.max(count, 1)))
    }
}
