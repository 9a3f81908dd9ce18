// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "swift-backprop",
    products: [
        .library(name: "Backprop", targets: ["Backprop"]),
        .library(name: "Datasets", targets: ["Datasets"]),
        .library(name: "Plot", targets: ["Plot"]),
        .library(name: "Report", targets: ["Report"]),
        .executable(name: "experiment-gradient-check", targets: ["experiment-gradient-check"]),
        .executable(name: "experiment-and-gate", targets: ["experiment-and-gate"]),
        .executable(name: "experiment-sine-fit", targets: ["experiment-sine-fit"]),
        .executable(name: "experiment-optimizers", targets: ["experiment-optimizers"]),
        .executable(name: "experiment-gradient-flow", targets: ["experiment-gradient-flow"]),
        .executable(name: "sweep-lr", targets: ["sweep-lr"]),
        .executable(name: "experiment-mnist", targets: ["experiment-mnist"]),
        .executable(name: "report", targets: ["report"]),
        .executable(name: "predict-digit", targets: ["predict-digit"]),
        .executable(name: "benchmark", targets: ["benchmark"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-numerics", from: "1.1.1"),
        .package(url: "https://github.com/JohnSundell/Ink", from: "0.6.0"),
    ],
    targets: [
        // System-library shims: a module map and a header each, nothing else.
        .systemLibrary(
            name: "CBLAS",
            pkgConfig: "openblas",
            providers: [.apt(["libopenblas-dev"])]
        ),
        // Header only: Adam's update in AVX-512 and AVX, which Swift compiles only for SSE2.
        .systemLibrary(name: "CVectorMath"),
        // Header only: the CPUID leaves that say which instructions this process may use.
        .systemLibrary(name: "CCPUID"),
        .systemLibrary(
            name: "CZlib",
            pkgConfig: "zlib",
            providers: [.apt(["zlib1g-dev"])]
        ),
        // libpng's simplified reading API: one call per PNG, and an error message that says why.
        .systemLibrary(
            name: "CPNG",
            pkgConfig: "libpng",
            providers: [.apt(["libpng-dev"])]
        ),
        .systemLibrary(
            name: "CCairo",
            pkgConfig: "cairo",
            providers: [.apt(["libcairo2-dev", "libpng-dev"])]
        ),

        // The library: matrices, modules, losses, optimisers, data.
        .target(
            name: "Backprop",
            dependencies: [
                "AtomicFile", "CBLAS", "CCPUID", "CVectorMath",
                .product(name: "RealModule", package: "swift-numerics"),
            ]
        ),
        // IDX files (raw or gzip), MNIST and Fashion-MNIST, digit preprocessing: data sets
        // that come from files, so the library itself needs no zlib.
        .target(name: "Datasets", dependencies: ["Backprop", "CZlib"]),
        // Write-then-rename, so no reader sees half a file: figures, metrics.json, HTML.
        .target(name: "AtomicFile"),
        // Figures over Cairo, and PNG reading through libpng; knows nothing about networks or reports.
        .target(name: "Plot", dependencies: ["AtomicFile", "CCairo", "CPNG"]),
        // The report: the document an experiment writes (metrics.json) and its HTML pages.
        .target(name: "Report", dependencies: ["AtomicFile", .product(name: "Ink", package: "Ink")]),
        // What every experiment shares: CLI options, output folder, the report document.
        .target(
            name: "ExperimentKit",
            dependencies: [
                "AtomicFile", "Backprop", "Datasets", "Plot", "Report",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),

        .executableTarget(
            name: "experiment-gradient-check",
            dependencies: ["ExperimentKit"],
            path: "experiments/gradient-check",
            resources: [.copy("Resources/sine_gradients.json"), .copy("Resources/notebook000.json")]
        ),

        .executableTarget(name: "experiment-and-gate", dependencies: ["ExperimentKit"], path: "experiments/and-gate"),
        .executableTarget(name: "experiment-sine-fit", dependencies: ["ExperimentKit"], path: "experiments/sine-fit"),
        .executableTarget(
            name: "experiment-optimizers",
            dependencies: ["ExperimentKit", .product(name: "ArgumentParser", package: "swift-argument-parser")],
            path: "experiments/optimizers"
        ),
        .executableTarget(
            name: "experiment-gradient-flow",
            dependencies: ["ExperimentKit", .product(name: "ArgumentParser", package: "swift-argument-parser")],
            path: "experiments/gradient-flow"
        ),
        .executableTarget(
            name: "sweep-lr",
            dependencies: ["ExperimentKit", .product(name: "ArgumentParser", package: "swift-argument-parser")],
            path: "experiments/sweep-lr"
        ),
        .executableTarget(name: "experiment-mnist", dependencies: ["ExperimentKit", "Datasets"], path: "experiments/mnist"),

        .executableTarget(name: "report", dependencies: ["Report", "ExperimentKit", .product(name: "ArgumentParser", package: "swift-argument-parser")], path: "experiments/report"),

        // Classifies digit PNGs (read by Plot's PNGImage) and IDX images with a saved network.
        .executableTarget(
            name: "predict-digit",
            dependencies: ["Backprop", "Datasets", "ExperimentKit", .product(name: "ArgumentParser", package: "swift-argument-parser")],
            path: "experiments/predict-digit"
        ),


        .executableTarget(
            name: "benchmark",
            dependencies: ["ExperimentKit"],
            path: "experiments/benchmark"
        ),

        // Test support: counts the test process's heap allocations (malloc interposed, C).
        .target(name: "AllocationCounter", path: "Tests/AllocationCounter"),
        // Test support: headless Chromium loading a report page (ReportTests, ExperimentTests).
        .target(name: "BrowserTesting", path: "Tests/BrowserTesting"),
        .testTarget(name: "BackpropTests", dependencies: ["Backprop", "AllocationCounter"], resources: [.copy("Fixtures")]),
        .testTarget(name: "DatasetsTests", dependencies: ["Datasets", "CZlib"]),
        .testTarget(name: "PlotTests", dependencies: ["Plot"]),
        // Plot draws the PNG frames and figures of the fixture reports that Chromium loads.
        .testTarget(name: "ReportTests", dependencies: ["Report", "Plot", "BrowserTesting"]),
        // CCairo draws the PNG digits that predict-digit is tested on.
        // zlib writes the malformed PNG and gzip files of the bad-input suite.
        // AllocationCounter: recording the gradient flow is checked for per-step allocations.
        .testTarget(name: "ExperimentTests", dependencies: ["ExperimentKit", "Backprop", "Datasets", "Report", "CCairo", "CZlib", "AllocationCounter", "BrowserTesting"]),
    ]
)
