extension Adam {
    /// Applies `update(_:_:_:_:_:)` to every element of a parameter and its moments.
    ///
    /// This library compiles for baseline x86-64 (SSE2), where the loop runs one element at a
    /// time. Where the CPU has AVX-512 or AVX, a C kernel (`Sources/CVectorMath`) performs the
    /// same operations in the same order on 16 or 8 elements at once, so every element equals
    /// `update`'s result (FastPathTests checks it bit for bit). It runs on one thread; two
    /// would compete with the BLAS worker, which spins after each product
    /// (docs/PERFORMANCE.md). `units` exists for those tests.
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    static func update(_ theta: inout Matrix<Scalar>, _ m: inout Matrix<Scalar>, _ v: inout Matrix<Scalar>,
                       gradient: Matrix<Scalar>, _ step: Step, units: VectorUnits = .current) {
        let count = theta.count
        Misuse.check(gradient.count == count && m.count == count && v.count == count,
                     "Adam: gradient, moments and parameter differ in size")
        gradient.elements.withUnsafeBufferPointer { g in
            theta.elements.withUnsafeMutableBufferPointer { theta in
                m.elements.withUnsafeMutableBufferPointer { m in
                    v.elements.withUnsafeMutableBufferPointer { v in
                        guard count > 0 else { return }
                        if Scalar.wideAdamUpdate(theta.baseAddress!, g.baseAddress!, m.baseAddress!, v.baseAddress!, count: count,
                                                 beta1: step.beta1, beta2: step.beta2, epsilon: step.epsilon,
                                                 stepSize: step.size, rootOfCorrection2: step.rootOfCorrection2, units: units) { return }
                        for i in 0..<count { update(&theta[i], &m[i], &v[i], g[i], step) }
                    }
                }
            }
        }
    }
}
