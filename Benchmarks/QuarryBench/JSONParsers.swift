// `quarry-bench json-parsers`: the measurement behind the choice of JSON parser (issue #2):
// parse every line of the inputs into a document with Quarry's byte-level parser, with
// Foundation's JSONSerialization, and with Foundation's JSONDecoder into a Codable struct.
// Inputs are decompressed into memory first; only parsing is timed (CPU seconds).
import Foundation
import QuarryCore
import QuarryIO

struct CodableDocument: Decodable {
    var id: String
    var text: String
    var url: String?
    var source: String?
}

func benchmarkJSONParsers(files: [String], textKey: String) throws {
    var lines: [[UInt8]] = []
    for file in files {
        let source = try Compression.auto.openSource(path: file)
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 1 << 20)
        while case .bytes(let n) = try buffer.withUnsafeMutableBytes({ try source.read(into: $0) }) { bytes += buffer[0..<n] }
        lines += bytes.split(separator: 0x0A).map(Array.init)
    }
    let megabytes = Double(lines.reduce(0) { $0 + $1.count + 1 }) / 1e6
    let documentFormat = JSONLDocumentFormat(textKey: textKey)
    let scratch = ByteBuffer()

    let (quarryCount, quarrySeconds) = measure { () -> Int in
        var n = 0
        for line in lines {
            var replacements = 0, conflicts = 0
            let document = line.withUnsafeBufferPointer {
                try? documentFormat.decode($0, scratch: scratch, defaultID: "", replacements: &replacements, conflicts: &conflicts)
            }
            if document != nil { n += 1 }
        }
        return n
    }
    let datas = lines.map { Data($0) }
    let (serializationCount, serializationSeconds) = measure { () -> Int in
        var n = 0
        for data in datas where (try? JSONSerialization.jsonObject(with: data)) != nil { n += 1 }
        return n
    }
    let decoder = JSONDecoder()
    struct Keyed: Decodable {
        var document: CodableDocument
        init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: AnyKey.self)
            document = CodableDocument(id: try c.decode(String.self, forKey: AnyKey("id")),
                                       text: try c.decode(String.self, forKey: AnyKey(textKeyForDecoding)),
                                       url: try c.decodeIfPresent(String.self, forKey: AnyKey("url")),
                                       source: try c.decodeIfPresent(String.self, forKey: AnyKey("source")))
        }
    }
    textKeyForDecoding = textKey
    let (decoderCount, decoderSeconds) = measure { () -> Int in
        var n = 0
        for data in datas where (try? decoder.decode(Keyed.self, from: data)) != nil { n += 1 }
        return n
    }
    print("JSON parsers: \(lines.count) lines, \(format(megabytes)) MB (parsed: quarry \(quarryCount), JSONSerialization \(serializationCount), JSONDecoder \(decoderCount))")
    printRow("quarry byte-level parser", megabytes: megabytes, seconds: quarrySeconds)
    printRow("Foundation JSONSerialization", megabytes: megabytes, seconds: serializationSeconds)
    printRow("Foundation JSONDecoder (Codable)", megabytes: megabytes, seconds: decoderSeconds)
}

nonisolated(unsafe) var textKeyForDecoding = "text"

struct AnyKey: CodingKey {
    var stringValue: String
    var intValue: Int? { nil }
    init(_ string: String) { stringValue = string }
    init?(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
}
