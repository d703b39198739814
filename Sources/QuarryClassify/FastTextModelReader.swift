// Reads a fastText supervised model (`.bin`, or quantized `.ftz`) from its bytes, with the
// layout `FastText::loadModel` reads (facebookresearch/fastText src/fasttext.cc, args.cc,
// dictionary.cc, densematrix.cc, quantmatrix.cc, productquantizer.cc @1142dc4): magic and
// version, 12 int32 args and a float64, the dictionary (entries, then the pruned-bucket map),
// the input matrix (dense or product-quantized) and the output matrix. Little-endian throughout.
//
// Stricter than fastText, never looser: every size is checked against the bytes that remain
// before anything is allocated, every index the predictor will use is checked against the
// matrix it points into, and the file must end where the model ends. Each problem is an
// `InputError` naming the byte offset where the bad field starts. Word-vector models (cbow,
// skipgram) are refused with a message saying so.
import Foundation
import QuarryCore

public enum FastTextModelReader {
    /// Reads the model at `path` (the file is memory-mapped when the system allows it).
    public static func read(path: String) throws -> FastTextModel {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path), options: .mappedIfSafe)
        } catch {
            throw InputError(file: path, "cannot read the fastText model: \(error.localizedDescription)")
        }
        return try data.withUnsafeBytes { try read(bytes: $0, name: path) }
    }

    /// Reads a model from its bytes; `name` is the file named in errors.
    public static func read(bytes: UnsafeRawBufferPointer, name: String) throws -> FastTextModel {
        var cursor = ModelCursor(bytes: bytes, name: name)
        let magic = try cursor.int32("magic number")
        guard magic == FastTextModel.magic else {
            throw cursor.error(at: 0, "not a fastText model (magic number \(magic), expected \(FastTextModel.magic))")
        }
        let version = try cursor.int32("version")
        guard version >= 0 && version <= FastTextModel.currentVersion else {
            throw cursor.error(at: 4, "fastText file format version \(version) is not supported (at most \(FastTextModel.currentVersion))")
        }
        var args = try readArgs(&cursor)
        // fastText 11 supervised models had no character n-grams (`FastText::loadModel`).
        if version == 11 && args.model == .supervised { args.maxn = 0 }

        let stored = try readDictionary(&cursor, args: args)
        let pruned = stored.pruneIndex != nil

        let quantFlagAt = cursor.offset
        let quantInput = try cursor.bool("quant_input flag")
        if !quantInput && pruned {
            throw cursor.error(at: quantFlagAt, "the dictionary is pruned but the input matrix is not quantized (fastText: Invalid model file)")
        }
        let inputAt = cursor.offset
        let input = try readMatrix(&cursor, quantized: quantInput, dim: args.dim, what: "input matrix")
        let expectedRows = stored.nwords + (stored.pruneIndex?.count ?? Int(args.bucket))
        guard input.rows == expectedRows else {
            throw cursor.error(at: inputAt, "input matrix has \(input.rows) rows, the dictionary needs \(expectedRows) (\(stored.nwords) words + \(pruned ? "kept n-grams" : "buckets"))")
        }

        let qoutAt = cursor.offset
        let qout = try cursor.bool("qout flag")
        if qout && !quantInput {
            throw cursor.error(at: qoutAt, "qout flag set on a model whose input matrix is not quantized")
        }
        let outputAt = cursor.offset
        let output = try readMatrix(&cursor, quantized: qout, dim: args.dim, what: "output matrix")
        guard output.rows == stored.entries.count - stored.nwords else {
            throw cursor.error(at: outputAt, "output matrix has \(output.rows) rows for \(stored.entries.count - stored.nwords) labels")
        }
        guard cursor.remaining == 0 else {
            throw cursor.error(at: cursor.offset, "\(cursor.remaining) bytes after the end of the model")
        }
        // Built last, once every size is known to be consistent.
        let dictionary = FastTextDictionary(entries: stored.entries, ntokens: stored.ntokens, pruneIndex: stored.pruneIndex, args: args)
        for (i, entry) in stored.entries.enumerated() {
            let id = entry.word.withUnsafeBufferPointer { dictionary.id(of: $0) }
            if id != Int32(i) {
                throw cursor.error(at: stored.entryOffsets[i], "dictionary entry \(i) (\(String(decoding: entry.word, as: UTF8.self))) appears twice")
            }
        }
        return FastTextModel(version: version, args: args, dictionary: dictionary, input: input, output: output)
    }

    static func readArgs(_ cursor: inout ModelCursor) throws -> FastTextArgs {
        var args = FastTextArgs()
        let dimAt = cursor.offset
        args.dim = try cursor.int32("dim")
        // 1...1<<20: far above any real model (fastText uses 10...300), small enough that
        // dim-sized scratch vectors can never be a problem.
        guard args.dim > 0 && args.dim <= 1 << 20 else { throw cursor.error(at: dimAt, "dim \(args.dim) is out of range") }
        args.ws = try cursor.int32("ws")
        args.epoch = try cursor.int32("epoch")
        args.minCount = try cursor.int32("minCount")
        args.neg = try cursor.int32("neg")
        let ngramsAt = cursor.offset
        args.wordNgrams = try cursor.int32("wordNgrams")
        guard args.wordNgrams >= 0 else { throw cursor.error(at: ngramsAt, "wordNgrams \(args.wordNgrams) is negative") }
        let lossAt = cursor.offset
        let loss = try cursor.int32("loss")
        guard let lossKind = FastTextLoss(rawValue: loss) else { throw cursor.error(at: lossAt, "unknown loss \(loss)") }
        args.loss = lossKind
        let modelAt = cursor.offset
        let model = try cursor.int32("model")
        guard let modelKind = FastTextModelKind(rawValue: model) else { throw cursor.error(at: modelAt, "unknown model kind \(model)") }
        guard modelKind == .supervised else {
            throw cursor.error(at: modelAt, "this is a word-vector model (\(modelKind == .cbow ? "cbow" : "skipgram")); Quarry reads supervised (classifier) models only")
        }
        args.model = modelKind
        let bucketAt = cursor.offset
        args.bucket = try cursor.int32("bucket")
        // 0...2^26 buckets: fastText's default is 2 000 000 and large models use 10 000 000; the
        // bound keeps a damaged field from asking for gigabytes of bucket table.
        guard args.bucket >= 0 && args.bucket <= 1 << 26 else { throw cursor.error(at: bucketAt, "bucket \(args.bucket) is out of range") }
        args.minn = try cursor.int32("minn")
        let maxnAt = cursor.offset
        args.maxn = try cursor.int32("maxn")
        if args.maxn > 0 && args.bucket == 0 {
            throw cursor.error(at: maxnAt, "character n-grams (maxn \(args.maxn)) with no buckets")
        }
        args.lrUpdateRate = try cursor.int32("lrUpdateRate")
        args.t = try cursor.float64("t")
        return args
    }

    /// The dictionary as stored, before its lookup tables are built.
    struct StoredDictionary {
        var entries: [FastTextDictionary.Entry] = []
        var entryOffsets: [Int] = []
        var nwords = 0
        var ntokens: Int64 = 0
        var pruneIndex: [Int32: Int32]?
    }

    static func readDictionary(_ cursor: inout ModelCursor, args: FastTextArgs) throws -> StoredDictionary {
        let sizeAt = cursor.offset
        let size = try cursor.int32("dictionary size")
        let nwords = try cursor.int32("nwords")
        let nlabels = try cursor.int32("nlabels")
        guard size >= 0, nwords >= 0, nlabels >= 0, Int(nwords) + Int(nlabels) == Int(size) else {
            throw cursor.error(at: sizeAt, "dictionary sizes do not add up (size \(size), nwords \(nwords), nlabels \(nlabels))")
        }
        guard nlabels > 0 else { throw cursor.error(at: sizeAt + 8, "the model has no labels") }
        let ntokens = try cursor.int64("ntokens")
        let pruneAt = cursor.offset
        let pruneSize = try cursor.int64("pruneidx_size")
        guard pruneSize >= -1 else { throw cursor.error(at: pruneAt, "pruneidx_size \(pruneSize) is below -1") }
        // Each entry takes at least 10 bytes (NUL, int64 count, int8 type).
        guard Int(size) <= cursor.remaining / 10 else {
            throw cursor.error(at: sizeAt, "\(size) dictionary entries cannot fit in the \(cursor.remaining) bytes left")
        }
        var entries = [FastTextDictionary.Entry]()
        var entryOffsets = [Int]()
        entries.reserveCapacity(Int(size))
        for i in 0..<Int(size) {
            let entryAt = cursor.offset
            entryOffsets.append(entryAt)
            let word = try cursor.cString("dictionary entry \(i)")
            let countAt = cursor.offset
            let count = try cursor.int64("count of entry \(i)")
            guard count >= 0 else { throw cursor.error(at: countAt, "entry \(i) has a negative count") }
            let typeAt = cursor.offset
            let type = try cursor.int8("type of entry \(i)")
            guard type == 0 || type == 1 else { throw cursor.error(at: typeAt, "entry \(i) has type \(type) (0 = word, 1 = label)") }
            guard (type == 1) == (i >= Int(nwords)) else {
                throw cursor.error(at: entryAt, "entry \(i) is a \(type == 1 ? "label" : "word") among the \(i >= Int(nwords) ? "labels" : "words")")
            }
            // The Huffman tree of hierarchical softmax starts internal nodes at 1e15.
            if type == 1 && count >= 1_000_000_000_000_000 {
                throw cursor.error(at: countAt, "label count \(count) is out of range")
            }
            entries.append(FastTextDictionary.Entry(word: word, count: count, isLabel: type == 1))
        }
        var pruneIndex: [Int32: Int32]?
        if pruneSize >= 0 {
            guard pruneSize <= Int64(cursor.remaining / 8) else {
                throw cursor.error(at: pruneAt, "\(pruneSize) pruned n-grams cannot fit in the \(cursor.remaining) bytes left")
            }
            var map = [Int32: Int32](minimumCapacity: Int(pruneSize))
            var used = [Bool](repeating: false, count: Int(pruneSize))
            for _ in 0..<Int(pruneSize) {
                let pairAt = cursor.offset
                let key = try cursor.int32("pruned n-gram bucket")
                let value = try cursor.int32("pruned n-gram row")
                guard key >= 0 && key < args.bucket else {
                    throw cursor.error(at: pairAt, "pruned n-gram bucket \(key) is outside 0..<\(args.bucket)")
                }
                guard value >= 0 && Int64(value) < pruneSize, !used[Int(value)] else {
                    throw cursor.error(at: pairAt + 4, "pruned n-gram row \(value) is out of range or repeated")
                }
                guard map.updateValue(value, forKey: key) == nil else {
                    throw cursor.error(at: pairAt, "pruned n-gram bucket \(key) appears twice")
                }
                used[Int(value)] = true
            }
            pruneIndex = map
        }
        return StoredDictionary(entries: entries, entryOffsets: entryOffsets, nwords: Int(nwords), ntokens: ntokens,
                                pruneIndex: pruneIndex)
    }

    static func readMatrix(_ cursor: inout ModelCursor, quantized: Bool, dim: Int32, what: String) throws -> FastTextMatrix {
        if !quantized {
            let shapeAt = cursor.offset
            let (rows, cols) = try readShape(&cursor, dim: dim, what: what)
            guard rows <= cursor.remaining / 4 / cols else {
                throw cursor.error(at: shapeAt, "\(what) of \(rows)×\(cols) floats does not fit in the \(cursor.remaining) bytes left")
            }
            return .dense(DenseMatrix(rows: rows, cols: cols, data: try cursor.floats(rows * cols, what)))
        }
        let qnorm = try cursor.bool("\(what) qnorm flag")
        let (rows, cols) = try readShape(&cursor, dim: dim, what: what)
        let codesAt = cursor.offset
        let codeSize = try cursor.int32("\(what) code size")
        guard codeSize >= 0 && Int(codeSize) <= cursor.remaining else {
            throw cursor.error(at: codesAt, "\(what) code size \(codeSize) does not fit in the \(cursor.remaining) bytes left")
        }
        let codes = try cursor.bytes(Int(codeSize), "\(what) codes")
        let pqAt = cursor.offset
        let pq = try readQuantizer(&cursor, what: "\(what) quantizer")
        guard pq.dim == cols else { throw cursor.error(at: pqAt, "\(what) quantizer has dim \(pq.dim) for \(cols) columns") }
        guard rows.multipliedReportingOverflow(by: pq.nsubq) == (Int(codeSize), false) else {
            throw cursor.error(at: codesAt, "\(what) has \(codeSize) codes for \(rows) rows of \(pq.nsubq) sub-quantizers")
        }
        var normCodes = [UInt8]()
        var normQuantizer: ProductQuantizer?
        if qnorm {
            normCodes = try cursor.bytes(rows, "\(what) norm codes")
            let npqAt = cursor.offset
            let npq = try readQuantizer(&cursor, what: "\(what) norm quantizer")
            guard npq.dim == 1 && npq.nsubq == 1 else { throw cursor.error(at: npqAt, "\(what) norm quantizer must have dim 1") }
            normQuantizer = npq
        }
        return .quantized(QuantizedMatrix(rows: rows, cols: cols, qnorm: qnorm, codes: codes, pq: pq,
                                          normCodes: normCodes, normQuantizer: normQuantizer))
    }

    static func readShape(_ cursor: inout ModelCursor, dim: Int32, what: String) throws -> (Int, Int) {
        let at = cursor.offset
        let rows = try cursor.int64("\(what) rows")
        let cols = try cursor.int64("\(what) columns")
        guard rows >= 0 && rows <= Int64(Int32.max) else { throw cursor.error(at: at, "\(what) has \(rows) rows") }
        guard cols == Int64(dim) else { throw cursor.error(at: at + 8, "\(what) has \(cols) columns, dim is \(dim)") }
        return (Int(rows), Int(cols))
    }

    /// `ProductQuantizer::load`: dim, nsubq, dsub, lastdsub, then dim × 256 centroids.
    static func readQuantizer(_ cursor: inout ModelCursor, what: String) throws -> ProductQuantizer {
        let at = cursor.offset
        let dim = Int(try cursor.int32("\(what) dim"))
        let nsubq = Int(try cursor.int32("\(what) nsubq"))
        let dsub = Int(try cursor.int32("\(what) dsub"))
        let lastdsub = Int(try cursor.int32("\(what) lastdsub"))
        guard dim > 0, dsub > 0, dim <= 1 << 20,
              nsubq == (dim + dsub - 1) / dsub,
              lastdsub == (dim % dsub == 0 ? dsub : dim % dsub) else {
            throw cursor.error(at: at, "\(what) shape is inconsistent (dim \(dim), nsubq \(nsubq), dsub \(dsub), lastdsub \(lastdsub))")
        }
        let count = dim * ProductQuantizer.centroidCount
        guard count <= cursor.remaining / 4 else {
            throw cursor.error(at: cursor.offset, "\(what) centroids do not fit in the \(cursor.remaining) bytes left")
        }
        let centroids = try cursor.floats(count, "\(what) centroids")
        return ProductQuantizer(dim: dim, nsubq: nsubq, dsub: dsub, lastdsub: lastdsub, centroids: centroids)
    }
}

/// A bounds-checked little-endian reader over the model bytes.
struct ModelCursor {
    let bytes: UnsafeRawBufferPointer
    let name: String
    var offset = 0

    init(bytes: UnsafeRawBufferPointer, name: String) {
        self.bytes = bytes
        self.name = name
    }

    var remaining: Int { bytes.count - offset }

    func error(at offset: Int, _ message: String) -> InputError {
        InputError(file: name, offset: Int64(offset), message)
    }

    mutating func need(_ count: Int, _ what: String) throws {
        guard count <= remaining else {
            throw error(at: offset, "file ends inside the \(what) (\(count) bytes needed, \(remaining) left)")
        }
    }

    mutating func load<T: FixedWidthInteger>(_ type: T.Type, _ what: String) throws -> T {
        try need(MemoryLayout<T>.size, what)
        let value = bytes.loadUnaligned(fromByteOffset: offset, as: T.self)
        offset += MemoryLayout<T>.size
        return T(littleEndian: value)
    }

    mutating func int8(_ what: String) throws -> Int8 { try load(Int8.self, what) }
    mutating func int32(_ what: String) throws -> Int32 { try load(Int32.self, what) }
    mutating func int64(_ what: String) throws -> Int64 { try load(Int64.self, what) }
    mutating func float64(_ what: String) throws -> Double { Double(bitPattern: try load(UInt64.self, what)) }

    /// A C++ `bool`: one byte, 0 or 1.
    mutating func bool(_ what: String) throws -> Bool {
        let at = offset
        let value = try load(UInt8.self, what)
        guard value <= 1 else { throw error(at: at, "\(what) is \(value), not 0 or 1") }
        return value == 1
    }

    /// Bytes up to a NUL, which is consumed.
    mutating func cString(_ what: String) throws -> [UInt8] {
        let start = offset
        var end = start
        while end < bytes.count && bytes[end] != 0 { end += 1 }
        guard end < bytes.count else { throw error(at: start, "file ends inside the \(what) (no NUL)") }
        offset = end + 1
        return Array(bytes[start..<end])
    }

    mutating func bytes(_ count: Int, _ what: String) throws -> [UInt8] {
        try need(count, what)
        defer { offset += count }
        return Array(bytes[offset..<(offset + count)])
    }

    mutating func floats(_ count: Int, _ what: String) throws -> [Float] {
        try need(count * 4, what)
        if count == 0 { return [] }
        let source = bytes.baseAddress!.advanced(by: offset)
        offset += count * 4
        return [Float](unsafeUninitializedCapacity: count) { buffer, initialized in
            UnsafeMutableRawPointer(buffer.baseAddress!).copyMemory(from: source, byteCount: count * 4)
            #if _endian(big)
            for i in 0..<count { buffer[i] = Float(bitPattern: UInt32(littleEndian: buffer[i].bitPattern)) }
            #endif
            initialized = count
        }
    }
}
