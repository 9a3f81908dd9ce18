// Adam's update as Sources/Backprop/Optimizers/Adam.swift writes it, m ← β₁m + (1 − β₁)g,
// v ← β₂v + ((1 − β₂)g)g, θ ← θ − s·(m/(√v/r + ε)) with s = η/(1 − β₁ᵗ) and r = √(1 − β₂ᵗ):
// the operations in that order and no fused multiply-add, so every element equals the
// Swift formula's result whatever the vector width. Compiled for AVX-512 and for AVX
// (the library itself targets baseline x86-64, SSE2); the caller checks the CPU first.
// One thread at this width outruns two at SSE2 width, and leaves the other core to the
// BLAS worker thread, which spins after each product.
#if defined(__x86_64__)
#include <immintrin.h>

#pragma clang fp contract(off)

#define BACKPROP_ADAM_TAIL(sqrt_function)                                         \
    for (; i < count; i++) {                                                      \
        m[i] = beta1 * m[i] + (1 - beta1) * g[i];                                 \
        v[i] = beta2 * v[i] + (1 - beta2) * g[i] * g[i];                          \
        theta[i] -= stepSize * (m[i] / (sqrt_function(v[i]) / root + epsilon));    \
    }

static inline __attribute__((target("avx512f"))) void backprop_adam_float_avx512(
    float *theta, const float *g, float *m, float *v, long count,
    float beta1, float beta2, float epsilon, float stepSize, float root) {
    const __m512 b1 = _mm512_set1_ps(beta1), c1 = _mm512_set1_ps(1 - beta1);
    const __m512 b2 = _mm512_set1_ps(beta2), c2 = _mm512_set1_ps(1 - beta2);
    const __m512 e = _mm512_set1_ps(epsilon), s = _mm512_set1_ps(stepSize), r = _mm512_set1_ps(root);
    long i = 0;
    for (; i + 16 <= count; i += 16) {
        __m512 gi = _mm512_loadu_ps(g + i);
        __m512 mi = _mm512_add_ps(_mm512_mul_ps(b1, _mm512_loadu_ps(m + i)), _mm512_mul_ps(c1, gi));
        __m512 vi = _mm512_add_ps(_mm512_mul_ps(b2, _mm512_loadu_ps(v + i)), _mm512_mul_ps(_mm512_mul_ps(c2, gi), gi));
        __m512 step = _mm512_mul_ps(s, _mm512_div_ps(mi, _mm512_add_ps(_mm512_div_ps(_mm512_sqrt_ps(vi), r), e)));
        _mm512_storeu_ps(m + i, mi);
        _mm512_storeu_ps(v + i, vi);
        _mm512_storeu_ps(theta + i, _mm512_sub_ps(_mm512_loadu_ps(theta + i), step));
    }
    BACKPROP_ADAM_TAIL(__builtin_sqrtf)
}

static inline __attribute__((target("avx512f"))) void backprop_adam_double_avx512(
    double *theta, const double *g, double *m, double *v, long count,
    double beta1, double beta2, double epsilon, double stepSize, double root) {
    const __m512d b1 = _mm512_set1_pd(beta1), c1 = _mm512_set1_pd(1 - beta1);
    const __m512d b2 = _mm512_set1_pd(beta2), c2 = _mm512_set1_pd(1 - beta2);
    const __m512d e = _mm512_set1_pd(epsilon), s = _mm512_set1_pd(stepSize), r = _mm512_set1_pd(root);
    long i = 0;
    for (; i + 8 <= count; i += 8) {
        __m512d gi = _mm512_loadu_pd(g + i);
        __m512d mi = _mm512_add_pd(_mm512_mul_pd(b1, _mm512_loadu_pd(m + i)), _mm512_mul_pd(c1, gi));
        __m512d vi = _mm512_add_pd(_mm512_mul_pd(b2, _mm512_loadu_pd(v + i)), _mm512_mul_pd(_mm512_mul_pd(c2, gi), gi));
        __m512d step = _mm512_mul_pd(s, _mm512_div_pd(mi, _mm512_add_pd(_mm512_div_pd(_mm512_sqrt_pd(vi), r), e)));
        _mm512_storeu_pd(m + i, mi);
        _mm512_storeu_pd(v + i, vi);
        _mm512_storeu_pd(theta + i, _mm512_sub_pd(_mm512_loadu_pd(theta + i), step));
    }
    BACKPROP_ADAM_TAIL(__builtin_sqrt)
}

static inline __attribute__((target("avx"))) void backprop_adam_float_avx(
    float *theta, const float *g, float *m, float *v, long count,
    float beta1, float beta2, float epsilon, float stepSize, float root) {
    const __m256 b1 = _mm256_set1_ps(beta1), c1 = _mm256_set1_ps(1 - beta1);
    const __m256 b2 = _mm256_set1_ps(beta2), c2 = _mm256_set1_ps(1 - beta2);
    const __m256 e = _mm256_set1_ps(epsilon), s = _mm256_set1_ps(stepSize), r = _mm256_set1_ps(root);
    long i = 0;
    for (; i + 8 <= count; i += 8) {
        __m256 gi = _mm256_loadu_ps(g + i);
        __m256 mi = _mm256_add_ps(_mm256_mul_ps(b1, _mm256_loadu_ps(m + i)), _mm256_mul_ps(c1, gi));
        __m256 vi = _mm256_add_ps(_mm256_mul_ps(b2, _mm256_loadu_ps(v + i)), _mm256_mul_ps(_mm256_mul_ps(c2, gi), gi));
        __m256 step = _mm256_mul_ps(s, _mm256_div_ps(mi, _mm256_add_ps(_mm256_div_ps(_mm256_sqrt_ps(vi), r), e)));
        _mm256_storeu_ps(m + i, mi);
        _mm256_storeu_ps(v + i, vi);
        _mm256_storeu_ps(theta + i, _mm256_sub_ps(_mm256_loadu_ps(theta + i), step));
    }
    BACKPROP_ADAM_TAIL(__builtin_sqrtf)
}

static inline __attribute__((target("avx"))) void backprop_adam_double_avx(
    double *theta, const double *g, double *m, double *v, long count,
    double beta1, double beta2, double epsilon, double stepSize, double root) {
    const __m256d b1 = _mm256_set1_pd(beta1), c1 = _mm256_set1_pd(1 - beta1);
    const __m256d b2 = _mm256_set1_pd(beta2), c2 = _mm256_set1_pd(1 - beta2);
    const __m256d e = _mm256_set1_pd(epsilon), s = _mm256_set1_pd(stepSize), r = _mm256_set1_pd(root);
    long i = 0;
    for (; i + 4 <= count; i += 4) {
        __m256d gi = _mm256_loadu_pd(g + i);
        __m256d mi = _mm256_add_pd(_mm256_mul_pd(b1, _mm256_loadu_pd(m + i)), _mm256_mul_pd(c1, gi));
        __m256d vi = _mm256_add_pd(_mm256_mul_pd(b2, _mm256_loadu_pd(v + i)), _mm256_mul_pd(_mm256_mul_pd(c2, gi), gi));
        __m256d step = _mm256_mul_pd(s, _mm256_div_pd(mi, _mm256_add_pd(_mm256_div_pd(_mm256_sqrt_pd(vi), r), e)));
        _mm256_storeu_pd(m + i, mi);
        _mm256_storeu_pd(v + i, vi);
        _mm256_storeu_pd(theta + i, _mm256_sub_pd(_mm256_loadu_pd(theta + i), step));
    }
    BACKPROP_ADAM_TAIL(__builtin_sqrt)
}

#undef BACKPROP_ADAM_TAIL
#endif
