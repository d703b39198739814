// A fastText supervised model in memory: its stored arguments, dictionary and the input and
// output matrices, as a `.bin` or `.ftz` file holds them (layout: `FastText::saveModel` in
// facebookresearch/fastText src/fasttext.cc @1142dc4). Reading and writing are in
// FastTextModelReader/Writer, scoring in FastTextPredictor, training in FastTextTrainer.

public struct FastTextModel: Sendable {
    /// File format version (fastText writes 12).
    public static let currentVersion: Int32 = 12
    /// `FASTTEXT_FILEFORMAT_MAGIC_INT32`.
    public static let magic: Int32 = 793_712_314

    public var version: Int32
    public var args: FastTextArgs
    public var dictionary: FastTextDictionary
    /// (nwords + buckets or kept n-grams) × dim.
    public var input: FastTextMatrix
    /// nlabels × dim (hierarchical softmax uses its first nlabels − 1 rows for the tree's nodes).
    public var output: FastTextMatrix

    public init(version: Int32 = FastTextModel.currentVersion, args: FastTextArgs, dictionary: FastTextDictionary,
                input: FastTextMatrix, output: FastTextMatrix) {
        self.version = version
        self.args = args
        self.dictionary = dictionary
        self.input = input
        self.output = output
    }

    /// Whether this is a quantized (`.ftz`) model.
    public var isQuantized: Bool { input.isQuantized }

    /// The labels without their `__label__` prefix, in model order.
    public var labels: [String] { (0..<dictionary.nlabels).map { dictionary.labelName($0) } }
}
