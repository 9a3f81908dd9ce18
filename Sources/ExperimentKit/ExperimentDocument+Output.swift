import Foundation
import Backprop

extension ExperimentDocument {
    /// Writes `metrics.json` into the experiment's output directory, atomically, and
    /// returns where it will be once the run commits. The BLAS the products ran on is recorded with it: the page's "ran on"
    /// line, and every detail (kernels, how they were chosen, the CPU) under `values.blas`.
    @discardableResult
    public func write(to directory: OutputDirectory) throws -> URL {
        let configuration = Backprop.BLAS.configuration
        var document = self
        document.blas = document.blas ?? BLAS(library: configuration.library, version: configuration.version,
                                              core: configuration.core, threads: configuration.threads)
        document.values["blas"] = configuration.json
        try document.write(to: directory.file("metrics.json"))
        return directory.final("metrics.json")
    }
}
