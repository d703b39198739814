// The wikitext converter, construct by construct: templates (nested, unbalanced, parser
// functions, the few rendered as text), refs, comments, tags, links (trails, pipe trick,
// files with captions, categories, localized namespaces, interlanguage), external links,
// bold and italic (MediaWiki's doQuotes), headings, lists, tables, end-matter sections,
// behaviour switches, entities and spacing; then pathological input (deep nesting,
// unbalanced markup) and a naive twin of the template remover.
@testable import QuarryHTML
import QuarryCore
import QuarryTestSupport
import Testing

func plain(_ wikitext: String, tables: Bool = false, headings: Bool = true, lists: Bool = true,
           namespaces: WikiNamespaces = .english) -> String {
    var converter = WikitextConverter(options: .init(keepTables: tables, keepHeadings: headings, keepLists: lists),
                                      namespaces: namespaces)
    return converter.convert(wikitext)
}

@Suite struct WikipediaWikitextTests {
    // MARK: Templates

    @Test func templatesAreRemovedWithEverythingInThem() {
        #expect(plain("a {{cite web|url=http://x.org|title=T}} b") == "a b")
        #expect(plain("{{Infobox person\n| name = [[Ada]]\n| spouse = {{marriage|[[William King|W]]|1835}}\n}}\n'''Ada''' was born.") == "Ada was born.")
        #expect(plain("x{{#if:{{{1|}}}|yes|{{#switch:a|a=1|b=2}}}}y") == "xy")
        #expect(plain("Page {{PAGENAME}} and {{DEFAULTSORT:Foo, Bar}}.") == "Page and.")
        #expect(plain("a{{{param|default}}}b") == "ab")
        #expect(plain("a{{efn|note with [[link|label]] and <ref>r</ref>}}b") == "ab")
    }

    @Test func templatesInsideLinksAndLinksInsideTemplates() {
        #expect(plain("[[Paris|{{lang|fr|la ville}}]] and [[Rome{{efn|x}}]]") == "la ville and Rome")
        #expect(plain("{{hlist|[[A]]|[[B|b]]|{{nowrap|[[C]]}}}}after") == "after")
        #expect(plain("[[File:x.jpg|thumb|{{nowrap|caption}} with [[link]]]]text") == "text")
    }

    @Test func templatesNestedFiftyDeep() {
        let open = String(repeating: "{{outer|", count: 50)
        let close = String(repeating: "}}", count: 50)
        #expect(plain("before " + open + "[[deep]]" + close + " after") == "before after")
        // Text templates inside each other render from the inside out.
        let nowrap = String(repeating: "{{nowrap|", count: 50) + "kept" + close
        #expect(plain("a " + nowrap + " b") == "a b")
        let shallow = String(repeating: "{{nowrap|", count: 5) + "kept" + String(repeating: "}}", count: 5)
        #expect(plain("a " + shallow + " b") == "a kept b")
    }

    @Test func unbalancedBraces() {
        // A template never closed keeps its text (its braces dropped), as MediaWiki shows it as text.
        #expect(plain("a {{unclosed template text") == "a unclosed template text")
        #expect(plain("a }} b } c {") == "a }} b } c {")
        #expect(plain("{{a}}} x") == "} x")
        #expect(plain("{{a|{{b}} c") == "a| c")
        #expect(plain("{{{{{|safesubst:}}}x}} y") == "y")
        #expect(plain("{|\n|a\n|}}}") == "")
    }

    @Test func textTemplatesStandForTheirText() {
        #expect(plain("a distance of {{convert|5|km|mi}} from") == "a distance of 5 km from")
        #expect(plain("{{convert|5|to|10|km}} and {{cvt|3|-|4|m}}") == "5 to 10 km and 3–4 m")
        #expect(plain("{{lang|fr|la ville}}, {{lang-de|Rhein}}, {{langx|es|río}}") == "la ville, Rhein, río")
        #expect(plain("{{nowrap|a b}} {{small|c}} {{em|d}}") == "a b c d")
        #expect(plain("1990{{ndash}}2000, yes{{mdash}}no, {{frac|1|2}}, {{frac|3|1|4}}") == "1990–2000, yes—no, 1/2, 3 1/4")
        #expect(plain("{{circa|1900}}; {{As of|2020|5}}, {{as of|2019|lc=y}}") == "c. 1900; As of May 2020, as of 2019")
        #expect(plain("{{val|1.2|u=kg}} {{sic|Ameri|ca}} {{math|''a'' {{=}} 1}} {{mvar|x}}") == "1.2 kg America a = 1 x")
        #expect(plain("Said:\n{{quote|text=To be.|author=W}}\nAfter.") == "Said:\n\nTo be.\n\nAfter.")
        #expect(plain("{{Template:Nowrap|x}} {{ nowrap |y}} {{Nowrap|z}}") == "x y z")
    }

    // MARK: Tags

    @Test func refsAndCommentsAreRemoved() {
        #expect(plain("a<ref>x {{cite}} [[y]]</ref> b<ref name=\"n\" /> c<ref name=n/>.") == "a b c.")
        #expect(plain("a<REF group=note>x</REF>b<references />") == "ab")
        #expect(plain("a<!-- x -->b <!--\nmulti\nline\n-->c") == "ab c")
        #expect(plain("a <!-- never closed\n\nlost") == "a")
        #expect(plain("{{a|<!-- }} -->b}}c") == "c")
    }

    @Test func tagsAreDroppedTheirTextKept() {
        #expect(plain("<span style=\"color:red\">red</span> <b>bold</b> x<sup>2</sup> <small>s</small>") == "red bold x2 s")
        #expect(plain("x < y and y > z, a<b, <foo>bar</foo>") == "x < y and y > z, a<b, <foo>bar</foo>")
        #expect(plain("<div>one</div><div>two</div>") == "one\n\ntwo")
        #expect(plain("a<br><br><br><br>b<br>") == "a\n\nb")
        #expect(plain("line one<br>line two<br />three") == "line one\nline two\nthree")
        #expect(plain("<center>c</center>") == "c")
    }

    @Test func specialTagsFollowTheirRule() {
        #expect(plain("f <math>x^2 + \\frac{a}{b}</math> g") == "f x^2 + \\frac{a}{b} g")
        #expect(plain("Text:\n:<math display=\"block\">E = mc^2</math>\nmore") == "Text:\nE = mc^2\n\nmore")
        #expect(plain("<chem>H2O</chem> is water") == "H2O is water")
        #expect(plain("a<gallery>\nFile:x.jpg|cap [[y]]\n</gallery>b") == "ab")
        #expect(plain("a<timeline>ImageSize = width:100</timeline>b<score>\\relative c' { c d e }</score>c") == "abc")
        #expect(plain("<syntaxhighlight lang=\"python\">\ndef f(x):\n    return {'a': [x]}\n</syntaxhighlight>")
                == "def f(x):\n    return {'a': [x]}")
        #expect(plain("run <source lang=\"bash\" inline>ls -l | wc</source> now") == "run ls -l | wc now")
        #expect(plain("<nowiki>[[a]] ''b'' {{c}}</nowiki> and <nowiki/>d") == "[[a]] ''b'' {{c}} and d")
        #expect(plain("<pre>\n  x  =  1\n* not a list\n</pre>") == "  x  =  1\n* not a list")
        #expect(plain("<poem>\nRoses are red,\nviolets blue.\n</poem>") == "Roses are red,\nviolets blue.")
        #expect(plain("a<includeonly>x</includeonly><noinclude>b</noinclude>") == "ab")
        #expect(plain("<ref>never closed") == "never closed")
    }

    // MARK: Links

    @Test func internalLinks() {
        #expect(plain("[[Target|label]], [[Target]], [[Target]]s, [[Target|big]]ger") == "label, Target, Targets, bigger")
        #expect(plain("[[Paris (France)|]] and [[Wiktionary:word|]] and [[Canberra, Australia|]]") == "Paris and word and Canberra")
        #expect(plain("[[:Category:Rivers]] and [[:File:x.jpg|the picture]]") == "Category:Rivers and the picture")
        #expect(plain("[[Foo#History|history]] [[#Notes]]") == "history #Notes")
        #expect(plain("[[not a\nlink]] and [[unclosed") == "[[not a link]] and [[unclosed")
        #expect(plain("a]] b") == "a]] b")
    }

    @Test func filesImagesAndCategoriesAreDropped() {
        #expect(plain("a [[File:x.jpg|thumb|A [[cat]] on [[mat|a mat]] in [http://x.org the garden]]] b") == "a b")
        #expect(plain("[[Image:y.png|left|200px]]x[[image:z.png]]") == "x")
        #expect(plain("text\n[[Category:Foo]]\n[[Category:Bar|*]]") == "text")
        #expect(plain("[[Media:Sound.ogg]]a [[ file : x.jpg ]]b") == "a b")
        var german = WikiNamespaces.english
        german.add("Datei")
        german.add("Kategorie")
        #expect(plain("[[Datei:See.jpg|mini|Ein [[See]]]]Der See.[[Kategorie:See]]", namespaces: german) == "Der See.")
        #expect(plain("[[Datei:See.jpg]]") == "Datei:See.jpg")
    }

    @Test func interlanguageLinksAreDropped() {
        #expect(plain("text [[de:Rhein]][[fr:Rhin]] [[zh-yue:萊茵河]]") == "text")
        #expect(plain("[[wikt:word|word]] and [[:fr:Rhin]]") == "word and fr:Rhin")
    }

    @Test func externalLinks() {
        #expect(plain("[http://example.org Example site] and [https://x.org/a?b=c label ''it'']") == "Example site and label it")
        #expect(plain("see [http://example.org] here") == "see here")
        #expect(plain("bare https://example.org/path and //proto.example.org") == "bare https://example.org/path and //proto.example.org")
        #expect(plain("[mailto:a@b.org mail me] [ftp://f.org files]") == "mail me files")
        #expect(plain("[not a link] [http://no.close here") == "[not a link] [http://no.close here")
    }

    // MARK: Inline formatting

    @Test func boldAndItalicMarksAreRemoved() {
        #expect(plain("'''bold''' and ''italic'' and '''''both''''' and ''it '''nested''' it''") == "bold and italic and both and it nested it")
        #expect(plain("Pythagoras' theorem, '''Foo''''s bar") == "Pythagoras' theorem, Foo's bar")
        // As MediaWiki: ''' after an odd italic count is bold, and the apostrophe is lost.
        #expect(plain("''Foo'''s bar''") == "Foos bar")
        #expect(plain("l'''amour''") == "l'amour")
        #expect(plain("''''four'''' ''''''six''''''") == "'four' 'six'")
    }

    @Test func behaviourSwitchesAreRemoved() {
        #expect(plain("__TOC__\na __NOTOC__ b __NOEDITSECTION__\n__KEIN_INHALTSVERZEICHNIS__") == "a b")
        #expect(plain("keep __init__ and snake_case and a__b") == "keep __init__ and snake_case and a__b")
    }

    @Test func entitiesAreDecoded() {
        #expect(plain("a&nbsp;b &amp; c &mdash; d &#8212; &#x2014; &lt;tag&gt; &eacute;") == "a\u{A0}b & c — d — — <tag> é")
        #expect(plain("&bogus; &#xD800; &#0; & alone &amp") == "&bogus; &#xD800; &#0; & alone &amp")
        #expect(plain("&lt;ref&gt;kept&lt;/ref&gt;") == "<ref>kept</ref>")
    }

    @Test func spacingLeftByRemovedMarkupIsClosed() {
        #expect(plain("born {{birth date|1900}} in Paris , France {{cn}}.") == "born in Paris, France.")
        #expect(plain("Photosynthesis ({{IPAc-en|f|oʊ}}) is") == "Photosynthesis is")
        #expect(plain("x ({{lang-fr|y}}; {{IPA|z}}) w") == "x (y) w")
        #expect(plain("a (; {{a}}) b (, x) c") == "a b (x) c")
        #expect(plain("one   two\tthree  ") == "one two three")
        #expect(plain("use .NET and e.g. this") == "use .NET and e.g. this")
    }

    // MARK: Lines

    @Test func headingsBecomeLines() {
        #expect(plain("Intro.\n== History ==\nText.\n=== Early ''years'' ===\nMore.") == "Intro.\n\nHistory\nText.\n\nEarly years\nMore.")
        #expect(plain("Intro.\n== History ==\nText.", headings: false) == "Intro.\n\nText.")
        #expect(plain("Intro.\n== See also ==\n* [[X]]\n== Later ==\nText.", headings: false) == "Intro.\n\nText.")
        #expect(plain("==Tight==\nx\n====== Six ======\ny") == "Tight\nx\n\nSix\ny")
        #expect(plain("= = =\nx") == "x" || plain("= = =\nx") == "=\nx")
    }

    @Test func listsBecomeLinesWithoutMarkers() {
        let text = "Items:\n* one\n** nested\n# first\n#: continued\n; term : definition\n;term only\n: indented"
        #expect(plain(text) == "Items:\none\nnested\nfirst\ncontinued\nterm\ndefinition\nterm only\nindented")
        #expect(plain(text, lists: false) == "Items:\nindented")
    }

    @Test func paragraphsJoinAndBlankLinesCollapse() {
        #expect(plain("one\ntwo\n\n\n\nthree") == "one two\n\nthree")
        #expect(plain("\n\n\nstart\n\n\n") == "start")
        #expect(plain("a\n----\nb") == "a\nb")
        #expect(plain(" preformatted\n line") == "preformatted\nline")
    }

    @Test func tablesAreDroppedOrKeptAsCells() {
        let table = "Before.\n{| class=\"wikitable\"\n|+ Caption\n|-\n! H1 !! H2\n|-\n| a || style=\"x\" | b\n|-\n| c\nmore c\n| d\n|}\nAfter."
        #expect(plain(table) == "Before.\n\nAfter.")
        #expect(plain(table, tables: true) == "Before.\nCaption\nH1\nH2\na\nb\nc\nmore c\nd\n\nAfter.")
        let nested = "x\n{|\n| outer\n{|\n| inner\n|}\n| outer 2\n|}\ny"
        #expect(plain(nested) == "x\n\ny")
        #expect(plain(nested, tables: true) == "x\nouter\ninner\nouter 2\n\ny")
        #expect(plain(":{|\n|indented table\n|}\ntext") == "text")
        #expect(plain("a<table><tr><td>cell</td></tr></table>b") == "ab")
    }

    @Test func tablesOpenedOrClosedByTemplates() {
        // Rows of a table whose `{|` comes from a template are not prose.
        #expect(plain("Awards.\n{{Awards table}}\n|-\n| 2010 || Grammy || Won\n! A !! B\n|}\nAfter.") == "Awards.\n\nAfter.")
        // A table whose `|}` comes from a template ends at the next heading.
        #expect(plain("Intro.\n{|\n| a\n{{end}}\n\n== Later ==\nProse.") == "Intro.\n\nLater\nProse.")
        // A heading whose text was all markup leaves no line.
        #expect(plain("== {{anchor|x}} ==\nText.") == "Text.")
    }

    @Test func tagsInsideAPoemKeepTheTextAfterThem() {
        #expect(plain("x\n<poem>\nline a <br> still\nline b\n</poem>") == "x\nline a\nstill\nline b")
        let refs = "<poem>\nA<ref>x</ref>\nB\n</poem>\nMiddle paragraph here.<ref>y</ref>\nTail."
        #expect(plain(refs) == "A\nB\nMiddle paragraph here. Tail.")
    }

    @Test func smallRenderingCases() {
        // Character references inside <nowiki> and <pre> are decoded, as MediaWiki shows them.
        #expect(plain("Write <nowiki>&lt;ref&gt;</nowiki> tags.") == "Write <ref> tags.")
        // A comment on a line of its own does not split the paragraph.
        #expect(plain("A\n<!-- c -->\nB") == "A B")
        #expect(plain("{{val|6.022|e=23|u=mol-1}}") == "6.022×10^23 mol-1")
        // File aliases of other languages' wikis are files even when the dump does not list them.
        #expect(plain("Der Fluss.[[Bild:Rhein.jpg|miniatur|links|Der Rhein bei Köln]] Mehr.") == "Der Fluss. Mehr.")
    }

    @Test func parenthesesOfTextStay() {
        #expect(plain("Call <code>printf()</code> first.") == "Call printf() first.")
        #expect(plain("({{lang-fr|}}) text") == "text")
    }

    @Test func aPageWithNestedTemplatesAndTables() {
        let page = """
            {{Infobox country
            | name = Freedonia
            | capital = {{nowrap|[[Fredville]] {{small|(de facto)}}}}
            | population = {{#expr: {{formatnum:1000}} * 2}}
            | table = {{{!}}
            {{!}} cell
            {{!}}}
            }}
            '''Freedonia''' is a country<ref>{{cite web|title={{lang|fr|Liberté}}}}</ref> with {{convert|5000|km2}} of land.
            {| class="wikitable"
            |-
            ! Year !! Population
            |-
            | 2000 || {{formatnum:1000}}
            |-
            | 2010 || {{nowrap|2,000}}<ref>x</ref>
            |}
            == Economy ==
            {{Main|Economy of Freedonia}}
            {{Multiple issues|{{Refimprove|date=2020}}{{Update|date=2021}}}}
            The economy is based on {{lang|fr|fromage}} and [[tourism]].
            """
        #expect(plain(page) == "Freedonia is a country with 5000 km2 of land.\n\nEconomy\nThe economy is based on fromage and tourism.")
        #expect(plain(page, tables: true) == "Freedonia is a country with 5000 km2 of land.\nYear\nPopulation\n2000\n2010\n2,000\n\nEconomy\nThe economy is based on fromage and tourism.")
    }

    @Test func endMatterSectionsAreDroppedUnlessTheyHoldProse() {
        let page = "Body.\n== See also ==\n* [[X]]\n== Notes ==\nA note written as prose.\n== References ==\n{{Reflist}}\n== External links ==\n* [http://x.org X]\n{{Navbox}}"
        #expect(plain(page) == "Body.\n\nNotes\nA note written as prose.")
        #expect(plain("Body.\n== Gallery ==\n<gallery>\nx.jpg\n</gallery>\n== Later ==\nText.") == "Body.\n\nLater\nText.")
        #expect(plain("Body.\n== History ==\n=== Empty ===\n{{Expand section}}\n=== Full ===\nText.") == "Body.\n\nHistory\n\nFull\nText.")
        #expect(plain("Body.\n== Further reading ==\n* {{cite book|title=A}}\n* Smith, ''Book'' (1999)") == "Body.")
        #expect(plain("Text.\n== Einzelnachweise ==\n<references />\n== Weblinks ==\n* [http://x.de X]") == "Text.")
    }

    @Test func redirectsAreRecognized() {
        for text in ["#REDIRECT [[Ada Lovelace]]", "  #redirect[[x]]", "#Redirect [[y]]"] {
            var t = text
            #expect(t.withUTF8 { WikitextConverter.isRedirect($0) }, "\(text)")
        }
        var t = "# REDIRECT is a list item"
        #expect(!t.withUTF8 { WikitextConverter.isRedirect($0) })
    }

    // MARK: Pathological input

    @Test func pathologicalInputConvertsInLinearTime() {
        let n = 200_000
        #expect(plain(String(repeating: "{{", count: n)) == "")
        #expect(plain(String(repeating: "}}", count: 10)) == String(repeating: "}}", count: 10))
        #expect(plain(String(repeating: "[[", count: n / 10)).hasPrefix("[[[["))
        #expect(plain(String(repeating: "<ref>", count: n / 10)).isEmpty)
        #expect(plain(String(repeating: "<!--", count: n / 10)).isEmpty)
        #expect(plain(String(repeating: "[http://x ", count: n / 10)).hasPrefix("[http://x [http://x"))
        #expect(plain(String(repeating: "<span ", count: n / 10)).hasPrefix("<span <span"))
        let runs = n / 12 * 2          // even: bold and italic counts are not both odd
        #expect(plain(String(repeating: "'''x''", count: runs)) == String(repeating: "x", count: runs))
        #expect(plain(String(repeating: "'", count: n)).count == n - 5)
        #expect(plain(String(repeating: "&amp", count: n / 10)).hasPrefix("&amp&amp"))
        #expect(plain(String(repeating: "[[a|", count: n / 10) + String(repeating: "]]", count: n / 10)).count < n)
        let deep = String(repeating: "{{a|[[b|", count: 5000) + "x" + String(repeating: "]]}}", count: 5000)
        #expect(plain("p " + deep + " q") == "p q")
        let tables = String(repeating: "{|\n", count: 5000) + "| cell\n" + String(repeating: "|}\n", count: 5000) + "after"
        #expect(plain(tables) == "after")
        #expect(plain("<pre>" + String(repeating: "x", count: n)).count == n)
    }

    /// The template remover against a naive twin: remove innermost `{{…}}` pairs until none
    /// is left, then drop unmatched `{{`. Random mixes of braces, pipes, links and words.
    @Test func templateRemovalMatchesANaiveTwin() {
        var random = SplitMix64(seed: 7)
        let pieces = ["{{", "}}", "a", "b ", "|", "[[x]]", "x=", "c"]
        for _ in 0..<3000 {
            var text = ""
            for _ in 0..<random.below(30) {
                let piece = pieces[random.below(pieces.count)]
                // No `{{{` runs (parameter syntax, matched three at a time by both MediaWiki
                // and the converter) in this comparison.
                if piece == "{{" && text.hasSuffix("{") { text += "a" }
                if piece == "}}" && text.hasSuffix("{") { text += "a" }
                text += piece
            }
            var converter = WikitextPreprocessor()
            let out = ByteBuffer()
            var bytes = text
            bytes.withUTF8 { converter.run($0, keepTables: false, into: out) }
            let fast = String(decoding: out.bytes, as: UTF8.self)
            #expect(fast == naiveTemplateRemoval(text), "\(text)")
        }
    }
}

/// Removes innermost `{{…}}` pairs one at a time (quadratic), then unmatched `{{`.
func naiveTemplateRemoval(_ text: String) -> String {
    var tokens: [String] = []
    var rest = Substring(text)
    while !rest.isEmpty {
        if rest.hasPrefix("{{") || rest.hasPrefix("}}") {
            tokens.append(String(rest.prefix(2)))
            rest = rest.dropFirst(2)
        } else {
            tokens.append(String(rest.first!))
            rest = rest.dropFirst()
        }
    }
    var changed = true
    while changed {
        changed = false
        var lastOpen: Int?
        for (i, token) in tokens.enumerated() {
            if token == "{{" { lastOpen = i }
            if token == "}}", let open = lastOpen {
                tokens.removeSubrange(open...i)
                changed = true
                break
            }
        }
    }
    return tokens.filter { $0 != "{{" }.joined()
}
