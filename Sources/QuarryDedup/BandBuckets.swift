// Phase 2 of a dedup stage: per band, every document's band hash sorted with its dense number
// (ExternalSorter, within the memory budget), the sorted entries written as the band's index
// file, and candidate pairs emitted where consecutive entries share a hash: (first of the
// group, each other member), as datatrove's MinhashDedupBuckets pairs a bucket's documents
// (datatrove 0.10.1 src/datatrove/pipeline/dedup/minhash.py; our own code and format). Exact
// dedup is the same with one "band": the 128-bit text hash.
//
// Files (DedupFileFormat.swift for header and footer; number = band):
//   index/band-BB.idx    magic QDBANDIX, entries sorted by (hash, document): 12 bytes for
//                        MinHash (hash u64, document u32), 20 for exact (high u64, low u64,
//                        document u32); footer (entries, documents indexed, catalog fingerprint)
//   pairs/band-BB.pairs  magic QDPAIRS_, pairs (first u32, second u32) in emission order; header
//                        extra: the sort's peak memory in bytes; footer as the band file's
// A band's pair file commits first, then its band file: a band whose band file exists is done
// and a resumed run skips it. With `against`, each earlier index's band file is merged with the
// new sorted stream: a new document whose hash equals an old one's pairs with the old group's
// first document, whose dense number follows all new documents.
#if canImport(Glibc)
import Glibc
#endif
import Dispatch
import QuarryCore
import QuarryIO

/// An earlier run's index used by `against`: its sketches, and where its documents' dense numbers start.
struct OldIndex: Sendable {
    let directory: String
    let catalog: SketchCatalog
    let base: Int
}

/// What phase 2 measured.
struct BucketReport {
    var bandsBuilt = 0
    var bandsSkipped = 0
    var peakBytes = 0
}

enum BandBuckets {
    /// Bands of an index made with `parameters`.
    static func bandCount(_ parameters: DedupParameters) -> Int {
        parameters.method == .exact ? 1 : parameters.bands
    }

    /// Builds this job's share of the bands (b % worldSize == rank), `workers` at a time.
    static func build(_ context: CorpusIndexContext, catalog: SketchCatalog, old: [OldIndex]) throws -> BucketReport {
        let params = catalog.parameters
        let mine = (0..<bandCount(params)).filter { $0 % max(1, context.worldSize) == context.rank }
        var todo: [Int] = []
        var report = BucketReport()
        for band in mine {
            if try isBuilt(context.directory, band: band, catalog: catalog) {
                report.bandsSkipped += 1
            } else {
                todo.append(band)
            }
        }
        guard !todo.isEmpty else { return report }
        let threads = max(1, min(context.workers, todo.count))
        // Three quarters of the budget go to the sorts, split between the threads; the rest
        // covers read buffers and the rest of the process.
        let perThread = max(1 << 16, context.memoryBytes / 4 * 3 / threads)
        let shared = BandQueue(bands: todo, threads: threads)
        DispatchQueue.concurrentPerform(iterations: threads) { thread in
            while let band = shared.take() {
                do {
                    context.log("dedup: band \(band) of \(bandCount(params))")
                    let peak = try buildBand(band, directory: context.directory, catalog: catalog, old: old, memoryBytes: perThread)
                    shared.record(peak: peak, thread: thread)
                    Failpoint.hit("dedup.buckets")
                } catch {
                    shared.fail(error)
                    return
                }
            }
        }
        if let failure = shared.failure { throw failure }
        report.bandsBuilt = todo.count
        report.peakBytes = shared.peaks.reduce(0, +)
        return report
    }

    /// Whether band `band` is committed for these sketches; a band built over other sketches
    /// is an error (the work directory belongs to another run).
    static func isBuilt(_ directory: String, band: Int, catalog: SketchCatalog) throws -> Bool {
        let path = DedupWorkDirectory.bandPath(directory, band: band)
        guard FileInfo.exists(path), FileInfo.exists(DedupWorkDirectory.pairsPath(directory, band: band)) else { return false }
        let footer = try checkBandFile(path, parameters: catalog.parameters, band: band)
        guard footer.a == UInt64(catalog.total), footer.b == catalog.fingerprint else {
            throw InputError(file: path, "was built over other sketches than this run's; run again with --fresh")
        }
        return true
    }

    /// Checks a band file's header and footer.
    static func checkBandFile(_ path: String, parameters: DedupParameters, band: Int, indexOnly: Bool = false) throws -> DedupFooter {
        let entrySize = parameters.method == .exact ? ExactEntry.byteSize : BandEntry.byteSize
        let checked = try DedupFileFormat.checkFile(path, kind: .band, expected: parameters, indexOnly: indexOnly,
                                                    recordSize: { _ in entrySize })
        guard checked.number == band else { throw InputError(file: path, "holds band \(checked.number), not \(band)") }
        return checked.footer
    }

    /// Sorts one band and writes its band and pair files; returns the sort's peak memory.
    static func buildBand(_ band: Int, directory: String, catalog: SketchCatalog, old: [OldIndex], memoryBytes: Int) throws -> Int {
        switch catalog.parameters.method {
        case .minhash:
            return try buildBand(band, directory: directory, catalog: catalog, old: old, memoryBytes: memoryBytes) { words, dense in
                BandEntry(hash: words.le64(8 * band), document: dense)
            }
        case .exact:
            return try buildBand(band, directory: directory, catalog: catalog, old: old, memoryBytes: memoryBytes) { words, dense in
                ExactEntry(high: words.le64(8), low: words.le64(0), document: dense)
            }
        }
    }

    private static func buildBand<R: SortRecord>(_ band: Int, directory: String, catalog: SketchCatalog, old: [OldIndex],
                                                 memoryBytes: Int,
                                                 entry: (UnsafeRawPointer, UInt32) -> R) throws -> Int {
        let params = catalog.parameters
        let bandPath = DedupWorkDirectory.bandPath(directory, band: band)
        let pairsPath = DedupWorkDirectory.pairsPath(directory, band: band)
        let stem = "band-\(DedupWorkDirectory.padded(band, 2))"
        // "band-10." and not "band-10": band 100's files are another thread's.
        DedupWorkDirectory.removeTemporaries(in: "\(directory)/index", prefix: stem + ".")
        DedupWorkDirectory.removeTemporaries(in: "\(directory)/pairs", prefix: stem + ".")
        unlink(bandPath)

        let sorter = ExternalSorter<R>(memoryBytes: memoryBytes, runPrefix: "\(directory)/index/\(stem)")
        for t in catalog.tasks.indices {
            try catalog.forEachRecord(task: t) { dense, record in
                guard record.le32(28) & SketchRecord.hasSketchFlag != 0 else { return }
                try sorter.add(entry(record + SketchRecord.fixedSize, UInt32(dense)))
            }
        }

        // Earlier indexes, read in step with the new entries.
        var olds: [(reader: RunReader<R>, head: R?, base: UInt32)] = []
        for index in old {
            let path = DedupWorkDirectory.bandPath(index.directory, band: band)
            let footer = try checkBandFile(path, parameters: index.catalog.parameters, band: band)
            let reader = try RunReader<R>(path: path, count: Int(footer.count), bufferBytes: 1 << 16,
                                          offset: Int64(DedupFileKind.headerSize))
            olds.append((reader, try reader.next(), UInt32(index.base)))
        }

        let bandOut = try BinaryOut(path: bandPath)
        let pairsOut = try BinaryOut(path: pairsPath)
        var entries: UInt64 = 0
        var pairs: UInt64 = 0
        var previous: R?
        var groupFirst: UInt32 = 0
        do {
            try bandOut.bytes(DedupFileFormat.header(.band, parameters: params, number: band))
            // The pair file's header keeps the peak of the sort's buffer (the merge that
            // follows reads its runs within the same budget).
            try pairsOut.bytes(DedupFileFormat.header(.pairs, parameters: params, number: band, extra: UInt64(sorter.peakBytes)))
            try sorter.finish { r in
                try bandOut.record(r)
                entries += 1
                if let p = previous, p.hasSameKey(as: r) {
                    try pairsOut.u32(groupFirst)
                    try pairsOut.u32(r.document)
                    pairs += 1
                } else {
                    groupFirst = r.document
                }
                previous = r
                for i in olds.indices {
                    while let head = olds[i].head, head.keyPrecedes(r) { olds[i].head = try olds[i].reader.next() }
                    if let head = olds[i].head, head.hasSameKey(as: r) {
                        try pairsOut.u32(r.document)
                        try pairsOut.u32(olds[i].base + head.document)
                        pairs += 1
                    }
                }
            }
            let footer = DedupFooter(count: 0, a: UInt64(catalog.total), b: catalog.fingerprint)
            try pairsOut.bytes(DedupFileFormat.footer(.pairs, DedupFooter(count: pairs, a: footer.a, b: footer.b)))
            try bandOut.bytes(DedupFileFormat.footer(.band, DedupFooter(count: entries, a: footer.a, b: footer.b)))
            try pairsOut.commit()
            try bandOut.commit()
        } catch {
            pairsOut.abort()
            bandOut.abort()
            throw error
        }
        return sorter.peakBytes
    }
}

/// The bands still to build, handed to worker threads one at a time.
private final class BandQueue: @unchecked Sendable {
    private let lock = DedupLock()
    private let bands: [Int]
    private var next = 0
    private(set) var failure: Error?
    private(set) var peaks: [Int]

    init(bands: [Int], threads: Int) {
        self.bands = bands
        peaks = Array(repeating: 0, count: threads)
    }

    func take() -> Int? {
        lock.locked {
            guard failure == nil, next < bands.count else { return nil }
            next += 1
            return bands[next - 1]
        }
    }

    func record(peak: Int, thread: Int) { lock.locked { peaks[thread] = max(peaks[thread], peak) } }
    func fail(_ error: Error) { lock.locked { if failure == nil { failure = error } } }
}
