// The hyperparameters a fastText model file stores (`Args::save` in facebookresearch/fastText
// src/args.cc @1142dc4): 12 int32 fields and one float64, in this order. The loss and model
// kinds are the C++ `enum class : int` values. Defaults are those of fastText's supervised mode
// (`fasttext supervised`), except where a caller sets them.

/// How a fastText model turns the hidden vector into label scores (`loss_name` in args.h).
public enum FastTextLoss: Int32, Sendable, CaseIterable {
    case hierarchicalSoftmax = 1
    case negativeSampling = 2
    case softmax = 3
    case oneVsAll = 4

    /// The name fastText's command line uses (`hs`, `ns`, `softmax`, `ova`).
    public var name: String {
        switch self {
        case .hierarchicalSoftmax: return "hs"
        case .negativeSampling: return "ns"
        case .softmax: return "softmax"
        case .oneVsAll: return "ova"
        }
    }

    public init?(name: String) {
        guard let loss = Self.allCases.first(where: { $0.name == name }) else { return nil }
        self = loss
    }
}

/// What a fastText model was trained for (`model_name` in args.h). Quarry reads and trains
/// supervised models only; word-vector models are recognised so the error can say so.
public enum FastTextModelKind: Int32, Sendable {
    case cbow = 1
    case skipgram = 2
    case supervised = 3
}

/// The stored arguments of a fastText model, in file order.
public struct FastTextArgs: Sendable, Equatable {
    /// Embedding width.
    public var dim: Int32 = 100
    /// Context window (word vectors only).
    public var ws: Int32 = 5
    public var epoch: Int32 = 5
    /// Words seen fewer times than this are left out of the dictionary.
    public var minCount: Int32 = 1
    /// Negatives sampled per positive (`ns` loss).
    public var neg: Int32 = 5
    /// Longest word n-gram hashed into the buckets (1 = words only).
    public var wordNgrams: Int32 = 1
    public var loss: FastTextLoss = .softmax
    public var model: FastTextModelKind = .supervised
    /// Hash buckets for character and word n-grams.
    public var bucket: Int32 = 2_000_000
    /// Shortest and longest character n-gram, in UTF-8 characters (0 = none).
    public var minn: Int32 = 0
    public var maxn: Int32 = 0
    /// Tokens between learning-rate updates.
    public var lrUpdateRate: Int32 = 100
    /// Subsampling threshold (word vectors only).
    public var t: Double = 1e-4

    public init() {}
}
