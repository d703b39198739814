// url_filter_v1: datatrove's decisions, with url_filter_v1's documented differences, on the
// golden URLs (Fixtures/url-golden.jsonl, made by scripts/reference/url_golden.py); each
// reason; host parsing; list files (comments, missing file); missing URLs.
import QuarryCore
@testable import QuarryFilters
import QuarryTestSupport
import Testing

@Suite struct URLFilterTests {
    struct Golden: Decodable {
        var url: String
        var datatrove: String
        var expected: String
    }

    func filter(_ configure: (inout URLFilter.Options) -> Void = { _ in }) throws -> URLFilter {
        var options = URLFilter.Options()
        configure(&options)
        return try URLFilter(options: options)
    }

    func document(url: String?, key: String = "url") -> Document {
        var metadata: JSONObject = [:]
        if let url { metadata[key] = .string(url) }
        return Document(id: "d", text: "some text", metadata: metadata)
    }

    func reason(_ stage: URLFilter, _ url: String?) -> String {
        if case .drop(let reason) = stage.decide(document(url: url)) { return reason }
        return "keep"
    }

    @Test func agreesWithDatatroveOnGoldenURLs() throws {
        let golden = ListFilterFixtures.lines("url-golden.jsonl", as: Golden.self)
        #expect(golden.count == 404)
        let stage = try filter {
            $0.blocklistDomainsFiles = [ListFilterFixtures.path("url-golden-domains.txt")]
            $0.blocklistURLsFiles = [ListFilterFixtures.path("url-golden-urls.txt")]
        }
        var disagreements: [String] = []
        for item in golden where reason(stage, item.url) != item.expected {
            disagreements.append("\(item.url): \(reason(stage, item.url)), expected \(item.expected)")
        }
        #expect(disagreements.isEmpty, "\(disagreements.prefix(20))")
        // Every reason occurs, and most URLs are decided as datatrove decides them.
        #expect(Set(golden.map(\.expected)).count == 6)
        #expect(golden.filter { $0.datatrove == $0.expected }.count >= 300)
    }

    @Test func eachReason() throws {
        let stage = try filter {
            $0.extraDomains = ["Blocked.example", "*.wild.example"]
            $0.extraURLs = ["example.org/one/page"]
        }
        #expect(reason(stage, "https://blocked.example/x") == "url_domain_blocklisted")
        #expect(reason(stage, "https://a.b.BLOCKED.example:443/x") == "url_domain_blocklisted")
        #expect(reason(stage, "https://x.wild.example/") == "url_domain_blocklisted")
        #expect(reason(stage, "https://notblocked.example/") == "keep")
        #expect(reason(stage, "https://example.org/one/page") == "url_blocklisted")
        #expect(reason(stage, "example.org/one/page") == "url_blocklisted")
        #expect(reason(stage, "https://example.org/one/page/2") == "keep")
        #expect(reason(stage, "https://example.org/free-porn-videos") == "url_banned_word")
        #expect(reason(stage, "https://example.org/FREE-PORN") == "url_banned_word")
        #expect(reason(stage, "https://example.org/nude-sex") == "url_soft_banned_words")
        #expect(reason(stage, "https://example.org/nude-art") == "keep")
        #expect(reason(stage, "https://example.org/watch-bigblackdog") == "url_banned_subword")
        #expect(reason(stage, "https://example.org/recipes/soup") == "keep")
    }

    @Test func missingURLIsKeptOrDropped() throws {
        let keep = try filter()
        #expect(reason(keep, nil) == "keep")
        #expect(reason(keep, "") == "keep")
        let drop = try filter { $0.dropMissingURL = true }
        #expect(reason(drop, nil) == "url_missing")
        #expect(drop.decide(document(url: "https://example.org/", key: "link")) == .drop(reason: "url_missing"))
        let other = try filter { $0.urlKey = "link"; $0.extraDomains = ["bad.example"] }
        #expect(other.decide(document(url: "https://bad.example/", key: "link")) == .drop(reason: "url_domain_blocklisted"))
        var batch = DocumentBatch(documents: [document(url: nil), document(url: "https://example.org/porn")])
        var stats = StageStats()
        try keep.run(on: &batch, stats: &stats)
        #expect(stats.counters["url_missing_kept"] == 1)
        #expect(stats.dropped == ["url_banned_word": 1])
    }

    @Test func builtinListsCanBeTurnedOff() throws {
        let bare = try filter { $0.useBuiltinLists = false; $0.bannedWords = ["Soup-Kitchen"]; $0.softWordThreshold = 1 }
        #expect(reason(bare, "https://example.org/porn") == "keep")
        #expect(reason(bare, "https://example.org/soupkitchen") == "url_banned_word")
        let soft = try filter { $0.useBuiltinLists = false; $0.softBannedWords = ["red", "blue"]; $0.softWordThreshold = 1 }
        #expect(reason(soft, "https://example.org/red") == "url_soft_banned_words")
    }

    @Test func listFiles() throws {
        let dir = TemporaryDirectory()
        let domains = try dir.write("domains.txt", "# comment\n\n  evil.example  \r\nBAD.example.\n")
        let urls = try dir.write("urls.txt", "# comment\nexample.org/x\n")
        let stage = try filter { $0.blocklistDomainsFiles = [domains]; $0.blocklistURLsFiles = [urls] }
        #expect(reason(stage, "http://www.evil.example/") == "url_domain_blocklisted")
        #expect(reason(stage, "http://bad.example/") == "url_domain_blocklisted")
        #expect(reason(stage, "http://comment/") == "keep")
        #expect(reason(stage, "http://example.org/x") == "url_blocklisted")
        let missing = dir.file("absent.txt")
        do {
            _ = try filter { $0.blocklistDomainsFiles = [missing] }
            Issue.record("a missing list file must be a configuration error")
        } catch let error as ConfigError {
            #expect(error.file == missing)
            #expect(error.message.contains("blocklist_domains_files"))
        }
        #expect(throws: ConfigError.self) { try filter { $0.blocklistURLsFiles = [dir.file("list.txt.gz")] } }
        #expect(throws: ConfigError.self) { try filter { $0.softWordThreshold = 0 } }
    }

    @Test func hosts() {
        let cases: [(String, String?)] = [
            ("https://a.b.Example.co.uk:8080/x?y", "a.b.example.co.uk"),
            ("http://user:pw@WWW.Example.COM./p", "www.example.com"),
            ("example.com/path", "example.com"),
            ("//example.org", "example.org"),
            ("http://[::1]:80/x", "[::1]"),
            ("mailto:a@b.com", "b.com"),
            ("https://example.com\\@evil.com/", "evil.com"),
            ("  https://padded.example/ ", "padded.example"),
            ("https:///path", nil),
            ("", nil),
        ]
        for (url, host) in cases { #expect(URLHost.host(of: url) == host, "\(url)") }
        #expect(URLHost.domainsContaining("a.b.example.com") == ["a.b.example.com", "b.example.com", "example.com", "com"])
        #expect(URLHost.domainsContaining("10.0.0.1") == ["10.0.0.1"])
        #expect(URLHost.domainsContaining("[::1]") == ["[::1]"])
        #expect(URLHost.words(of: "https://Ex-ample.org/A_b?c=1") == ["https", "ex", "ample", "org", "a", "b", "c", "1"])
        #expect(URLHost.withoutScheme("HTTPS://x.org/a") == "x.org/a")
        #expect(URLHost.withoutScheme("x.org/a") == nil)
    }

    @Test func hashedSetFindsWhatWasInserted() {
        var set = HashedStringSet()
        for i in 0..<10_000 { set.insert("domain\(i).example") }
        set.insert("domain1.example")
        set.finish()
        #expect(set.count == 10_000)
        #expect((0..<10_000).allSatisfy { set.contains("domain\($0).example") })
        #expect(!(10_000..<20_000).contains { set.contains("domain\($0).example") })
    }
}
