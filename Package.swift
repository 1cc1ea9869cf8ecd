// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "orgtree",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "orgtree", targets: ["orgtree"]),
        .library(name: "OrgTreeCore", targets: ["OrgTreeCore"]),
        .library(name: "OrgTreeKit", targets: ["OrgTreeKit"]),
        .library(name: "OrgTreeCommands", targets: ["OrgTreeCommands"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.6"),
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
        // `orgtree init` carries the JSON Schemas and the CI workflow (GeneratedSources plugin).
        .target(name: "OrgTreeKit", dependencies: ["OrgTreeCore"], plugins: ["GeneratedSources"]),
        // State stores: SQLite (GRDB) and PostgreSQL (postgres-nio), one behaviour; the
        // deployment workflow (plan against a store, check a plan, apply it).
        .target(
            name: "OrgTreeState",
            dependencies: [
                "OrgTreeCore",
                "OrgTreeKit",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        // Swift files written before each build: the Git commit (OrgTreeBuild), the
        // schemas and the CI workflow `orgtree init` writes (OrgTreeKit).
        .plugin(name: "GeneratedSources", capability: .buildTool()),
        // The Git commit the build comes from (`--version`).
        .target(name: "OrgTreeBuild", plugins: ["GeneratedSources"]),
        // The commands: parse arguments, call one workflow, render, map to an exit code.
        // A library, so that tests run them in process.
        .target(
            name: "OrgTreeCommands",
            dependencies: [
                "OrgTreeKit",
                "OrgTreeState",
                "OrgTreeBuild",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(name: "orgtree", dependencies: ["OrgTreeCommands"]),
        // Benchmark: validate against libyaml's bare event loop (scripts/bench.sh).
        .executableTarget(name: "orgtree-bench", dependencies: ["OrgTreeKit"]),
        .testTarget(
            name: "OrgTreeTests",
            dependencies: [
                "OrgTreeCore", "OrgTreeKit", "OrgTreeYAML", "OrgTreeState", "OrgTreeCommands",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
    ],
    swiftLanguageModes: [.v6]
)
