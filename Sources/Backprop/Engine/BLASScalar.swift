import CBLAS
import CVectorMath
import RealModule

/// The element types a `Matrix` can hold: `Float` and `Double`, the two precisions
/// OpenBLAS provides a matrix product for.
public protocol BLASScalar: BinaryFloatingPoint, Real, SIMDScalar, Sendable, Codable
where Self.RawSignificand: FixedWidthInteger {
    /// C ← α·op(A)·op(B) + β·C on row-major buffers, through `cblas_?gemm`.
    /// `op(X)` is X or Xᵀ, chosen by the flag, so no transpose is ever materialised.
    static func gemm(
        transposeA: Bool, transposeB: Bool,
        m: Int, n: Int, k: Int,
        alpha: Self, a: UnsafePointer<Self>, lda: Int,
        b: UnsafePointer<Self>, ldb: Int,
        beta: Self, c: UnsafeMutablePointer<Self>, ldc: Int
    )

    /// The safetensors / NumPy name of the type ("F32", "F64").
    static var dtypeName: String { get }

    /// Adam's update of `count` elements in AVX-512 or AVX instructions, with exactly the
    /// operations of `Adam.update`; false (nothing done) for `.baseline`.
    static func wideAdamUpdate(_ theta: UnsafeMutablePointer<Self>, _ g: UnsafePointer<Self>,
                               _ m: UnsafeMutablePointer<Self>, _ v: UnsafeMutablePointer<Self>, count: Int,
                               beta1: Self, beta2: Self, epsilon: Self, stepSize: Self, rootOfCorrection2: Self,
                               units: VectorUnits) -> Bool
}

@inline(__always)
private func cblasTranspose(_ flag: Bool) -> CBLAS_TRANSPOSE { flag ? CblasTrans : CblasNoTrans }

extension Float: BLASScalar {
    public static func gemm(
        transposeA: Bool, transposeB: Bool, m: Int, n: Int, k: Int,
        alpha: Float, a: UnsafePointer<Float>, lda: Int, b: UnsafePointer<Float>, ldb: Int,
        beta: Float, c: UnsafeMutablePointer<Float>, ldc: Int
    ) {
        BLAS.prepare()
        cblas_sgemm(CblasRowMajor, cblasTranspose(transposeA), cblasTranspose(transposeB),
                    Int32(m), Int32(n), Int32(k), alpha, a, Int32(lda), b, Int32(ldb), beta, c, Int32(ldc))
    }

    public static var dtypeName: String { "F32" }

    public static func wideAdamUpdate(_ theta: UnsafeMutablePointer<Float>, _ g: UnsafePointer<Float>,
                                      _ m: UnsafeMutablePointer<Float>, _ v: UnsafeMutablePointer<Float>, count: Int,
                                      beta1: Float, beta2: Float, epsilon: Float, stepSize: Float, rootOfCorrection2: Float,
                                      units: VectorUnits) -> Bool {
        #if arch(x86_64)
        switch units {
        case .avx512: backprop_adam_float_avx512(theta, g, m, v, count, beta1, beta2, epsilon, stepSize, rootOfCorrection2)
        case .avx: backprop_adam_float_avx(theta, g, m, v, count, beta1, beta2, epsilon, stepSize, rootOfCorrection2)
        case .baseline: return false
        }
        return true
        #else
        return false
        #endif
    }
}

extension Double: BLASScalar {
    public static func gemm(
        transposeA: Bool, transposeB: Bool, m: Int, n: Int, k: Int,
        alpha: Double, a: UnsafePointer<Double>, lda: Int, b: UnsafePointer<Double>, ldb: Int,
        beta: Double, c: UnsafeMutablePointer<Double>, ldc: Int
    ) {
        BLAS.prepare()
        cblas_dgemm(CblasRowMajor, cblasTranspose(transposeA), cblasTranspose(transposeB),
                    Int32(m), Int32(n), Int32(k), alpha, a, Int32(lda), b, Int32(ldb), beta, c, Int32(ldc))
    }

    public static var dtypeName: String { "F64" }

    public static func wideAdamUpdate(_ theta: UnsafeMutablePointer<Double>, _ g: UnsafePointer<Double>,
                                      _ m: UnsafeMutablePointer<Double>, _ v: UnsafeMutablePointer<Double>, count: Int,
                                      beta1: Double, beta2: Double, epsilon: Double, stepSize: Double, rootOfCorrection2: Double,
                                      units: VectorUnits) -> Bool {
        #if arch(x86_64)
        switch units {
        case .avx512: backprop_adam_double_avx512(theta, g, m, v, count, beta1, beta2, epsilon, stepSize, rootOfCorrection2)
        case .avx: backprop_adam_double_avx(theta, g, m, v, count, beta1, beta2, epsilon, stepSize, rootOfCorrection2)
        case .baseline: return false
        }
        return true
        #else
        return false
        #endif
    }
}
