// The key of exact deduplication: XXH3-128 (seed 0, QuarryText.StableHash) of a text's UTF-8
// bytes after DedupNormalization. 128 bits make an accidental collision negligible (about n²/2^129
// for n documents: 10^-20 for ten billion). With every normalization off it is the XXH3-128 of
// the text itself. The normalized bytes go to a per-thread buffer, reused from text to text.
import QuarryText

/// Hashes texts for exact deduplication.
public struct ExactTextHash: Sendable {
    public let normalization: DedupNormalization

    public init(normalization: DedupNormalization) {
        self.normalization = normalization
    }

    /// XXH3-128 of the normalized UTF-8 bytes of `text`.
    public func hash(_ text: String) -> Hash128 {
        withUTF8Bytes(of: text) { hash(utf8: $0) }
    }

    /// XXH3-128 of the normalized form of the UTF-8 bytes `text`.
    public func hash(utf8 text: UnsafeBufferPointer<UInt8>) -> Hash128 {
        if normalization.isIdentity { return StableHash.xxh3_128(text) }
        guard let p = text.baseAddress, !text.isEmpty else { return StableHash.xxh3_128(text) }
        let scratch = ShingleScratch.current
        scratch.reserve(DedupNormalization.maxOutput(text.count))
        let hash = normalization.withActions(collapse: normalization.whitespace) { actions in
            scratch.bytes.withUnsafeMutableBufferPointer { buffer in
                var pending = false
                let used = normalization.normalize(p, 0..<text.count, context: 0..<text.count, actions: actions,
                                                   collapse: normalization.whitespace, into: buffer.baseAddress!, pending: &pending)
                return StableHash.xxh3_128(UnsafeBufferPointer(rebasing: buffer[0..<used]))
            }
        }
        scratch.trimText()
        return hash
    }
}
