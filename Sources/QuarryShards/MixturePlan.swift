// How many tokens each source contributes to a mixture (issue 8 item 6, `quarry shards mix`).
// A source is given either a weight (its share of the output tokens) or a number of epochs
// (how many times its tokens are repeated; fractions allowed). The output size T is solved
// from those: epoch sources fix their own token counts, and weighted sources share what is
// left, so `web weight 0.6, wiki epochs 3, books weight 0.2` makes wiki's 3 epochs the
// remaining 0.2·T. With weights only, T is the largest total that needs no source more than
// once, unless a total is given (then sources are upsampled by whole epochs plus a seeded
// subset). Same arithmetic as Megatron-LM's blend weights (normalised shares of tokens), with
// epochs as in OLMo / Dolma mixing configs ("repeat wiki 3×").

import QuarryCore

/// What the user asked of one source: a weight or a number of epochs.
public enum MixtureShare: Sendable, Hashable {
    /// A share of the output tokens, > 0 (weights-only mixtures are normalised to sum 1, as
    /// Megatron-LM normalises blend weights; beside epoch sources they must sum below 1).
    case weight(Double)
    /// Repetitions of the source's tokens, > 0 (2.5 = two full passes and half of the tokens).
    case epochs(Double)
}

/// One source of a mixture as the planner sees it.
public struct MixtureSourceSpec: Sendable, Hashable {
    public var name: String
    public var share: MixtureShare
    /// Tokens in the source (the sum of its document lengths).
    public var tokens: Int

    public init(name: String, share: MixtureShare, tokens: Int) {
        self.name = name
        self.share = share
        self.tokens = tokens
    }
}

/// The tokens asked of one source: whole passes over it plus a partial pass of `remainder` tokens.
public struct MixtureTarget: Sendable, Hashable {
    public var name: String
    /// Tokens wanted from this source in the output (before rounding to whole documents).
    public var tokens: Int
    /// Whole passes over every document of the source.
    public var fullEpochs: Int
    /// Tokens to take from a seeded subset of documents after the full passes.
    public var remainder: Int
    /// The weight the user asked for, after normalisation (epoch sources: their implied share).
    public var requestedWeight: Double
    /// The epochs the user asked for (weight sources: their implied epochs).
    public var requestedEpochs: Double
}

/// The solved mixture: output size and per-source targets, in the order the sources were given.
public struct MixturePlan: Sendable, Hashable {
    public var totalTokens: Int
    public var targets: [MixtureTarget]
    /// Whether the weights were rescaled to sum to 1 (weights-only mixtures whose weights did not).
    public var weightsNormalised: Bool

    /// Solves the plan. `totalTokens` may be given only when every source has a weight.
    public static func solve(_ sources: [MixtureSourceSpec], totalTokens requestedTotal: Int? = nil) throws(ConfigError) -> MixturePlan {
        guard !sources.isEmpty else { throw ConfigError("a mixture needs at least one source") }
        var names = Set<String>()
        for source in sources {
            guard names.insert(source.name).inserted else { throw ConfigError("source \(source.name) is given twice") }
            guard source.tokens > 0 else { throw ConfigError("source \(source.name) has no tokens") }
            switch source.share {
            case .weight(let w):
                guard w.isFinite, w > 0 else { throw ConfigError("source \(source.name): weight must be positive, got \(w)") }
            case .epochs(let e):
                guard e.isFinite, e > 0 else { throw ConfigError("source \(source.name): epochs must be > 0, got \(e)") }
            }
        }
        if let requestedTotal, requestedTotal <= 0 { throw ConfigError("--total-tokens must be positive") }

        var weightSum = 0.0
        var epochTokens = 0.0
        for source in sources {
            switch source.share {
            case .weight(let w): weightSum += w
            case .epochs(let e): epochTokens += e * Double(source.tokens)
            }
        }
        let hasEpochs = sources.contains { if case .epochs = $0.share { return true }; return false }

        var weightScale = 1.0
        var normalised = false
        let total: Double
        if hasEpochs {
            guard requestedTotal == nil else {
                throw ConfigError("--total-tokens cannot be combined with epochs: epoch sources fix the total (give every source a weight instead)")
            }
            // Epoch sources make up the share the weights leave: T = epoch tokens / (1 − Σw).
            // Shares are compared to 1 within one part in 10^9 (rounding of decimal weights).
            guard weightSum < 1 - 1e-9 else {
                throw ConfigError("weights sum to \(weightSum), leaving no share for the epoch sources (weights must sum below 1 when some sources give epochs)")
            }
            total = epochTokens / (1 - weightSum)
        } else {
            if abs(weightSum - 1) > 1e-9 {
                weightScale = 1 / weightSum
                normalised = true
            }
            if let requestedTotal {
                total = Double(requestedTotal)
            } else {
                // The largest total for which no weighted source is needed more than once.
                total = sources.map { Double($0.tokens) / ($0.weightValue * weightScale) }.min()!.rounded(.down)
            }
        }
        guard total.isFinite, total >= 1, total < 0x1p62 else { throw ConfigError("the mixture's total of \(total) tokens is out of range") }
        let totalTokens = Int(total.rounded())

        var targets: [MixtureTarget] = []
        for source in sources {
            let wanted: Double
            switch source.share {
            case .weight(let w): wanted = w * weightScale * total
            case .epochs(let e): wanted = e * Double(source.tokens)
            }
            let tokens = Int(wanted.rounded())
            targets.append(MixtureTarget(
                name: source.name, tokens: tokens,
                fullEpochs: tokens / source.tokens, remainder: tokens % source.tokens,
                requestedWeight: wanted / total, requestedEpochs: wanted / Double(source.tokens)))
        }
        return MixturePlan(totalTokens: totalTokens, targets: targets, weightsNormalised: normalised)
    }
}

extension MixtureSourceSpec {
    var weightValue: Double { if case .weight(let w) = share { return w }; return 0 }
}

extension MixtureShare {
    /// Parses `weight=0.6` or `epochs=3` (the part after the directory in `--source NAME=DIR:…`).
    public init(parsing text: String) throws(ConfigError) {
        let parts = text.split(separator: "=", maxSplits: 1).map(String.init)
        guard parts.count == 2, let value = Double(parts[1]), value.isFinite else {
            throw ConfigError("expected weight=W or epochs=E, got \"\(text)\"")
        }
        switch parts[0] {
        case "weight", "w": self = .weight(value)
        case "epochs", "epoch", "e": self = .epochs(value)
        default: throw ConfigError("expected weight=W or epochs=E, got \"\(text)\"")
        }
    }
}
