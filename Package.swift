// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "harbormaster",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "harbormaster", targets: ["harbormaster"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", exact: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", exact: "1.16.2"),
    ],
    targets: [
        // System libraries. Each is imported by exactly one Swift module.
        .systemLibrary(
            name: "COpenSSL",
            pkgConfig: "openssl",
            providers: [.apt(["libssl-dev"]), .brew(["openssl@3"])]
        ),
        .systemLibrary(
            name: "CLibYAML",
            pkgConfig: "yaml-0.1",
            providers: [.apt(["libyaml-dev"]), .brew(["libyaml"])]
        ),

        // Linux system calls that Swift's Glibc module does not export (epoll, eventfd, accept4).
        .systemLibrary(name: "CLinux"),

        // Pure engine: JSON, AdmissionReview, checks, mutators, patches. No I/O, no C.
        .target(name: "AdmissionCore"),

        // The only module that reads YAML: manifests, reviews written as YAML, the policy file.
        .target(name: "PolicyConfig", dependencies: ["AdmissionCore", "CLibYAML"]),

        // All network I/O: sockets, epoll event loops, TLS (the only importer of COpenSSL), HTTP/1.1, endpoints.
        .target(
            name: "WebhookServer",
            dependencies: [
                "AdmissionCore", "COpenSSL", "CLinux",
                .product(name: "Logging", package: "swift-log"),
            ]
        ),

        // The local harness: files and directories in, reviews and findings out (what the CLI prints).
        .target(name: "Harness", dependencies: ["AdmissionCore", "PolicyConfig"]),

        .executableTarget(
            name: "harbormaster",
            dependencies: [
                "Harness",
                "AdmissionCore",
                "PolicyConfig",
                "WebhookServer",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),

        // In-process benchmark: decode + judge + encode per review (run with -c release).
        .executableTarget(
            name: "harbormaster-bench",
            dependencies: ["AdmissionCore", "PolicyConfig", "Harness"],
            path: "bench/InProcess"
        ),

        .testTarget(
            name: "AdmissionCoreTests",
            dependencies: ["AdmissionCore"],
            exclude: ["Fixtures"]
        ),
        .testTarget(
            name: "PolicyConfigTests",
            dependencies: ["PolicyConfig", "AdmissionCore"],
            exclude: ["Fixtures"]
        ),
        .testTarget(
            name: "WebhookServerTests",
            dependencies: ["WebhookServer", "AdmissionCore", "harbormaster", .product(name: "Logging", package: "swift-log")],
            exclude: ["Fixtures"]
        ),
        .testTarget(
            name: "HarnessTests",
            dependencies: ["Harness", "PolicyConfig", "AdmissionCore", "harbormaster"],
            exclude: ["Fixtures"]
        ),
    ]
)
