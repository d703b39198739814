// A readable view of any file of a dedup work directory (DESIGN.md §5: every binary artefact
// has an inspect view): its kind, format version, parameters, counts and first records.
// The command line shows it; the layouts are described in DedupFileFormat.swift, SketchFile.swift,
// BandBuckets.swift, DedupDecisions.swift and DedupWorkDirectory.swift.
import QuarryCore
import QuarryIO

/// Describes dedup work-directory files.
public enum DedupInspect {
    /// A description of the file at `path`, with its first `records` records.
    public static func describe(path: String, records: Int = 10) throws -> String {
        let file = try MappedFile(path: path, randomAccess: true)
        guard file.bytes.count >= 8, let kind = DedupFileKind(rawValue: String(decoding: file.bytes[0..<8], as: UTF8.self)) else {
            throw InputError(file: path, "not a dedup work-directory file (unknown magic number)")
        }
        let bandEntrySize = { (p: DedupParameters) in p.method == .exact ? ExactEntry.byteSize : BandEntry.byteSize }
        let recordSize: (DedupParameters) -> Int
        var blob: (DedupFooter) -> UInt64 = { _ in 0 }
        switch kind {
        case .sketches: recordSize = SketchRecord.size; blob = { $0.b }
        case .band: recordSize = bandEntrySize
        case .pairs: recordSize = { _ in PairEntry.byteSize }
        case .decisions: recordSize = { _ in DecisionRecord.size }; blob = { $0.b }
        case .complete: recordSize = { _ in 4 }
        }
        let (params, number, footer) = try DedupFileFormat.check(file.bytes, path: path, kind: kind, expected: nil,
                                                                recordSize: recordSize, blobLength: blob)
        let base = file.bytes.baseAddress! + DedupFileKind.headerSize
        let size = recordSize(params)
        var lines = ["\(path): \(kind.rawValue) format version \(DedupFileKind.version)", "parameters: \(params)"]
        let shown = min(records, Int(footer.count))
        switch kind {
        case .sketches:
            lines.append("sketches of task \(number): \(footer.count) documents of \(size) bytes, ids \(footer.b) bytes")
            let blobStart = base + Int(footer.count) * size
            for i in 0..<shown {
                let r = base + i * size
                let id = String(decoding: UnsafeRawBufferPointer(start: blobStart + Int(r.le64(16)), count: Int(r.le32(24))), as: UTF8.self)
                let words = (0..<min(3, params.sketchWidth)).map { StableHashHex.hex(r.le64(SketchRecord.fixedSize + 8 * $0)) }
                let has = r.le32(28) & SketchRecord.hasSketchFlag != 0
                lines.append("  \(CorpusKey(rawValue: r.le64(0))) id \(id) prefer \(Double(bitPattern: r.le64(8))) "
                             + (has ? "sketch \(words.joined(separator: " ")) …" : "no sketch"))
            }
        case .band:
            lines.append("band \(number): \(footer.count) entries over \(footer.a) documents (sketches fingerprint \(StableHashHex.hex(footer.b)))")
            for i in 0..<shown {
                let r = base + i * size
                if params.method == .exact {
                    let e = ExactEntry(loadingFrom: r)
                    lines.append("  \(StableHashHex.hex(e.high))\(StableHashHex.hex(e.low)) document \(e.document)")
                } else {
                    let e = BandEntry(loadingFrom: r)
                    lines.append("  \(StableHashHex.hex(e.hash)) document \(e.document)")
                }
            }
        case .pairs:
            lines.append("pairs of band \(number): \(footer.count) candidate pairs over \(footer.a) documents; sort peak "
                         + "\(file.bytes.baseAddress!.le64(56)) bytes")
            for i in 0..<shown {
                let e = PairEntry(loadingFrom: base + i * size)
                lines.append("  \(e.first) ~ \(e.second)")
            }
        case .decisions:
            lines.append("decisions of task \(number): \(footer.count) documents in clusters of two or more")
            let table = try TaskDecisions.read(path: path, parameters: params, task: number)
            for i in 0..<shown {
                let d = table.decisions[i]
                lines.append("  \(CorpusKey(rawValue: table.keys[i])) cluster of \(d.clusterSize): "
                             + (d.representative.map { "duplicate of \($0)" } ?? "kept"))
            }
        case .complete:
            lines.append("complete index over \(footer.a) documents of \(footer.count) tasks")
            lines.append("  tasks: " + (0..<shown).map { String(base.le32($0 * 4)) }.joined(separator: " ")
                         + (footer.count > UInt64(shown) ? " …" : ""))
        }
        if Int(footer.count) > shown, kind != .complete { lines.append("  … \(Int(footer.count) - shown) more") }
        return lines.joined(separator: "\n")
    }
}

/// 16 lowercase hex digits.
enum StableHashHex {
    static func hex(_ v: UInt64) -> String {
        let digits = String(v, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }
}
