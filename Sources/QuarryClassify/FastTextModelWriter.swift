// Writes a fastText supervised model in the layout `FastText::saveModel` writes
// (facebookresearch/fastText src/fasttext.cc, args.cc, dictionary.cc, densematrix.cc,
// quantmatrix.cc, productquantizer.cc @1142dc4), so fastText itself loads what Quarry writes:
// a `.bin` when the input matrix is dense, a `.ftz` when it is product-quantized. The one
// liberty: fastText writes the pruned-bucket pairs in its hash map's order, Quarry writes them
// sorted by bucket, so the same model always gives the same bytes.
import Foundation
import QuarryCore

public enum FastTextModelWriter {
    /// The file bytes of `model`.
    public static func bytes(of model: FastTextModel) -> [UInt8] {
        var out = ModelBytes()
        out.int32(FastTextModel.magic)
        out.int32(model.version)
        let a = model.args
        for value in [a.dim, a.ws, a.epoch, a.minCount, a.neg, a.wordNgrams, a.loss.rawValue, a.model.rawValue,
                      a.bucket, a.minn, a.maxn, a.lrUpdateRate] {
            out.int32(value)
        }
        out.int64(Int64(bitPattern: a.t.bitPattern))

        let dictionary = model.dictionary
        out.int32(Int32(dictionary.entries.count))
        out.int32(Int32(dictionary.nwords))
        out.int32(Int32(dictionary.nlabels))
        out.int64(dictionary.ntokens)
        out.int64(Int64(dictionary.pruneIndex?.count ?? -1))
        for entry in dictionary.entries {
            out.bytes.append(contentsOf: entry.word)
            out.bytes.append(0)
            out.int64(entry.count)
            out.bytes.append(entry.isLabel ? 1 : 0)
        }
        if let pruneIndex = dictionary.pruneIndex {
            for key in pruneIndex.keys.sorted() {
                out.int32(key)
                out.int32(pruneIndex[key]!)
            }
        }

        out.bytes.append(model.input.isQuantized ? 1 : 0)
        write(model.input, to: &out)
        out.bytes.append(model.output.isQuantized ? 1 : 0)
        write(model.output, to: &out)
        return out.bytes
    }

    /// Writes `model` to `path` through a temporary file renamed into place, so a reader never
    /// sees half a model.
    public static func write(_ model: FastTextModel, to path: String) throws {
        let data = Data(bytes(of: model))
        let url = URL(fileURLWithPath: path)
        let temporary = url.deletingLastPathComponent()
            .appendingPathComponent(".\(url.lastPathComponent).tmp-\(getpid())")
        do {
            try data.write(to: temporary)
            // rename(2) replaces an existing file atomically.
            guard rename(temporary.path, url.path) == 0 else {
                throw InputError(file: path, "cannot rename \(temporary.path) into place (errno \(errno))")
            }
        } catch let error as InputError {
            try? FileManager.default.removeItem(at: temporary)
            throw error
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            throw InputError(file: path, "cannot write the fastText model: \(error.localizedDescription)")
        }
    }

    static func write(_ matrix: FastTextMatrix, to out: inout ModelBytes) {
        switch matrix {
        case .dense(let m):
            out.int64(Int64(m.rows))
            out.int64(Int64(m.cols))
            out.floats(m.data)
        case .quantized(let m):
            out.bytes.append(m.qnorm ? 1 : 0)
            out.int64(Int64(m.rows))
            out.int64(Int64(m.cols))
            out.int32(Int32(m.codes.count))
            out.bytes.append(contentsOf: m.codes)
            write(m.pq, to: &out)
            if m.qnorm, let normQuantizer = m.normQuantizer {
                out.bytes.append(contentsOf: m.normCodes)
                write(normQuantizer, to: &out)
            }
        }
    }

    static func write(_ pq: ProductQuantizer, to out: inout ModelBytes) {
        out.int32(Int32(pq.dim))
        out.int32(Int32(pq.nsubq))
        out.int32(Int32(pq.dsub))
        out.int32(Int32(pq.lastdsub))
        out.floats(pq.centroids)
    }
}

/// Little-endian output buffer.
struct ModelBytes {
    var bytes: [UInt8] = []

    mutating func int32(_ value: Int32) {
        withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
    }

    mutating func int64(_ value: Int64) {
        withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
    }

    mutating func floats(_ values: [Float]) {
        #if _endian(big)
        for v in values { int32(Int32(bitPattern: v.bitPattern)) }
        #else
        values.withUnsafeBytes { bytes.append(contentsOf: $0) }
        #endif
    }
}
