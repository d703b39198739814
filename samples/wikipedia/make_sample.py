#!/usr/bin/env python3
"""Writes the sample MediaWiki dump for wikipedia_v1 (see samples/README.md).

Outputs, next to this script:
  sample-pages.xml            the dump, schema export-0.11, 11 hand-written pages
  sample-pages.xml.bz2        the same bytes as a multistream bzip2 file: one stream for the
                              header and <siteinfo>, one per 4 pages, one for </mediawiki>
and in Tests/QuarryHTMLTests/Fixtures/wikipedia/:
  truncated-pages.xml         the dump cut in the middle of the 7th page's wikitext
  truncated-pages.xml.bz2     the multistream file cut in the middle of its third page stream
  malformed-pages.xml         the dump with a broken tag in the 3rd page (<titl>...</title>)

Deterministic: run it again and the files come out byte for byte the same (Python 3.11,
bz2 level 9).
"""
import bz2
import hashlib
import os
from xml.sax.saxutils import escape

HERE = os.path.dirname(os.path.abspath(__file__))
FIXTURES = os.path.join(HERE, "..", "..", "Tests", "QuarryHTMLTests", "Fixtures", "wikipedia")

HEADER = """<mediawiki xmlns="http://www.mediawiki.org/xml/export-0.11/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://www.mediawiki.org/xml/export-0.11/ http://www.mediawiki.org/xml/export-0.11.xsd" version="0.11" xml:lang="en">
  <siteinfo>
    <sitename>Wikipedia</sitename>
    <dbname>enwiki</dbname>
    <base>https://en.wikipedia.org/wiki/Main_Page</base>
    <generator>MediaWiki 1.43.0-wmf.1</generator>
    <case>first-letter</case>
    <namespaces>
      <namespace key="-2" case="first-letter">Media</namespace>
      <namespace key="-1" case="first-letter">Special</namespace>
      <namespace key="0" case="first-letter" />
      <namespace key="1" case="first-letter">Talk</namespace>
      <namespace key="2" case="first-letter">User</namespace>
      <namespace key="3" case="first-letter">User talk</namespace>
      <namespace key="4" case="first-letter">Wikipedia</namespace>
      <namespace key="5" case="first-letter">Wikipedia talk</namespace>
      <namespace key="6" case="first-letter">File</namespace>
      <namespace key="7" case="first-letter">File talk</namespace>
      <namespace key="8" case="first-letter">MediaWiki</namespace>
      <namespace key="9" case="first-letter">MediaWiki talk</namespace>
      <namespace key="10" case="first-letter">Template</namespace>
      <namespace key="11" case="first-letter">Template talk</namespace>
      <namespace key="12" case="first-letter">Help</namespace>
      <namespace key="13" case="first-letter">Help talk</namespace>
      <namespace key="14" case="first-letter">Category</namespace>
      <namespace key="15" case="first-letter">Category talk</namespace>
      <namespace key="100" case="first-letter">Portal</namespace>
      <namespace key="101" case="first-letter">Portal talk</namespace>
      <namespace key="828" case="first-letter">Module</namespace>
      <namespace key="829" case="first-letter">Module talk</namespace>
    </namespaces>
  </siteinfo>
"""
FOOTER = "</mediawiki>\n"

# (title, ns, page id, revision id, parent id, timestamp, contributor, redirect target, wikitext)
PAGES = []

PAGES.append(("Ada Lovelace", 0, 974, 1204481001, 1204479911, "2024-02-11T09:12:44Z", "Quillwright", None, """\
{{Short description|English mathematician (1815–1852)}}
{{Use dmy dates|date=March 2023}}
{{Infobox person
| name        = Ada Lovelace
| image       = Ada Lovelace portrait.jpg
| caption     = Portrait by {{ill|Margaret Carpenter|de}}, 1836
| birth_name  = Augusta Ada Byron
| birth_date  = {{birth date|1815|12|10|df=y}}
| birth_place = [[London]], England
| death_date  = {{death date and age|1852|11|27|1815|12|10|df=y}}
| known_for   = {{hlist|[[Analytical Engine]]|first [[computer program]]}}
| spouse      = {{marriage|[[William King-Noel, 1st Earl of Lovelace|William King]]|1835}}
}}
'''Augusta Ada King, Countess of Lovelace''' (''née'' '''Byron'''; 10 December 1815 – 27 November 1852) was an English [[mathematician]] and writer, chiefly known for her work on [[Charles Babbage]]'s proposed mechanical general-purpose computer, the [[Analytical Engine]].<ref name="Toole">{{cite book |last=Toole |first=Betty Alexandra |title=Ada, the Enchantress of Numbers |publisher=Strawberry Press |year=1998 |isbn=978-0-912647-18-0}}</ref> She was the first to recognise that the machine had applications beyond pure calculation.<ref>{{cite web |url=https://www.example.org/ada |title=Ada Lovelace |access-date=1 March 2023}}</ref>

Lovelace is often regarded as the first [[computer programmer]].<ref name="Toole" /><!-- see talk page before changing -->

== Early life ==
[[File:Ada Byron aged seventeen (1832).jpg|thumb|upright|Ada Byron, aged seventeen, in a portrait of 1832 after a [[miniature (illuminated manuscript)|miniature]] by an unknown artist]]
Lovelace was the only legitimate child of the poet [[Lord Byron]] and the reformer [[Anne Isabella Milbanke|Anne Isabella Byron]].{{efn|Byron had other children by other women, among them [[Allegra Byron]].}} Byron separated from his wife a month after Ada was born and left England forever.
Four months later he wrote a poem about the parting.

Her mother promoted Ada's interest in [[mathematics]] and [[logic]], in an effort to prevent her from developing her father's perceived insanity.<ref>{{Harvnb|Stein|1985|p=17}}</ref> Her tutors included [[Mary Somerville]] and [[Augustus De Morgan]].

=== Health ===
Throughout her life she was often ill, starting in early childhood. At the age of eight, she experienced headaches that obscured her vision.{{sfn|Turney|1972|p=35}}

== Work ==
{{Main|Note G}}
In 1842 and 1843 Ada translated an article by the Italian military engineer [[Luigi Menabrea]] about the Analytical Engine, supplementing it with an elaborate set of seven ''notes'', simply labelled A to G. The notes are around three times longer than the article itself. Note G describes an [[algorithm]] for the Analytical Engine to compute [[Bernoulli number]]s.

Her notes set out the following ideas:
* the machine could act upon things other than numbers;
* an [[algorithm]] could be ''encoded'' for it, on punched cards;
* loops ("cycles") could repeat a group of operations.

== Legacy ==
{{Quote|text=That brain of mine is something more than merely mortal; as time will show.|author=Ada Lovelace|source=Letter to Charles Babbage, 1843}}
The computer language [[Ada (programming language)|Ada]], created on behalf of the [[United States Department of Defense]], was named after Lovelace.<ref>{{cite news |title=Ada honoured |date=1980}}</ref> [[Ada Lovelace Day]] is held every year on the second Tuesday of October.

== See also ==
* [[Women in computing]]
* [[Timeline of women in science]]

== Notes ==
{{Notelist}}

== References ==
{{Reflist}}

== External links ==
* {{Commons category|Ada Lovelace}}
* [https://www.bbc.co.uk/history/ada "Ada Lovelace"], BBC History
* [https://www.example.org/archive]

{{Authority control}}
{{DEFAULTSORT:Lovelace, Ada}}
[[Category:1815 births]]
[[Category:1852 deaths]]
[[Category:English women mathematicians]]
"""))

PAGES.append(("Rhine", 0, 25381, 1198334207, 1198330015, "2024-01-15T17:40:03Z", "Flussfreund", None, """\
{{Short description|Major river in Western Europe}}
{{Other uses}}
{{Infobox river
| name       = Rhine
| native_name = {{native name list|tag1=de|name1=Rhein|tag2=fr|name2=Rhin|tag3=nl|name3=Rijn}}
| length     = {{convert|1233|km|mi|abbr=on}}
| discharge1_avg = {{convert|2900|m3/s|cuft/s|abbr=on}}
| source1_location = [[Lake Toma]], {{flagicon|Switzerland}} [[Switzerland]]
| mouth      = [[North Sea]]
| basin_size = {{convert|185000|km2|sqmi|abbr=on}}
}}
The '''Rhine''' ({{lang-de|Rhein}}; {{lang-fr|Rhin}}; {{lang-nl|Rijn}}) is one of the major rivers in [[Europe]]. The river begins in the Swiss canton of [[Graubünden]] in the southeastern [[Swiss Alps]]. It forms part of the Swiss–Liechtenstein, Swiss–Austrian, Swiss–German and then the [[France–Germany border|Franco-German border]], then flows through the [[Rhineland]] and eventually empties into the [[North Sea]] in the [[Netherlands]]. The biggest city on the river is [[Cologne]], Germany, with a population of more than 1,050,000 people.<ref name="cologne">{{cite web|title=Population|url=https://www.example.org/koeln|website=Stadt Köln}}</ref>

The Rhine is about {{convert|1233|km|mi}} long.{{efn|Older figures of {{convert|1320|km}} were based on a miscalculation.}} It is the second-longest river in [[Central Europe|Central]] and [[Western Europe]] (after the [[Danube]]), at about {{convert|1230|km|mi|abbr=on}}, with an average discharge of about {{cvt|2900|m3/s}}.

[[Image:Rhine Falls.jpg|thumb|left|220px|The [[Rhine Falls]] near [[Schaffhausen]], the largest plain [[waterfall]] in Europe{{sfn|Ruhl|2004}}]]

== Course ==
From its source in the Alps the river flows through [[Lake Constance]] and over the Rhine Falls. Below [[Basel]] it becomes the '''Upper Rhine''', flowing north through a wide [[rift valley]] between the [[Black Forest]] and the [[Vosges]].

=== Tributaries ===
{| class="wikitable sortable"
|+ Main tributaries
|-
! Tributary !! Side !! Length (km) !! Mouth
|-
| [[Aare]] || left || 295 || [[Koblenz, Switzerland|Koblenz]]
|-
| [[Neckar]] || right || 362 || [[Mannheim]]
|-
| [[Main (river)|Main]] || right || 525 || [[Mainz]]
|-
| style="background:#eee" | [[Moselle]] || left || 544 || [[Koblenz]]
|}

== Navigation ==
The Rhine has been a navigable waterway since [[Ancient Rome|Roman times]]; today it carries more freight than any other river in Europe.<ref>{{cite journal |journal=Journal of Inland Shipping |year=2019 |volume=12 |pages=4–9}}</ref> The [[Central Commission for Navigation on the Rhine]], founded in 1815, is the oldest international organisation still in existence.

<gallery>
File:Loreley.jpg|The [[Lorelei]] rock
File:Koeln Dom.jpg|Cologne Cathedral by the Rhine
</gallery>

== References ==
<references />

== External links ==
* {{Wikivoyage|Rhine}}
* [http://www.iksr.org/ International Commission for the Protection of the Rhine]

{{Coord|51|52|N|6|2|E|display=title}}
[[Category:Rivers of Europe| ]]
[[Category:Rhine|*]]
[[de:Rhein]]
[[fr:Rhin]]
"""))

PAGES.append(("Pythagorean theorem", 0, 26513, 1201877120, 1201400388, "2024-01-30T08:01:59Z", "Euclidea", None, """\
{{Short description|Relation between sides of a right triangle}}
{{Infobox mathematical statement
| name = Pythagorean theorem
| field = [[Euclidean geometry]]
| statement = The sum of the areas of the two squares on the legs equals the area of the square on the hypotenuse.
| symbolic statement = <math>a^2 + b^2 = c^2</math>
}}
In [[mathematics]], the '''Pythagorean theorem''' or '''Pythagoras' theorem''' is a fundamental relation in [[Euclidean geometry]] between the three sides of a [[right triangle]]. It states that the area of the square whose side is the [[hypotenuse]] is equal to the sum of the areas of the squares on the other two sides.

The theorem can be written as an [[equation]] relating the lengths of the sides {{mvar|a}}, {{mvar|b}} and the hypotenuse {{mvar|c}}, sometimes called the ''Pythagorean equation'':<ref name=judd/>
:<math display="block">a^2 + b^2 = c^2 .</math>

== Proofs ==
The theorem has been proved many times, possibly more than any other mathematical theorem.<ref>{{cite book|last=Loomis|first=Elisha Scott|title=The Pythagorean Proposition|year=1940}}</ref> The proofs are diverse:
# proofs by rearrangement of four copies of the triangle;
# algebraic proofs, using <math>(a+b)^2 = c^2 + 4\\cdot\\tfrac{1}{2}ab</math>;
# proofs using [[similar triangles]], as in ''[[Euclid's Elements|Elements]]'' Book VI.

; Converse
: If the sides satisfy ''a''<sup>2</sup> + ''b''<sup>2</sup> = ''c''<sup>2</sup>, the triangle is a right triangle.

== Pythagorean triples ==
A ''Pythagorean triple'' has three positive integers ''a'', ''b'', and ''c'', such that {{math|''a''<sup>2</sup> + ''b''<sup>2</sup> {{=}} ''c''<sup>2</sup>}}. The smallest is (3,&nbsp;4,&nbsp;5).

{| class="wikitable" style="text-align:center"
! ''a'' !! ''b'' !! ''c''
|-
| 3 || 4 || 5
|-
| 5 || 12 || 13
|-
| 8 || 15 || 17
|}

== See also ==
{{Portal|Mathematics}}
{{div col|colwidth=20em}}
* [[Law of cosines]]
* [[Pythagorean trigonometric identity]]
{{div col end}}

== References ==
{{reflist|refs=
<ref name=judd>{{cite book|last=Judd|title=Geometry|year=2001}}</ref>
}}

[[Category:Theorems in geometry]]
[[Category:Euclidean geometry]]
"""))

PAGES.append(("\"Hello, World!\" program", 0, 145297, 1196052345, 1195811460, "2024-01-03T22:15:30Z", "Kernighan fan", None, """\
{{Short description|Traditional first example of a computer programming language}}
{{Redirect|Hello World|other uses|Hello World (disambiguation)}}
[[File:Hello World Brian Kernighan 1978.jpg|thumb|"Hello, World!" program handwritten in the [[C (programming language)|C language]] and signed by [[Brian Kernighan]] (1978)]]
A '''"Hello, World!" program''' is usually a simple [[computer program]] that emits (or displays) to the screen (often the [[system console|console]]) a message similar to "Hello, World!". A small piece of code in most [[general-purpose programming language]]s, this program is used to illustrate a language's basic [[Syntax (programming languages)|syntax]].

== History ==
While several small test programs have existed since the development of programmable [[computer]]s, the tradition of using the phrase "Hello, World!" as a test message was influenced by an example program in the 1978 book ''[[The C Programming Language]]''.<ref>{{cite book |last1=Kernighan |first1=Brian W. |last2=Ritchie |first2=Dennis M. |title=The C Programming Language |year=1978}}</ref> The example program from the book prints {{samp|hello, world}}, and was inherited from a 1974 [[Bell Laboratories]] internal memorandum:

<syntaxhighlight lang="c">
main( ) {
        printf("hello, world\\n");
}
</syntaxhighlight>

In [[Python (programming language)|Python]] the whole program is <code>print("Hello, World!")</code>; in a shell one can type <syntaxhighlight lang="bash" inline>echo 'Hello, World!'</syntaxhighlight>.

== Variations ==
"Hello, World!" programs vary in complexity between different languages. In some languages, particularly [[scripting language]]s, the program can be written as a single statement, while in others (particularly many [[low-level language]]s) many more statements are required. Wiki markup itself is written like <nowiki>[[link]] and {{template}}</nowiki>.

Some tutorials print a message of more than one line:
 Hello, World!
 Welcome to the program.

== See also ==
* [[Trabb Pardo–Knuth algorithm]]
* [[Foobar]]

== References ==
{{Reflist}}

== External links ==
* {{Commons category-inline}}
* [http://helloworldcollection.de/ The Hello World Collection]
* Rosetta Code lists the program in many languages: https://rosettacode.org/wiki/Hello_world/Text

[[Category:Test items in computer languages]]
[[Category:Computer programming folklore]]
"""))

PAGES.append(("Lovelace", 0, 3051823, 1104522010, None, "2022-08-19T13:00:00Z", "RedirectBot", "Ada Lovelace", """\
#REDIRECT [[Ada Lovelace]]

{{Redirect category shell|
{{R from surname}}
}}
"""))

PAGES.append(("Talk:Rhine", 1, 25382, 1187700231, 1187698870, "2023-11-20T11:11:11Z", "Flussfreund", None, """\
{{Talk header}}
{{WikiProject banner shell|class=B|
{{WikiProject Rivers|importance=High}}
}}
== Length of the Rhine ==
Should the infobox give 1,233 km or 1,320 km? [[User:Flussfreund|Flussfreund]] ([[User talk:Flussfreund|talk]]) 10:02, 19 November 2023 (UTC)
:The 1,233 km figure is the corrected one; see the 2010 article. ~~~~
"""))

PAGES.append(("Photosynthesis", 0, 24544, 1205518800, 1205511111, "2024-02-16T06:30:12Z", "Chloro Phyll", None, """\
{{Short description|Biological process to convert light into chemical energy}}
{{pp-semi-indef}}
{{Featured article}}
__NOTOC__
[[File:Leaf 1 web.jpg|thumb|Leaves are the primary site of photosynthesis in plants.<ref>{{cite web|title=Leaves|url=https://example.org/leaf}}</ref>]]
'''Photosynthesis''' ({{IPAc-en|ˌ|f|oʊ|t|ə|ˈ|s|ɪ|n|θ|ə|s|ɪ|s}} {{respell|FOH|tə|SINTH|ə|sis}}) is a system of biological processes by which [[Photoautotrophism|photosynthetic organisms]], such as most [[plant]]s, [[algae]], and [[cyanobacteria]], convert [[light energy]], typically from [[sunlight]], into the [[chemical energy]] necessary to fuel their [[metabolism]].{{refn|group=note|The term {{em|photosynthesis}} usually refers to {{nowrap|oxygenic photosynthesis}}.}}
Most organisms that use oxygenic photosynthesis use [[visible light]] for the light-dependent reactions.

== Overview ==
{{Further|Photosynthetic efficiency}}
<!-- This section is summarised in the lead; keep them consistent. -->
Photosynthetic organisms store the chemical energy so produced within [[Intracellular|intracellular]] [[organic compound]]s (compounds containing carbon) like [[sugar]]s, [[glycogen]], [[cellulose]] and [[starch]]es. The overall equation for the type of photosynthesis that occurs in plants is:

: 6CO<sub>2</sub> + 6H<sub>2</sub>O → C<sub>6</sub>H<sub>12</sub>O<sub>6</sub> + 6O<sub>2</sub>

The process has two stages:
# the [[light-dependent reactions]], which capture the energy of light;
# the [[Calvin cycle]] (light-independent reactions), which uses that energy to fix carbon.

; Light-dependent reactions : take place in the [[thylakoid membrane]]s.
; Calvin cycle : takes place in the [[stroma (fluid)|stroma]].

== Efficiency ==
Plants usually convert light into [[chemical energy]] with a photosynthetic efficiency of 3–6%.{{#tag:ref|Values vary with {{#if:{{{species|}}}|the species|light intensity and temperature}}.|group=note}} By comparison, [[solar panel]]s convert light into [[electric energy]] at an efficiency of approximately 6–20%&nbsp;for mass-produced panels &mdash; and above 40% in laboratory devices.

== Notes ==
{{Notelist}}

== References ==
{{Reflist|30em}}

== Further reading ==
* {{cite book |last=Blankenship |first=Robert E. |title=Molecular Mechanisms of Photosynthesis |year=2014}}
* {{cite journal |last=Nelson |first=Nathan |title=Plant photosystem I |year=2017}}

[[Category:Photosynthesis| ]]
[[Category:Biological processes]]
"""))

PAGES.append(("Mount Everest", 0, 42179, 1206002468, 1205990001, "2024-02-19T03:47:21Z", "Sherpa Tenzing", None, """\
{{Short description|Earth's highest mountain above sea level}}
{{Infobox mountain
| name = Mount Everest
| elevation_m = 8848.86
| elevation_ref = <ref name=NG2020>{{cite news|title=It's official: Mount Everest is 8,848.86 m tall|date=8 December 2020}}</ref>
| location = {{ubl|[[Khumbu Pasalamu]], [[Nepal]]|[[Tingri County]], [[Tibet]], [[China]]}}
| coordinates = {{coord|27|59|18|N|86|55|31|E|type:mountain|display=inline,title}}
| first_ascent = 29 May 1953<br />[[Edmund Hillary]] and [[Tenzing Norgay]]
}}
'''Mount Everest''' (known locally as ''Sagarmāthā'' in Nepal and ''Qomolangma'' in Tibet) is [[Earth]]'s highest mountain above [[sea level]], located in the [[Mahalangur Himal]] sub-range of the [[Himalayas]]. The [[China–Nepal border]] runs across its summit point.<ref name=NG2020/> Its elevation of {{convert|8848.86|m|ft|abbr=on}} was most recently established in 2020 by the Chinese and Nepali authorities.

== Name ==
The Tibetan name is ''Chomolungma'' ({{lang|bo|ཇོ་མོ་གླང་མ}}), and its official Chinese transcription is {{lang|zh-Hans|珠穆朗玛峰}}. In 1865 the [[Royal Geographical Society]] gave the mountain its English name, after [[George Everest]]; Everest himself had objected.{{efn|He thought the name could not be written in Hindi or pronounced by the people of India.}}

== Climbing ==
{{As of|2023}}, more than 6,000 people had reached the summit. The two main climbing routes are:
* the southeast ridge from [[Nepal]] ("the standard route");
* the north ridge from [[Tibet]].
The first recorded ascent was on 29&nbsp;May 1953, by [[Edmund Hillary]] and [[Tenzing Norgay]]. {{citation needed|date=May 2023}}

{| class="wikitable"
|+ Selected ascents
! Year !! Climbers
|-
| 1953 || Hillary, Norgay
|-
| 1975 || [[Junko Tabei]]
|}

== References ==
{{Reflist}}

[[Category:Mountains of Nepal]]
[[Category:Seven Summits]]
[[zh:珠穆朗玛峰]]
[[ne:सगरमाथा]]
"""))

PAGES.append(("长城", 0, 5012233, 1199120456, 1199000001, "2024-01-20T12:00:00Z", "长城爱好者", None, """\
{{Infobox World Heritage Site
| Name = 长城
| Year = 1987
}}
'''长城'''（{{lang-en|Great Wall of China}}）是[[中国]]古代的军事防御工程，是一道高大、坚固而且连绵不断的长垣，用以限隔敌骑的行动。<ref>{{cite book|title=中国长城史|year=2006}}</ref>长城东西绵延上万[[华里]]，因此又称作'''万里长城'''。

== 历史 ==
[[File:GreatWall 2004 Summer 4.jpg|thumb|[[八达岭]]长城]]
现存的长城遗迹主要为始建于14世纪的[[明朝]]长城，西起[[嘉峪关]]，东至[[辽东]][[虎山长城|虎山]]，全长8851.8公里。
* [[秦朝]]长城
* [[汉朝]]长城

== 参考文献 ==
{{Reflist}}

[[Category:中国长城]]
"""))

PAGES.append(("Template:Infobox river", 10, 1130772, 1190000111, 1189999000, "2023-12-01T00:00:00Z", "Template editor", None, """\
{{#invoke:Infobox|infobox
| above = {{{name|{{PAGENAME}}}}}
| label1 = Length | data1 = {{{length|}}}
}}<noinclude>{{Documentation}}</noinclude>
"""))

PAGES.append(("Oxygen", 0, 22303, 1205412345, 1205400000, "2024-02-15T10:10:10Z", "Lavoisier", None, """\
{{Short description|Chemical element with atomic number 8}}
{{Infobox oxygen}}
'''Oxygen''' is a [[chemical element]]; it has [[Chemical symbol|symbol]] '''O''' and [[atomic number]] 8. It is a member of the [[chalcogen]] [[Group (periodic table)|group]] in the [[periodic table]], a highly [[Reactivity (chemistry)|reactive]] [[nonmetal]], and a potent [[oxidizing agent]] that readily forms [[oxide]]s with most elements as well as with other [[chemical compound|compounds]]. Oxygen is [[Abundance of the chemical elements|the most abundant element]] in Earth's crust, making up almost half of the Earth's crust in the form of various oxides such as water, carbon dioxide, iron oxides and silicates.<ref>{{cite web|url=https://example.org/o|title=Oxygen}}</ref> It is the third-most abundant element in the universe after [[hydrogen]] and [[helium]].

{{Periodic table (navbox)}}
[[Category:Chemical elements]]
[[Category:Oxidizing agents]]
"""))


def page_xml(title, ns, page_id, rev_id, parent_id, timestamp, user, redirect, text):
    data = text.encode("utf-8")
    lines = ["  <page>", f"    <title>{escape(title)}</title>", f"    <ns>{ns}</ns>", f"    <id>{page_id}</id>"]
    if redirect:
        lines.append(f'    <redirect title="{escape(redirect, {chr(34): "&quot;"})}" />')
    lines.append("    <revision>")
    lines.append(f"      <id>{rev_id}</id>")
    if parent_id:
        lines.append(f"      <parentid>{parent_id}</parentid>")
    lines.append(f"      <timestamp>{timestamp}</timestamp>")
    lines.append("      <contributor>")
    lines.append(f"        <username>{escape(user)}</username>")
    lines.append(f"        <id>{page_id % 9973 + 17}</id>")
    lines.append("      </contributor>")
    lines.append("      <comment>copyedit</comment>")
    lines.append("      <origin>%d</origin>" % rev_id)
    lines.append("      <model>wikitext</model>")
    lines.append("      <format>text/x-wiki</format>")
    lines.append(f'      <text bytes="{len(data)}" sha1="{sha1_base36(data)}" xml:space="preserve">{escape(text)}</text>')
    lines.append(f"      <sha1>{sha1_base36(data)}</sha1>")
    lines.append("    </revision>")
    lines.append("  </page>")
    return "\n".join(lines) + "\n"


def sha1_base36(data):
    n = int.from_bytes(hashlib.sha1(data).digest(), "big")
    digits = "0123456789abcdefghijklmnopqrstuvwxyz"
    out = ""
    while n:
        n, r = divmod(n, 36)
        out = digits[r] + out
    return out.rjust(31, "0")


def main():
    pages = [page_xml(*p) for p in PAGES]
    xml = HEADER + "".join(pages) + FOOTER
    data = xml.encode("utf-8")
    with open(os.path.join(HERE, "sample-pages.xml"), "wb") as f:
        f.write(data)

    # Multistream: like the real dumps, the header and siteinfo in the first stream, then
    # pages in groups (100 per stream in real dumps, 4 here), then the footer alone.
    streams = [HEADER] + ["".join(pages[i:i + 4]) for i in range(0, len(pages), 4)] + [FOOTER]
    compressed = [bz2.compress(s.encode("utf-8"), 9) for s in streams]
    with open(os.path.join(HERE, "sample-pages.xml.bz2"), "wb") as f:
        f.write(b"".join(compressed))

    os.makedirs(FIXTURES, exist_ok=True)
    # Truncated plain dump: cut in the middle of the 7th page's wikitext.
    cut = data.index(b"Photosynthetic organisms store the chemical energy")
    with open(os.path.join(FIXTURES, "truncated-pages.xml"), "wb") as f:
        f.write(data[:cut])
    # Truncated multistream file: the header stream, the first page stream, and the first
    # half of the second page stream's compressed bytes.
    with open(os.path.join(FIXTURES, "truncated-pages.xml.bz2"), "wb") as f:
        f.write(compressed[0] + compressed[1] + compressed[2][: len(compressed[2]) // 2])
    # Malformed XML: the 3rd page's title element is misspelt, so its end tag does not match.
    broken = data.replace(b"<title>Pythagorean theorem</title>", b"<titl>Pythagorean theorem</title>", 1)
    assert broken != data
    with open(os.path.join(FIXTURES, "malformed-pages.xml"), "wb") as f:
        f.write(broken)


if __name__ == "__main__":
    main()
