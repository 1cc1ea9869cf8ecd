// swift-tools-version: 6.0
// libFuzzer targets over orgtree's YAML reader and document decoder (scripts/fuzz.sh
// builds them with -sanitize=fuzzer,address and runs them). A package of its own: every
// module it builds is instrumented, which the main package's products must not be.
import PackageDescription

let package = Package(
    name: "orgtree-fuzz",
    // scripts/fuzz.sh links the repository here, so that the dependency is named orgtree
    // whatever the clone's folder is called.
    dependencies: [.package(path: "../.build-fuzz/orgtree")],
    targets: [
        .executableTarget(
            name: "FuzzDecoder",
            dependencies: [.product(name: "OrgTreeCore", package: "orgtree")]
        ),
    ],
    swiftLanguageModes: [.v6]
)
