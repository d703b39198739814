// The one list of built-in components. A new stage, reader or writer is added here, in
// alphabetical order; `quarry stages` and pipeline files see it from then on.
import QuarryClassify
import QuarryCore
import QuarryDedup
import QuarryPII
import QuarryFilters
import QuarryHTML
import QuarryIO

extension StageRegistry {
    static var builtinReaders: [any DocumentReader.Type] {
        [
            HTMLFilesReader.self,
            JSONLReader.self,
            TextFilesReader.self,
            WARCReader.self,
            WETReader.self,
            WikipediaReader.self,
        ]
    }

    static var builtinStages: [any DocumentStage.Type] {
        [
            BoilerplateLinesStage.self,
            C4BadWordsFilter.self,
            C4QualityFilter.self,
            ClassifierStage.self,
            ChineseConvertStage.self,
            ExactDedupStage.self,
            FineWebQualityFilter.self,
            GopherQualityFilter.self,
            GopherRepetitionFilter.self,
            HTMLExtractStage.self,
            KeywordFilter.self,
            LanguageIDStage.self,
            LengthFilter.self,
            LineDedupStage.self,
            MetadataFilter.self,
            MinHashDedupStage.self,
            PIIScrubStage.self,
            RouteStage.self,
            TextNormalizer.self,
            TokenizeStage.self,
            URLFilter.self,
        ]
    }

    static var builtinWriters: [any DocumentWriter.Type] {
        [
            JSONLWriter.self,
            RejectsWriter.self,
            TokenShardsWriter.self,
        ]
    }

    /// The registry of every built-in component.
    public static func builtin() -> StageRegistry {
        do {
            return try StageRegistry(stages: builtinStages, readers: builtinReaders, writers: builtinWriters)
        } catch {
            fatalError("the built-in component list is inconsistent: \(error)")
        }
    }
}
