// An experiment that imports ExperimentKit can fill its report (`ExperimentDocument`,
// `Markdown`, `JSONValue`), read MNIST (`Datasets`) and write files atomically without
// importing more.
@_exported import AtomicFile
@_exported import Report
@_exported import Datasets
