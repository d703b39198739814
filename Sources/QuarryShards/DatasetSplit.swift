// The deterministic train/validation split: a document goes to validation when the xxh3-64
// hash of its id (seeded), read as a fraction of 2^64, is below the validation fraction. The
// decision depends on nothing but the id, the seed and the fraction, so it is the same whatever
// the worker count, input order or shard layout, and a document never moves between splits when
// the corpus grows (the property datatrove and Megatron users expect from hash splits).

import QuarryText

/// Which part of a dataset a document belongs to.
public enum DatasetPart: String, Sendable, Hashable, CaseIterable, Codable {
    case train
    case validation
}

/// A hash split by document id.
public struct DatasetSplit: Sendable, Hashable {
    /// The share of documents sent to validation, in [0, 1].
    public var validationFraction: Double
    /// Seeds the hash, so two splits of the same ids can differ on purpose.
    public var seed: UInt64

    public init(validationFraction: Double, seed: UInt64 = 0) {
        precondition((0...1).contains(validationFraction), "validation fraction must be within [0, 1]")
        self.validationFraction = validationFraction
        self.seed = seed
    }

    /// The part of the document with this id.
    public func part(ofDocumentID id: String) -> DatasetPart {
        if validationFraction <= 0 { return .train }
        if validationFraction >= 1 { return .validation }
        let hash = StableHash.xxh3_64(id, seed: seed)
        // Compare in the 53-bit mantissa range so the threshold is exact for any fraction a
        // Double can hold.
        let unit = Double(hash >> 11) * 0x1p-53
        return unit < validationFraction ? .validation : .train
    }
}
