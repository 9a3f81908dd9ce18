import CBLAS

/// The BLAS library's own settings.
public enum BLAS {
    /// Threads OpenBLAS uses inside one matrix product (by default, one per core, or
    /// `OPENBLAS_NUM_THREADS`). Set it to 1 when independent trainings already run on every
    /// core: threads inside threads only contend.
    public static var threads: Int {
        get { Int(openblas_get_num_threads()) }
        set { openblas_set_num_threads(Int32(max(newValue, 1))) }
    }
}
