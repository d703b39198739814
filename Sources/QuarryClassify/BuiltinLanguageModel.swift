// Quarry's built-in language-ID model: Sources/CLanguageID/lid.ftz, a fastText .ftz trained by
// scripts/lid/train_lid.sh from the Debian manuals and message catalogues (scripts/lid/README.md
// lists its languages, data and accuracy), embedded in the binary and read once per process.
import CLanguageID

public enum BuiltinLanguageModel {
    private static let loaded: Result<FastTextModel, any Error> = Result {
        let bytes = UnsafeRawBufferPointer(start: quarry_language_id_model(), count: quarry_language_id_model_size())
        return try FastTextModelReader.read(bytes: bytes, name: "built-in language-ID model")
    }

    /// The model (the same value every call).
    public static func model() throws -> FastTextModel { try loaded.get() }
}
