// Fine-tuning conversations → token ids and a loss mask (issue 8 item 7, issue8-prep
// shards/SFT.md). The conversation is rendered by a `ChatTemplate` and the whole text is
// encoded at once, as Hugging Face `apply_chat_template(tokenize=True)` does: added tokens
// split the text and each chunk between them is BPE-encoded as one piece (encoding turn by
// turn would merge "assistant\n" + content differently). The mask comes from character spans,
// as `return_assistant_tokens_mask` does through offsets: a token gets 1 when its first byte
// lies in a trained span (assistant content + the end-of-turn token), else 0. A token that
// straddles the start of a span (e.g. "\n\n" when content starts with "\n") starts in the
// header and gets 0 — SFT.md's rule; HF marks it 1 (`char_to_token` of the first content char).
//
// Token start offsets are the running sum of each id's byte length (vocabulary bytes, added
// tokens' content). That sum equals the text only when encoding adds and removes no bytes, so
// each piece is normalized before rendering (normalization then leaves the text unchanged),
// the ByteLevel prefix space is taken off the first token of each chunk, and any remaining
// mismatch (added tokens with lstrip/rstrip) is an error, never a wrong mask.

import QuarryCore

/// Why a conversation could not be encoded (counted by the caller, never fatal).
public typealias SFTEncodeError = ChatExampleError

/// Encodes conversations for one thread.
public struct SFTEncoder {
    public let template: ChatTemplate
    var encoder: TokenEncoder
    let tokenizer: Tokenizer
    /// Whether an id is an added token (prefix spaces are added only to the chunks between them).
    let isAdded: [Bool]

    /// Checks that every special token of the template is one added token of the tokenizer
    /// (otherwise the template's markers would be split into pieces): a `ConfigError` naming them.
    public init(tokenizer: Tokenizer, template: ChatTemplate) throws(ConfigError) {
        let added = Set(tokenizer.definition.addedTokens.map(\.content))
        let missing = template.specialTokens.filter { !added.contains($0) }
        if !missing.isEmpty {
            throw ConfigError("the tokenizer has no added token for \(missing.joined(separator: ", ")), which template \(template.name) needs (add them as special tokens when training: --special-token)")
        }
        self.template = template
        self.tokenizer = tokenizer
        encoder = tokenizer.makeEncoder()
        var isAdded = [Bool](repeating: false, count: tokenizer.idCount)
        for token in tokenizer.definition.addedTokens where Int(token.id) < isAdded.count { isAdded[Int(token.id)] = true }
        self.isAdded = isAdded
    }

    /// The rendered text with each piece normalized as the tokenizer would.
    public func render(_ example: ChatExample) throws(SFTEncodeError) -> RenderedChat {
        guard let form = tokenizer.definition.normalizer else { return try template.render(example) }
        return try template.render(example) { String(decoding: TokenizerNormalization.normalize($0, form: form), as: UTF8.self) }
    }

    /// Appends the ids of `example` and their mask values (0/1) to `ids` and `mask`; on error
    /// neither is changed. Returns the number of trained tokens (0: the caller should skip it).
    @discardableResult
    public mutating func encode(_ example: ChatExample, ids: inout [TokenID], mask: inout [UInt8]) throws(SFTEncodeError) -> Int {
        let rendered = try render(example)
        let start = ids.count
        rendered.text.withUnsafeBufferPointer { encoder.encode($0, addSpecialTokens: false, into: &ids) }
        let offsets = tokenizer.decodeOffsets
        let prefixSpace = tokenizer.definition.preTokenization.addPrefixSpace
        var position = 0
        var spanIndex = 0
        var trained = 0
        var chunkStart = true
        mask.reserveCapacity(mask.count + ids.count - start)
        let maskStart = mask.count
        for i in start..<ids.count {
            let id = Int(ids[i])
            var length = id + 1 < offsets.count ? offsets[id + 1] - offsets[id] : 0
            let added = id < isAdded.count && isAdded[id]
            if !added, chunkStart, prefixSpace, position < rendered.text.count, rendered.text[position] != 0x20, length > 0 {
                length -= 1  // the space ByteLevel put before this chunk is not in the text
            }
            chunkStart = added
            while spanIndex < rendered.trainedSpans.count, rendered.trainedSpans[spanIndex].upperBound <= position { spanIndex += 1 }
            let inSpan = spanIndex < rendered.trainedSpans.count && rendered.trainedSpans[spanIndex].contains(position)
            mask.append(inSpan ? 1 : 0)
            if inSpan { trained += 1 }
            position += length
        }
        guard position == rendered.text.count else {
            ids.removeSubrange(start...)
            mask.removeSubrange(maskStart...)
            throw ChatExampleError(kind: "unaligned_tokens", "the tokens cover \(position) bytes of a \(rendered.text.count)-byte conversation (added tokens that strip whitespace cannot be masked)")
        }
        return trained
    }
}
