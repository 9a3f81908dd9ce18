import Dispatch

/// Where every matrix product runs: C ← α·op(A)·op(B) + β·C on row-major buffers.
///
/// The shape picks one of three ways, each measured on this project's 2-core machine:
/// - tiny products (at most `loopWork` multiply-adds) run as plain loops, because
///   OpenBLAS's fixed cost per call is larger than their work (a 2→1 AND gate's
///   forward pass is 8 multiply-adds);
/// - large products with one side of at most `skinnySide` (a 10-class output layer) are
///   cut in two halves that run on two threads, each one single-threaded BLAS call.
///   OpenBLAS 0.3.21 hardly speeds those up with its own threads: MNIST's 600×784·784×10
///   took 162 µs on two OpenBLAS threads and 87 µs split;
/// - everything else is one `cblas_?gemm` call on OpenBLAS's threads.
enum Product {
    /// Up to this many multiply-adds, loops beat a BLAS call.
    static let loopWork = 64
    /// A side this short makes a product skinny.
    static let skinnySide = 32
    /// Below this many multiply-adds, two threads cost more to start than they save.
    static let splitWork = 1 << 21

    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    static func run<Scalar: BLASScalar>(
        transposeA: Bool, transposeB: Bool, m: Int, n: Int, k: Int,
        alpha: Scalar, a: UnsafePointer<Scalar>, lda: Int,
        b: UnsafePointer<Scalar>, ldb: Int,
        beta: Scalar, c: UnsafeMutablePointer<Scalar>, ldc: Int
    ) {
        let work = m * n * k
        if work <= loopWork {
            loops(transposeA: transposeA, transposeB: transposeB, m: m, n: n, k: k,
                  alpha: alpha, a: a, lda: lda, b: b, ldb: ldb, beta: beta, c: c, ldc: ldc)
            return
        }
        let threads = BLAS.threads
        guard threads > 1, work >= splitWork, Swift.min(m, n) <= skinnySide, Swift.max(m, n) >= 2 * skinnySide else {
            Scalar.gemm(transposeA: transposeA, transposeB: transposeB, m: m, n: n, k: k,
                        alpha: alpha, a: a, lda: lda, b: b, ldb: ldb, beta: beta, c: c, ldc: ldc)
            return
        }
        // Two halves of C: along its rows when it is tall, along its columns when it is wide.
        // Each half reads its own part of A (rows) or B (columns) through an offset pointer.
        BLAS.threads = 1
        defer { BLAS.threads = threads }
        let alongRows = m >= n
        let long = alongRows ? m : n
        let half = long / 2
        // The halves write disjoint parts of C and only read A and B.
        nonisolated(unsafe) let a = a, b = b, c = c
        DispatchQueue.concurrentPerform(iterations: 2) { part in
            let start = part == 0 ? 0 : half
            let count = part == 0 ? half : long - half
            if alongRows {
                Scalar.gemm(transposeA: transposeA, transposeB: transposeB, m: count, n: n, k: k,
                            alpha: alpha, a: transposeA ? a + start : a + start * lda, lda: lda,
                            b: b, ldb: ldb, beta: beta, c: c + start * ldc, ldc: ldc)
            } else {
                Scalar.gemm(transposeA: transposeA, transposeB: transposeB, m: m, n: count, k: k,
                            alpha: alpha, a: a, lda: lda,
                            b: transposeB ? b + start * ldb : b + start, ldb: ldb,
                            beta: beta, c: c + start, ldc: ldc)
            }
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
