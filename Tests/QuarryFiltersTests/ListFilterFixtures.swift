// Loading the golden fixtures of the list filters (c4_badwords_v1, url_filter_v1) from
// Fixtures/ beside this file; how they were made: Fixtures/README.md.
import Foundation

enum ListFilterFixtures {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Fixtures")

    /// Path of a fixture file.
    static func path(_ name: String) -> String { directory.appendingPathComponent(name).path }

    /// The JSON lines of a fixture, decoded; empty when the file is missing (the tests then
    /// fail on their count checks, not here).
    static func lines<T: Decodable>(_ name: String, as type: T.Type) -> [T] {
        guard let data = try? Data(contentsOf: directory.appendingPathComponent(name)) else { return [] }
        let decoder = JSONDecoder()
        return data.split(separator: UInt8(ascii: "\n")).compactMap { try? decoder.decode(T.self, from: Data($0)) }
    }
}
