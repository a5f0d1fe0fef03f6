// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "ClusterSim",
    products: [
        .library(name: "ClusterSim", targets: ["ClusterSim"]),
        .library(name: "SimScenarios", targets: ["SimScenarios"]),
        .executable(name: "simrun", targets: ["simrun"]),
    ],
    targets: [
        .target(
            name: "ClusterSim",
            swiftSettings: [
                // The event loop touches the simulation's arrays millions of times a second;
                // dynamic exclusivity checks cost about 15% of a release run. Debug builds
                // (and so the test suite) keep them.
                .unsafeFlags(["-enforce-exclusivity=unchecked"], .when(configuration: .release)),
            ]
        ),
        .target(name: "SimScenarios", dependencies: ["ClusterSim"]),
        .executableTarget(name: "simrun", dependencies: ["SimScenarios", "ClusterSim"]),
        .testTarget(
            name: "ClusterSimTests",
            dependencies: ["ClusterSim", "SimScenarios"]
        ),
    ]
)
