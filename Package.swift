// swift-tools-version:6.0
// Quarry: LLM training-data preparation in one Swift binary. Module layout and dependency rules:
// DESIGN.md §2. QuarryCore knows no I/O; stage libraries never import each other; QuarryPipeline
// is the only module that knows every stage; each C library enters through one system-library
// target and one owning Swift file.
import PackageDescription

let package = Package(
    name: "Quarry",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "quarry", targets: ["quarry"]),
        .library(name: "QuarryCore", targets: ["QuarryCore"]),
        .library(name: "QuarryPipeline", targets: ["QuarryPipeline"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-collections", from: "1.6.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
    ],
    targets: [
        // Executable: a few lines over QuarryCLI.
        .executableTarget(name: "quarry", dependencies: ["QuarryCLI"]),
        .target(name: "QuarryCLI", dependencies: [
            "QuarryCore", "QuarryPipeline", "QuarryStats", "QuarryClassify", "QuarryTokenizer", "QuarryShards", "QuarryText", "QuarryIO",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),
        .target(name: "QuarryPipeline", dependencies: [
            "QuarryCore", "QuarryIO", "QuarryText", "QuarryFilters", "QuarryHTML", "QuarryDedup", "QuarryPII", "QuarryClassify", "QuarryStats", "QuarryTokenizer", "QuarryShards", "CSQLite3",
            .product(name: "Yams", package: "Yams"),
            .product(name: "Logging", package: "swift-log"),
        ]),

        // The model every stage shares. No C, no I/O, no YAML.
        .target(name: "QuarryCore", dependencies: [
            .product(name: "OrderedCollections", package: "swift-collections"),
        ]),

        // Stage libraries: depend on QuarryCore (and QuarryText / QuarryIO), never on each other.
        .target(name: "QuarryIO", dependencies: ["QuarryCore", "QuarryText", "CZstd", "CZlib", "CBzip2"]),
        .target(name: "QuarryText", dependencies: ["QuarryCore", "CICU", "COpenCC"]),
        .target(name: "QuarryFilters", dependencies: ["QuarryCore", "QuarryText"], exclude: ["Wordlists"]),
        .target(name: "QuarryHTML", dependencies: ["QuarryCore", "QuarryText", "QuarryIO", "CLibXML2"]),
        .target(name: "QuarryDedup", dependencies: ["QuarryCore", "QuarryText", "QuarryIO"]),
        .target(name: "QuarryStats", dependencies: ["QuarryCore", "QuarryIO"]),
        .target(name: "QuarryPII", dependencies: ["QuarryCore"]),
        .target(name: "QuarryClassify", dependencies: ["QuarryCore", "CLanguageID"]),
        .target(name: "QuarryTokenizer", dependencies: ["QuarryCore", "QuarryText"]),
        .target(name: "QuarryShards", dependencies: ["QuarryCore", "QuarryText", "QuarryIO"]),

        // C libraries: one system-library target each (module.modulemap + shim.h).
        .systemLibrary(name: "CZstd", pkgConfig: "libzstd", providers: [.apt(["libzstd-dev"])]),
        .systemLibrary(name: "CZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),
        .systemLibrary(name: "CBzip2", providers: [.apt(["libbz2-dev"])]),
        .systemLibrary(name: "CLibXML2", pkgConfig: "libxml-2.0", providers: [.apt(["libxml2-dev"])]),
        .systemLibrary(name: "CSQLite3", pkgConfig: "sqlite3", providers: [.apt(["libsqlite3-dev"])]),
        // OpenCC (Traditional <-> Simplified Chinese); its config and dictionary files come with
        // Debian's libopencc-data in /usr/share/opencc.
        .systemLibrary(name: "COpenCC", pkgConfig: "opencc", providers: [.apt(["libopencc-dev"])]),
        // ICU through a small C target whose header uses only <stdint.h> types: ICU's own
        // headers clash with Foundation's bundled ICU in any Swift file importing both.
        // The built-in language-ID model, embedded with C23 #embed (lid.ftz is not a source).
        .target(name: "CLanguageID", exclude: ["lid.ftz"]),
        .target(name: "CICU", linkerSettings: [.linkedLibrary("icuuc"), .linkedLibrary("icudata")]),

        // Benchmarks live apart from tests: `make bench`, never `swift test`.
        .executableTarget(name: "quarry-bench", dependencies: ["QuarryCore", "QuarryIO", "QuarryText", "QuarryHTML", "QuarryDedup", "QuarryPII", "QuarryClassify", "QuarryTokenizer", "QuarryShards"],
                          path: "Benchmarks/QuarryBench"),

        .target(name: "QuarryTestSupport", path: "Tests/QuarryTestSupport"),
        .testTarget(name: "QuarryCoreTests", dependencies: ["QuarryCore", "QuarryTestSupport"]),
        .testTarget(name: "QuarryIOTests", dependencies: ["QuarryIO", "QuarryCore", "QuarryTestSupport"],
                    exclude: ["Fixtures"]),
        .testTarget(name: "QuarryTextTests", dependencies: ["QuarryText", "QuarryTestSupport"], exclude: ["Fixtures"]),
        .testTarget(name: "QuarryFiltersTests", dependencies: ["QuarryFilters", "QuarryCore", "QuarryText", "QuarryTestSupport"],
                    exclude: ["Fixtures"]),
        .testTarget(name: "QuarryHTMLTests", dependencies: ["QuarryHTML", "QuarryCore", "QuarryIO", "QuarryTestSupport"],
                    exclude: ["Fixtures"]),
        .testTarget(name: "QuarryDedupTests", dependencies: ["QuarryDedup", "QuarryCore", "QuarryText", "QuarryIO", "QuarryTestSupport"], exclude: ["Fixtures"]),
        .testTarget(name: "QuarryPIITests", dependencies: ["QuarryPII", "QuarryCore", "QuarryTestSupport"], exclude: ["Fixtures"]),
        .testTarget(name: "QuarryClassifyTests", dependencies: ["QuarryClassify", "QuarryCore", "QuarryTestSupport"], exclude: ["Fixtures"]),
        .testTarget(name: "QuarryTokenizerTests", dependencies: ["QuarryTokenizer", "QuarryCore", "QuarryText", "QuarryTestSupport"], exclude: ["Fixtures"]),
        .testTarget(name: "QuarryShardsTests", dependencies: ["QuarryShards", "QuarryCore", "QuarryTestSupport"], exclude: ["Fixtures"]),
        .testTarget(name: "QuarryStatsTests", dependencies: ["QuarryStats", "QuarryCore"]),
        .testTarget(name: "QuarryPipelineTests",
                    dependencies: ["QuarryPipeline", "QuarryCore", "QuarryIO", "QuarryStats", "QuarryTestSupport"]),
        .testTarget(name: "EndToEndTests", dependencies: ["quarry", "QuarryIO", "QuarryCore", "QuarryText", "QuarryFilters", "QuarryDedup", "QuarryPII", "QuarryTestSupport"],
                    exclude: ["Fixtures"]),
    ]
)
