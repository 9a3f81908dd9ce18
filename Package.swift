// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "swift-backprop",
    products: [
        .library(name: "Backprop", targets: ["Backprop"]),
        .library(name: "Plot", targets: ["Plot"]),
        .executable(name: "experiment-gradient-check", targets: ["experiment-gradient-check"]),
        .executable(name: "report", targets: ["report"]),
        .executable(name: "benchmark", targets: ["benchmark"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-numerics", from: "1.1.1"),
    ],
    targets: [
        // System-library shims: a module map and a header each, nothing else.
        .systemLibrary(
            name: "CBLAS",
            pkgConfig: "openblas",
            providers: [.apt(["libopenblas-dev"])]
        ),
        .systemLibrary(
            name: "CZlib",
            pkgConfig: "zlib",
            providers: [.apt(["zlib1g-dev"])]
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
                "CBLAS", "CZlib",
                .product(name: "RealModule", package: "swift-numerics"),
            ]
        ),
        // Figures over Cairo; knows nothing about networks.
        .target(name: "Plot", dependencies: ["CCairo"]),
        // What every experiment shares: CLI options, output folder, metrics.json.
        .target(
            name: "ExperimentKit",
            dependencies: [
                "Backprop", "Plot",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),

        .executableTarget(
            name: "experiment-gradient-check",
            dependencies: ["ExperimentKit"],
            path: "experiments/gradient-check",
            resources: [.copy("Resources/sine_gradients.json")]
        ),

        .executableTarget(
            name: "benchmark",
            dependencies: ["ExperimentKit"],
            path: "experiments/benchmark"
        ),

        .executableTarget(name: "report", dependencies: ["Plot", .product(name: "ArgumentParser", package: "swift-argument-parser")], path: "experiments/report"),

        // Test support: counts the test process's heap allocations (malloc interposed, C).
        .target(name: "AllocationCounter", path: "Tests/AllocationCounter"),
        .testTarget(name: "BackpropTests", dependencies: ["Backprop", "AllocationCounter"], resources: [.copy("Fixtures")]),
        .testTarget(name: "PlotTests", dependencies: ["Plot"]),
        .testTarget(name: "ExperimentTests", dependencies: ["ExperimentKit"]),
    ]
)
