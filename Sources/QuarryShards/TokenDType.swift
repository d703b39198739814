// The element types of a Megatron-LM indexed dataset, by the one-byte code its `.idx` header
// stores (megatron-core 0.16.1 megatron/core/datasets/indexed_dataset.py `class DType`; see
// issue8-prep shards/FORMAT.md §1.3). Token shards use uint16 or int32; SFT loss masks uint8.

/// The dtype code at byte 17 of a `.idx` file.
public enum TokenDType: UInt8, Sendable, Codable, CaseIterable {
    case uint8 = 1, int8 = 2, int16 = 3, int32 = 4, int64 = 5, float64 = 6, float32 = 7, uint16 = 8

    /// Vocabularies below this many ids are stored as uint16, larger ones as int32: megatron-core's
    /// `DType.optimal_dtype` (and old Megatron / GPT-NeoX `__best_fitting_dtype`) use exactly 65,500,
    /// so Quarry's files match what `tools/preprocess_data.py` writes for the same vocabulary.
    public static let uint16VocabularyLimit = 65_500

    /// uint16 if `size` (every id, special tokens included) is below 65,500, else int32.
    public static func forVocabulary(size: Int) -> TokenDType {
        size < uint16VocabularyLimit ? .uint16 : .int32
    }

    /// Bytes per element.
    public var itemSize: Int {
        switch self {
        case .uint8, .int8: return 1
        case .int16, .uint16: return 2
        case .int32, .float32: return 4
        case .int64, .float64: return 8
        }
    }

    /// The NumPy name, as dataset.json and `shards inspect` print it.
    public var name: String {
        switch self {
        case .uint8: return "uint8"
        case .int8: return "int8"
        case .int16: return "int16"
        case .int32: return "int32"
        case .int64: return "int64"
        case .float64: return "float64"
        case .float32: return "float32"
        case .uint16: return "uint16"
        }
    }

    /// The dtype with this NumPy name.
    public init?(name: String) {
        guard let match = TokenDType.allCases.first(where: { $0.name == name }) else { return nil }
        self = match
    }

    /// Whether the type holds integers (float data sets hold no token ids).
    public var isInteger: Bool { self != .float32 && self != .float64 }

    /// The largest token id an element can hold (ids are unsigned 32-bit in Quarry).
    public var maximumID: UInt32 {
        switch self {
        case .uint8: return UInt32(UInt8.max)
        case .int8: return UInt32(Int8.max)
        case .int16: return UInt32(Int16.max)
        case .uint16: return UInt32(UInt16.max)
        case .int32: return UInt32(Int32.max)
        case .int64: return UInt32.max
        case .float32: return 1 << 24      // every integer up to 2^24 is exact in a float32
        case .float64: return UInt32.max
        }
    }
}
