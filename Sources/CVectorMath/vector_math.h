// Vector square roots as single instructions (sqrtps, sqrtpd). Swift's squareRoot() on
// Linux goes through __builtin_sqrtf with errno semantics, one scalar sqrt and a branch
// per element; the elementwise builtin is the bare IEEE square root and vectorises.
// Swift imports these vector types as SIMD8<Float> and SIMD8<Double>.
typedef float backprop_float8 __attribute__((ext_vector_type(8)));
typedef double backprop_double8 __attribute__((ext_vector_type(8)));

static inline __attribute__((always_inline)) backprop_float8 backprop_sqrt_float8(backprop_float8 x) {
    return __builtin_elementwise_sqrt(x);
}

static inline __attribute__((always_inline)) backprop_double8 backprop_sqrt_double8(backprop_double8 x) {
    return __builtin_elementwise_sqrt(x);
}
