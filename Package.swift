// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "orgtree",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "orgtree", targets: ["orgtree"]),
        .library(name: "OrgTreeCore", targets: ["OrgTreeCore"]),
        .library(name: "OrgTreeKit", targets: ["OrgTreeKit"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    ],
    targets: [
        // The system's libyaml, read event by event.
        .systemLibrary(
            name: "CYAML",
            pkgConfig: "yaml-0.1",
            providers: [.apt(["libyaml-dev"])]
        ),
        // YAML text → position-keeping document nodes. Pure: bytes in, nodes out.
        .target(name: "OrgTreeYAML", dependencies: ["CYAML"]),
        // The pure core: model, rules, access engine. No I/O, no printing.
        .target(name: "OrgTreeCore", dependencies: ["OrgTreeYAML"]),
        // The edges: reading trees from disk, rendering diagnostics.
        .target(name: "OrgTreeKit", dependencies: ["OrgTreeCore"]),
        .executableTarget(
            name: "orgtree",
            dependencies: [
                "OrgTreeKit",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // Benchmark: validate against libyaml's bare event loop (scripts/bench.sh).
        .executableTarget(name: "orgtree-bench", dependencies: ["OrgTreeKit"]),
        .testTarget(
            name: "OrgTreeTests",
            dependencies: ["OrgTreeCore", "OrgTreeKit", "OrgTreeYAML"]
        ),
    ],
    swiftLanguageModes: [.v6]
)
