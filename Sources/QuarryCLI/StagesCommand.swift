// `quarry stages`: every reader, stage and writer with its summary and options (type,
// default, what it does), from the registry; `--json` for machines.
import ArgumentParser
import QuarryCore
import QuarryIO
import QuarryPipeline

struct StagesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stages",
        abstract: "List the readers, stages and writers a pipeline can use, with their options.")

    @Argument(help: "Only these ids.")
    var ids: [String] = []

    @Flag(name: .long, help: "Print JSON.")
    var json = false

    func run() throws {
        var components = StageRegistry.builtin().all
        if !ids.isEmpty {
            let unknown = ids.filter { id in !components.contains { $0.id.rawValue == id } }
            if let first = unknown.first { throw ConfigError("unknown id '\(first)'; `quarry stages` lists them all") }
            components = components.filter { ids.contains($0.id.rawValue) }
        }
        if json {
            let value = JSONValue.array(components.map { c in
                [
                    "id": .string(c.id.rawValue), "kind": .string(c.kind.rawValue), "summary": .string(c.summary),
                    "file_extensions": .array(c.fileExtensions.map { .string($0) }),
                    "options": .array(c.options.map { o in
                        ["name": .string(o.name), "type": .string(o.type), "default": .string(o.defaultValue),
                         "required": .bool(o.isRequired), "doc": .string(o.doc)]
                    }),
                ]
            })
            print(JSONWriter.prettyText(of: value))
            return
        }
        for c in components {
            print("\(c.id)  (\(c.kind.rawValue))\n  \(c.summary)")
            if !c.fileExtensions.isEmpty { print("  files: \(c.fileExtensions.joined(separator: " "))") }
            for o in c.options {
                let value = o.isRequired ? "required" : "default \(o.defaultValue)"
                print("    \(o.name): \(o.type), \(value)\n        \(o.doc)")
            }
            print("")
        }
    }
}
