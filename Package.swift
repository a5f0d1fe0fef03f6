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
        .target(name: "ClusterSim"),
        .target(name: "SimScenarios", dependencies: ["ClusterSim"]),
        .executableTarget(name: "simrun", dependencies: ["SimScenarios", "ClusterSim"]),
        .testTarget(
            name: "ClusterSimTests",
            dependencies: ["ClusterSim", "SimScenarios"]
        ),
    ]
)
