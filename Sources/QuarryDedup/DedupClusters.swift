// Phase 3 of a dedup stage: the candidate pairs of every band, streamed from the pair files,
// unite documents into clusters (UnionFind); with a threshold, a pair is united only when the
// estimated Jaccard similarity of the two full MinHash signatures (the fraction of equal
// values, Broder 1997) reaches it. Each cluster of two or more keeps one representative:
// a document of an earlier run's index (`against`) when the cluster has one, else the largest
// `prefer` value, and on ties or without one the earliest document (smallest CorpusKey).
// Each task then gets its decision file (DedupDecisions.swift), written atomically and
// skipped when a resumed run finds it; `summary.json` and the completion marker come last.
//
// Memory: 12 bytes per document (the union-find's two UInt32 arrays and the representative of
// each root, UInt32), 8 more with `prefer` (the best value per root), plus 64 KiB read buffers.
// Sketches are streamed; only the ids of representatives and, with a threshold, the signatures
// of candidate pairs are read one by one (pread), so no sketch file is held in memory.
import QuarryCore
import QuarryIO

/// What phase 3 measured, written to summary.json.
struct ClusterReport {
    var documents = 0
    var documentsWithoutSketch = 0
    var againstDocuments = 0
    var candidatePairs: UInt64 = 0
    var pairsVerified: UInt64 = 0
    var pairsRejected: UInt64 = 0
    var clusters = 0
    var duplicates = 0
    var largestCluster = 0
    var bucketPeakBytes = 0
    var clusterPeakBytes = 0
    var bytesOnDisk: Int64 = 0
}

enum DedupClusters {
    static let bytesPerDocument = UnionFind.bytesPerDocument + 4

    /// - Parameter usesPrefer: whether documents carry `prefer` values (then the best value of
    ///   each cluster is kept, 8 more bytes per document).
    static func build(_ context: CorpusIndexContext, catalog: SketchCatalog, old: [OldIndex], threshold: Double?,
                      usesPrefer: Bool) throws {
        let directory = context.directory
        let params = catalog.parameters
        let newCount = catalog.total
        let total = newCount + old.reduce(0) { $0 + $1.catalog.total }
        guard total < Int(UInt32.max) else {
            throw ConfigError("dedup: \(total) documents exceed the 32-bit document numbers of the index")
        }
        var report = ClusterReport()
        report.documents = newCount
        report.againstDocuments = total - newCount

        // Every band must be there (phase 2 may have run as several jobs).
        var pairFiles: [(path: String, count: Int)] = []
        for band in 0..<BandBuckets.bandCount(params) {
            guard try BandBuckets.isBuilt(directory, band: band, catalog: catalog) else {
                throw InputError(file: DedupWorkDirectory.bandPath(directory, band: band),
                                 "missing: phase 2 (buckets) is not complete for band \(band)")
            }
            let path = DedupWorkDirectory.pairsPath(directory, band: band)
            let checked = try DedupFileFormat.checkFile(path, kind: .pairs, expected: params, recordSize: { _ in PairEntry.byteSize })
            let footer = checked.footer
            guard footer.a == UInt64(newCount), footer.b == catalog.fingerprint else {
                throw InputError(file: path, "was built over other sketches than this run's; run again with --fresh")
            }
            report.bucketPeakBytes = max(report.bucketPeakBytes, Int(checked.extra))
            report.candidatePairs += footer.count
            pairFiles.append((path, Int(footer.count)))
        }

        func catalogOf(_ dense: Int) -> (SketchCatalog, Int) {
            if dense < newCount { return (catalog, dense) }
            var d = dense - newCount
            for index in old {
                if d < index.catalog.total { return (index.catalog, d) }
                d -= index.catalog.total
            }
            preconditionFailure("document \(dense) beyond the index")
        }

        if total * bytesPerDocument > context.memoryBytes {
            context.log("dedup: warning: clustering \(total) documents takes \(total * bytesPerDocument) bytes, "
                        + "more than the memory budget of \(context.memoryBytes)")
        }
        var clusters = UnionFind(count: total)
        let signatureLength = params.bands * params.rows
        var signatureA = [UInt64](repeating: 0, count: threshold == nil ? 0 : signatureLength)
        var signatureB = signatureA
        for (path, count) in pairFiles {
            let reader = try RunReader<PairEntry>(path: path, count: count, bufferBytes: 1 << 16, offset: Int64(DedupFileKind.headerSize))
            while let pair = try reader.next() {
                let a = Int(pair.first), b = Int(pair.second)
                guard a < total, b < total else { throw InputError(file: path, "damaged dedup file: document \(max(a, b)) of \(total)") }
                if clusters.find(a) == clusters.find(b) { continue }
                if let threshold {
                    report.pairsVerified += 1
                    let (ca, la) = catalogOf(a), (cb, lb) = catalogOf(b)
                    try signatureA.withUnsafeMutableBufferPointer { try ca.words(la, from: params.bands, into: $0) }
                    try signatureB.withUnsafeMutableBufferPointer { try cb.words(lb, from: params.bands, into: $0) }
                    var equal = 0
                    for i in 0..<signatureLength where signatureA[i] == signatureB[i] { equal += 1 }
                    if Double(equal) < threshold * Double(signatureLength) {
                        report.pairsRejected += 1
                        continue
                    }
                }
                clusters.union(a, b)
            }
        }

        // Representatives, iterating documents in dense order (new ones in key order first).
        var best = [UInt32](repeating: UInt32.max, count: total)
        // The prefer value of each root's best document, when prefer is used (reading it back
        // from the mapped sketches would touch their pages all over).
        var bestPrefer = [Double](repeating: .nan, count: usesPrefer ? total : 0)
        for t in catalog.tasks.indices {
            try catalog.forEachRecord(task: t) { dense, record in
                if record.le32(28) & SketchRecord.hasSketchFlag == 0 { report.documentsWithoutSketch += 1 }
                let root = clusters.find(dense)
                guard clusters.size(ofRoot: root) >= 2 else { return }
                let mine = usesPrefer ? Double(bitPattern: record.le64(8)) : .nan
                if best[root] == UInt32.max {
                    best[root] = UInt32(dense)
                    if usesPrefer { bestPrefer[root] = mine }
                    return
                }
                // Old documents come after every new one, so none is there yet.
                guard !mine.isNaN else { return }
                let theirs = bestPrefer[root]
                if theirs.isNaN || mine > theirs {
                    best[root] = UInt32(dense)
                    bestPrefer[root] = mine
                }
            }
        }
        for dense in newCount..<total {
            let root = clusters.find(dense)
            guard clusters.size(ofRoot: root) >= 2 else { continue }
            // The first old document of a cluster wins over every new one.
            if best[root] == UInt32.max || Int(best[root]) < newCount { best[root] = UInt32(dense) }
        }
        report.clusterPeakBytes = total * bytesPerDocument + bestPrefer.count * 8
        bestPrefer = []

        // Decision files, one per task.
        var ids: [Int: String] = [:]
        func id(_ dense: Int) throws -> String {
            if let known = ids[dense] { return known }
            let (c, local) = catalogOf(dense)
            let value = try c.id(local)
            if ids.count > 100_000 { ids.removeAll(keepingCapacity: true) }
            ids[dense] = value
            return value
        }
        for (t, task) in catalog.tasks.enumerated() {
            let path = DedupWorkDirectory.decisionsPath(directory, task: task)
            var done = false
            if FileInfo.exists(path) {
                _ = try TaskDecisions.read(path: path, parameters: params, task: task)
                done = true
            }
            let writer = done ? nil : try DecisionFileWriter(path: path, parameters: params, task: task)
            do {
                try catalog.forEachRecord(task: t) { dense, record in
                    let root = clusters.find(dense)
                    let size = clusters.size(ofRoot: root)
                    guard size >= 2 else { return }
                    let representative = Int(best[root])
                    if representative == dense {
                        try writer?.append(key: record.le64(0), clusterSize: size, representative: nil)
                    } else {
                        report.duplicates += 1
                        try writer?.append(key: record.le64(0), clusterSize: size, representative: try id(representative))
                    }
                }
                try writer?.commit()
            } catch {
                writer?.abort()
                throw error
            }
            if writer != nil { Failpoint.hit("dedup.clusters") }
        }
        for dense in 0..<total {
            let root = clusters.find(dense)
            if root == dense {
                let size = clusters.size(ofRoot: root)
                if size >= 2 {
                    report.clusters += 1
                    report.largestCluster = max(report.largestCluster, size)
                }
            }
        }

        report.bytesOnDisk = catalog.bytesOnDisk + directoryBytes(directory, params: params, tasks: catalog.tasks)
        try writeSummary(report, directory: directory, params: params, threshold: threshold)
        try DedupWorkDirectory.writeComplete(directory, parameters: params, catalog: catalog)
        context.log("dedup: \(report.clusters) clusters, \(report.duplicates) duplicates of \(report.documents) documents")
    }

    /// Bytes of the band, pair and decision files.
    static func directoryBytes(_ directory: String, params: DedupParameters, tasks: [Int]) -> Int64 {
        var bytes: Int64 = 0
        for band in 0..<BandBuckets.bandCount(params) {
            bytes += FileInfo.size(of: DedupWorkDirectory.bandPath(directory, band: band)) ?? 0
            bytes += FileInfo.size(of: DedupWorkDirectory.pairsPath(directory, band: band)) ?? 0
        }
        for task in tasks { bytes += FileInfo.size(of: DedupWorkDirectory.decisionsPath(directory, task: task)) ?? 0 }
        return bytes
    }

    static func writeSummary(_ r: ClusterReport, directory: String, params: DedupParameters, threshold: Double?) throws {
        var object = JSONObject()
        object["format"] = .string("quarry-dedup-summary-v1")
        object["parameters"] = .string(params.description)
        object["hashes"] = .string(params.method == .exact
            ? "text: XXH3-128 seed 0 of the normalized UTF-8 bytes"
            : "shingles: XXH3-64 seed 0; permutations (a*x+b) mod 2^61-1 from SplitMix64(seed); bands: XXH3-64 seed 0 of the rows' little-endian bytes")
        object["threshold"] = threshold.map { .double($0) } ?? .null
        object["documents"] = .int(r.documents)
        object["documents_without_sketch"] = .int(r.documentsWithoutSketch)
        object["against_documents"] = .int(r.againstDocuments)
        object["candidate_pairs"] = .int(Int(r.candidatePairs))
        object["pairs_verified"] = .int(Int(r.pairsVerified))
        object["pairs_rejected"] = .int(Int(r.pairsRejected))
        object["clusters"] = .int(r.clusters)
        object["duplicates"] = .int(r.duplicates)
        object["largest_cluster"] = .int(r.largestCluster)
        object["bytes_on_disk"] = .int(Int(r.bytesOnDisk))
        object["peak_memory_estimate_bytes"] = .int(max(r.bucketPeakBytes, r.clusterPeakBytes))
        object["bucket_sort_peak_bytes"] = .int(r.bucketPeakBytes)
        object["cluster_memory_bytes"] = .int(r.clusterPeakBytes)
        let out = try BinaryOut(path: DedupWorkDirectory.summaryPath(directory))
        try out.bytes(Array((JSONWriter.prettyText(of: .object(object)) + "\n").utf8))
        try out.commit()
    }
}
