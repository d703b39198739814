// Language ID with the built-in model: clear sentences of the required languages, Chinese in
// both scripts, mixed-script text, and texts too short to tell (`und`, score 0, never a guess).
import Testing
@testable import QuarryClassify

@Suite struct LanguageIdentifierTests {
    static let identifier = LanguageIdentifier(model: try! BuiltinLanguageModel.model())

    @Test(arguments: [
        ("The committee will publish its final report on the new railway line next month.", "en", "Latn"),
        ("Die Bundesregierung hat am Mittwoch einen neuen Gesetzentwurf zur Energiepolitik beschlossen.", "de", "Latn"),
        ("Le gouvernement a présenté mercredi un nouveau projet de loi sur la politique énergétique.", "fr", "Latn"),
        ("El gobierno presentó el miércoles un nuevo proyecto de ley sobre política energética.", "es", "Latn"),
        ("Il governo ha presentato mercoledì un nuovo disegno di legge sulla politica energetica.", "it", "Latn"),
        ("Rząd przedstawił w środę nowy projekt ustawy dotyczący polityki energetycznej.", "pl", "Latn"),
        ("Hükümet çarşamba günü enerji politikasına ilişkin yeni bir yasa tasarısı sundu.", "tr", "Latn"),
        ("Chính phủ đã trình bày một dự luật mới về chính sách năng lượng vào thứ Tư.", "vi", "Latn"),
        ("Pemerintah mengajukan rancangan undang-undang baru tentang kebijakan energi pada hari Rabu.", "id", "Latn"),
        ("Правительство в среду представило новый законопроект об энергетической политике.", "ru", "Cyrl"),
        ("Уряд у середу представив новий законопроєкт щодо енергетичної політики.", "uk", "Cyrl"),
        ("قدمت الحكومة يوم الأربعاء مشروع قانون جديد بشأن سياسة الطاقة.", "ar", "Arab"),
        ("دولت روز چهارشنبه لایحه جدیدی درباره سیاست انرژی ارائه کرد.", "fa", "Arab"),
        ("सरकार ने बुधवार को ऊर्जा नीति पर एक नया विधेयक पेश किया।", "hi", "Deva"),
        ("รัฐบาลได้เสนอร่างกฎหมายฉบับใหม่เกี่ยวกับนโยบายพลังงานเมื่อวันพุธ", "th", "Thai"),
        ("政府于周三提出了一项关于能源政策的新法案。", "zh", "Hans"),
        ("政府於週三提出了一項關於能源政策的新法案。", "zh", "Hant"),
        ("政府は水曜日、エネルギー政策に関する新しい法案を提出した。", "ja", "Jpan"),
        ("정부는 수요일 에너지 정책에 관한 새로운 법안을 제출했다.", "ko", "Kore"),
    ])
    func identifiesClearSentences(text: String, language: String, script: String) {
        let result = Self.identifier.identify(text)
        #expect(result.language == language, "\(text) → \(result.label) \(result.score)")
        #expect(result.script == script, "\(text) → \(result.script)")
        #expect(result.score > 0.5 && result.score <= 1)
    }

    @Test(arguments: ["", "   \n\t ", "a", "12345 678", "!!! ??? ...", "ok", "🙂🙂🙂"])
    func tooShortIsUndeterminedWithScoreZero(text: String) {
        let result = Self.identifier.identify(text)
        #expect(result.language == "und")
        #expect(result.label == "und")
        #expect(result.score == 0)
    }

    @Test func mixedScriptTextFollowsItsMajority() {
        let english = Self.identifier.identify("Please restart the server after you install the update 更新 today, then check the logs again.")
        #expect(english.language == "en" && english.script == "Latn")
        let chinese = Self.identifier.identify("我们使用 Python 和 PyTorch 训练模型，然后在服务器上部署，整个过程大约需要三天时间。")
        #expect(chinese.language == "zh" && chinese.script == "Hans")
        let russian = Self.identifier.identify("Сервер nginx перезапускается после обновления конфигурации, проверьте журналы.")
        #expect(russian.language == "ru" && russian.script == "Cyrl")
    }

    @Test func newlinesAreSpaces() {
        let a = Self.identifier.identify("Die Bundesregierung hat\neinen neuen Gesetzentwurf beschlossen.")
        let b = Self.identifier.identify("Die Bundesregierung hat einen neuen Gesetzentwurf beschlossen.")
        #expect(a == b)
    }

    @Test func scriptOfLabelsWithoutOne() {
        #expect(LanguageIdentifier.script(label: LanguageLabel(language: "ja", script: nil), dominant: "Hani") == "Jpan")
        #expect(LanguageIdentifier.script(label: LanguageLabel(language: "zh", script: "Hant"), dominant: "Hani") == "Hant")
        #expect(LanguageIdentifier.script(label: LanguageLabel(language: "zh", script: "Hans"), dominant: "Latn") == "Latn")
        #expect(LanguageIdentifier.script(label: LanguageLabel(language: "en", script: nil), dominant: "Latn") == "Latn")
    }
}
