"""The integrity rules, one at a time on small variations of a valid master, then the whole
validation over the corpus of invalid files (tests/fixtures/invalid/expected.txt)."""

from __future__ import annotations

import re
import types
from collections.abc import Callable, Iterable
from pathlib import Path

import pytest
from lxml import etree

from pipeline.errors import Diagnostic
from pipeline.validate import RULES, validate_file
from pipeline.validate import rules as R
from pipeline.validate.locate import Locator
from pipeline.xmlsafe import parse_bytes

FIXTURES = Path(__file__).parent / "fixtures"
MINIMAL = (FIXTURES / "valid" / "minimal.xml").read_text(encoding="utf-8")
INVALID = FIXTURES / "invalid"


def document(xml: str, **kwargs: object) -> R.Document:
    tree = parse_bytes(xml.encode("utf-8"), "t.xml")
    return R.Document(tree, Locator(tree, "t.xml", xml), **kwargs)  # type: ignore[arg-type]


def variant(*replacements: tuple[str, str]) -> str:
    """minimal.xml with each (old, new) replaced exactly once."""
    xml = MINIMAL
    for old, new in replacements:
        assert xml.count(old) == 1, old
        xml = xml.replace(old, new)
    return xml


def run(
    rule: Callable[[R.Document], Iterable[Diagnostic]], xml: str, **kwargs: object
) -> list[str]:
    return [
        f"{d.location.line}:{d.location.col}: {d.severity} {d.message} [{d.code}]"
        for d in rule(document(xml, **kwargs))
    ]


N1 = '<note xml:id="n1" n="1" type="editorial" target="#n1-ref">'
N2 = '<note xml:id="n2" n="2" type="editorial" target="#n2-ref">'
A1 = '<ref type="noteAnchor" xml:id="n1-ref" target="#n1" n="1">1</ref>'
A2 = '<ref type="noteAnchor" xml:id="n2-ref" target="#n2" n="2">2</ref>'
PERSON = '<persName ref="#person-trotsky">Trotsky</persName>'


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.code)
def test_every_rule_passes_the_valid_minimal_master(rule: R.Rule) -> None:
    assert list(rule.check(document(MINIMAL))) == []


def test_rule_codes_are_unique_and_stable() -> None:
    codes = [r.code for r in RULES]
    assert len(codes) == len(set(codes))
    assert codes[:3] == ["E-REF", "W-ENTITY-UNUSED", "E-NOTE-NUMBER"]
    assert all(c.startswith(("E-", "W-")) for c in codes)


# ---------------------------------------------------------------- pointers and entities


def test_dangling_pointer() -> None:
    xml = variant(("lack of agreement.", 'lack of <ref target="#sec-9">agreement</ref>.'))
    assert run(R.check_pointers, xml) == [
        "30:39: error pointer '#sec-9' in @target of 'ref' does not resolve [E-REF]"
    ]


def test_external_pointers_are_not_resolved() -> None:
    xml = variant(
        ("lack of agreement.", 'lack of <ref target="https://example.org/#x">agreement</ref>.')
    )
    assert run(R.check_pointers, xml) == []


def test_entity_missing_from_standoff() -> None:
    xml = variant((PERSON, '<persName ref="#person-stalin">Stalin</persName>'))
    assert run(R.check_pointers, xml) == [
        "31:47: error 'persName' refers to '#person-stalin', which is not in standOff [E-ENTITY]"
    ]


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        (
            PERSON,
            '<persName ref="#work-new-course">T</persName>',
            "pointer '#work-new-course' in @ref of 'persName' leads to 'work', expected 'person'",
        ),
        (
            '<title ref="#work-new-course">',
            '<title ref="#person-trotsky">',
            "pointer '#person-trotsky' in @ref of 'title' leads to 'person', expected 'work'",
        ),
        (
            'target="#n1" n="1"',
            'target="#sec-1" n="1"',
            "pointer '#sec-1' in @target of 'ref' leads to 'div', expected 'note'",
        ),
        (
            '<rdg wit="#wit-numbered"',
            '<rdg wit="#source-web"',
            "pointer '#source-web' in @wit of 'rdg' leads to 'bibl', expected 'witness'",
        ),
    ],
)
def test_pointer_of_the_wrong_kind(old: str, new: str, message: str) -> None:
    found = run(R.check_pointers, variant((old, new)))
    assert [f.split(" error ", 1)[1] for f in found] == [f"{message} [E-REF-KIND]"]


def test_register_pointers_resolve_in_sibling_registers() -> None:
    register = variant(
        ("<text>", "<!--"),
        ("</text>", "-->"),
        (
            '<title type="main">The New Course</title>',
            (
                '<title type="main">The New Course</title>\n'
                '        <author ref="#person-lenin">Lenin</author>'
            ),
        ),
    )
    assert run(R.check_pointers, register) == [
        "54:9: error pointer '#person-lenin' in @ref of 'author' does not resolve [E-REF]"
    ]
    assert run(R.check_pointers, register, foreign_ids={"person-lenin": "person"}) == []
    assert run(R.check_pointers, register, foreign_ids={"person-lenin": "place"}) == [
        (
            "54:9: error pointer '#person-lenin' in @ref of 'author' leads to 'place', "
            "expected 'person' or 'org' [E-REF-KIND]"
        )
    ]


def test_unused_standoff_entry_is_a_warning() -> None:
    xml = variant(
        (
            "</person>",
            (
                "</person>\n"
                '      <person xml:id="person-stalin"><persName type="main">Stalin</persName>'
                "</person>"
            ),
        )
    )
    assert run(R.check_unused_entries, xml) == [
        (
            "50:7: warning standOff entry 'person-stalin' is not referred to in the document "
            "[W-ENTITY-UNUSED]"
        )
    ]


def test_an_entry_referring_to_itself_is_still_unused() -> None:
    xml = variant(
        (PERSON, "Trotsky"),
        (
            '<persName type="main">Leon Trotsky</persName>',
            (
                '<persName type="main">Leon Trotsky</persName>'
                '<note><persName ref="#person-trotsky">he</persName></note>'
            ),
        ),
    )
    assert [f.split(" [")[1] for f in run(R.check_unused_entries, xml)] == ["W-ENTITY-UNUSED]"]


def test_registers_need_not_use_their_entries() -> None:
    register = variant(("<text>", "<!--"), ("</text>", "-->"))
    assert run(R.check_unused_entries, register) == []


# ---------------------------------------------------------------- notes and anchors


def _renumber(n_from: int, n_to: int) -> tuple[tuple[str, str], ...]:
    return (
        (
            f'<note xml:id="n{n_from}" n="{n_from}" type="editorial" target="#n{n_from}-ref">',
            f'<note xml:id="n{n_to}" n="{n_to}" type="editorial" target="#n{n_to}-ref">',
        ),
        (
            (
                f'<ref type="noteAnchor" xml:id="n{n_from}-ref" target="#n{n_from}" '
                f'n="{n_from}">{n_from}</ref>'
            ),
            (
                f'<ref type="noteAnchor" xml:id="n{n_to}-ref" target="#n{n_to}" '
                f'n="{n_to}">{n_to}</ref>'
            ),
        ),
    )


def test_note_gap() -> None:
    assert run(R.check_note_numbers, variant(*_renumber(2, 3))) == [
        "39:9: error note 3 follows note 1: note 2 is missing [E-NOTE-NUMBER]"
    ]
    assert run(R.check_note_numbers, variant(*_renumber(2, 5))) == [
        "39:9: error note 5 follows note 1: notes 2-4 are missing [E-NOTE-NUMBER]"
    ]


def test_notes_that_start_after_one_are_flagged_as_an_excerpt() -> None:
    found = run(R.check_note_numbers, variant(*_renumber(2, 3), *_renumber(1, 2)))
    assert found == [
        (
            "37:9: warning the first note is numbered 2; the notes before it are not in this "
            "document [W-NOTE-NUMBER]"
        )
    ]


def test_duplicate_note_number() -> None:
    xml = variant((N2, '<note xml:id="n2" n="1" type="editorial" target="#n2-ref">'))
    assert run(R.check_note_numbers, xml) == [
        "39:9: error note number 1 is used twice (first at line 37) [E-NOTE-NUMBER]"
    ]
    assert run(R.check_note_ids, xml) == [
        "39:9: error note id 'n2' does not match its number 1 (expected 'n1') [E-NOTE-ID]"
    ]


def test_note_number_must_be_a_whole_number_from_one() -> None:
    xml = variant((N2, '<note xml:id="n2" n="0" type="editorial" target="#n2-ref">'))
    assert run(R.check_note_numbers, xml) == [
        "39:9: error note number '0' is not a whole number from 1 [E-NOTE-NUMBER]"
    ]


def test_a_mark_that_is_no_number_is_a_label_with_an_id_of_its_own() -> None:
    xml = variant((N2, '<note xml:id="n2" n="†" type="editorial" target="#n2-ref">'))
    assert run(R.check_note_numbers, xml) == []
    assert run(R.check_note_ids, xml) == [
        "39:9: error note id 'n2' does not match its number † (expected 'n-dag') [E-NOTE-ID]"
    ]


def test_note_without_anchor_must_be_marked() -> None:
    xml = variant((A2, ""), (N2, '<note xml:id="n2" n="2" type="editorial">'))
    assert run(R.check_note_anchoring, xml) == [
        '39:9: error note 2 has no anchor: give it @target or subtype="unanchored" [E-NOTE-ANCHOR]'
    ]
    marked = variant(
        (A2, ""), (N2, '<note xml:id="n2" n="2" type="editorial" subtype="unanchored">')
    )
    assert run(R.check_note_anchoring, marked) == []
    assert run(R.check_unanchored_notes, marked) == [
        '39:9: warning note 2 has no anchor in the text (subtype="unanchored") [W-NOTE-UNANCHORED]'
    ]


def test_unanchored_note_with_target() -> None:
    xml = variant(
        (N2, '<note xml:id="n2" n="2" type="editorial" subtype="unanchored" target="#n2-ref">')
    )
    assert run(R.check_note_anchoring, xml) == [
        "39:9: error note 2 is marked unanchored but has @target [E-NOTE-ANCHOR]"
    ]
    assert run(R.check_anchors, xml) == [
        "29:69: error note anchor 'n2-ref' points to note 2, which is marked unanchored [E-ANCHOR]"
    ]


def test_note_and_anchor_linked_both_ways() -> None:
    xml = variant((N1, '<note xml:id="n1" n="1" type="editorial" target="#n2-ref">'))
    assert run(R.check_note_anchoring, xml) == [
        "37:9: error note 1 lists anchor 'n2-ref', which points to '#n2' [E-NOTE-ANCHOR]"
    ]
    assert run(R.check_anchors, xml) == [
        (
            "28:57: error note anchor 'n1-ref' points to note 1, which does not point back to it "
            "[E-ANCHOR]"
        )
    ]


def test_anchor_listed_twice() -> None:
    xml = variant((N1, '<note xml:id="n1" n="1" type="editorial" target="#n1-ref #n1-ref">'))
    assert run(R.check_note_anchoring, xml) == [
        "37:9: error note 1 lists anchor '#n1-ref' twice [E-NOTE-ANCHOR]"
    ]


def test_second_anchor_of_a_note() -> None:
    second = '<ref type="noteAnchor" xml:id="n1-ref-2" target="#n1" n="1">1</ref>'
    good = variant(
        ("lack of agreement.", f"lack of agreement.{second}"),
        (N1, '<note xml:id="n1" n="1" type="editorial" target="#n1-ref #n1-ref-2">'),
    )
    assert run(R.check_anchors, good) == [] and run(R.check_note_anchoring, good) == []
    bad = good.replace('xml:id="n1-ref-2"', 'xml:id="n1-ref-3"').replace("#n1-ref-2", "#n1-ref-3")
    assert run(R.check_anchors, bad) == [
        (
            "30:49: error note anchor 'n1-ref-3' should have xml:id 'n1-ref-2' "
            "(anchor 2 of note 1) [E-ANCHOR]"
        )
    ]


def test_anchor_number_must_match_note() -> None:
    xml = variant((A1, '<ref type="noteAnchor" xml:id="n1-ref" target="#n1" n="1">7</ref>'))
    assert run(R.check_anchors, xml) == [
        "28:57: error note anchor 'n1-ref' is numbered '7' but points to note 1 [E-ANCHOR]"
    ]


def test_anchor_pointing_to_several_notes() -> None:
    xml = variant((A1, '<ref type="noteAnchor" xml:id="n1-ref" target="#n1 #n2" n="1">1</ref>'))
    assert run(R.check_anchors, xml) == [
        "28:57: error note anchor 'n1-ref' points to 2 notes; it must point to one [E-ANCHOR]"
    ]


# ---------------------------------------------------------------- content, dates, ids


def test_empty_paragraph_and_head() -> None:
    xml = variant(("<head>The main", '<head><hi rend="bold"> </hi>The main'))
    assert run(R.check_empty, xml) == []  # the head still has text
    xml = variant(
        (
            "<head>The main stages in the development of the Leninist opposition's tactics</head>",
            '<head><hi rend="bold"> </hi></head>',
        )
    )
    assert run(R.check_empty, xml) == ["27:9: error element 'head' is empty [E-EMPTY]"]
    xml = variant(
        ("“is empirical.”</p>", '“is empirical.”</p>\n        <p xml:id="sec-1-p3"> <lb/> </p>')
    )
    assert run(R.check_empty, xml) == ["33:9: error element 'p' is empty [E-EMPTY]"]


@pytest.mark.parametrize(
    ("value", "bounds"),
    [
        ("1932", ((1932, 1, 1), (1932, 12, 31))),
        ("1930-02", ((1930, 2, 1), (1930, 2, 28))),
        ("1932-02", ((1932, 2, 1), (1932, 2, 29))),
        ("1923-10-15", ((1923, 10, 15), (1923, 10, 15))),
        ("1930-02-30", None),
        ("1932-13", None),
        ("32", None),
        ("1932-5", None),
        ("1932-05-01T00:00", None),
        ("15 October 1923", None),
    ],
)
def test_iso_bounds(value: str, bounds: object) -> None:
    assert R.iso_bounds(value) == bounds


def _date(attrs: str) -> str:
    return variant(('<date when="2025-09-11">', f"<date {attrs}>"))


def test_dates() -> None:
    assert run(R.check_dates, _date('when="1930-02-30"')) == [
        (
            "16:31: error attribute 'when' of 'date' is not an ISO 8601 date "
            "(YYYY, YYYY-MM or YYYY-MM-DD): '1930-02-30' [E-DATE]"
        )
    ]
    assert run(R.check_dates, _date('notBefore="1925" notAfter="1923-12"')) == [
        (
            "16:31: error 'date' ends before it starts: @notBefore='1925' is after "
            "@notAfter='1923-12' [E-DATE]"
        )
    ]
    assert run(R.check_dates, _date('from="1923-12" to="1924-01"')) == []
    assert run(R.check_dates, _date('notBefore="1923" notAfter="1923-06"')) == []
    assert run(R.check_dates, _date('when="1923" notAfter="1924"')) == [
        "16:31: error 'date' has @when together with @notAfter [E-DATE]"
    ]
    assert run(R.check_dates, _date('from="1923" notBefore="1923"')) == [
        "16:31: error 'date' has both @from and @notBefore [E-DATE]"
    ]


def test_page_ranges_are_not_dates() -> None:
    xml = variant(
        (
            "lack of agreement.",
            (
                "lack of agreement.<bibl>"
                '<biblScope unit="page" from="215" to="220">pp. 215-220</biblScope></bibl>'
            ),
        )
    )
    assert run(R.check_dates, xml) == []


def test_structural_ids() -> None:
    assert run(R.check_id_scheme, variant(('<p xml:id="sec-1-p2">', '<p xml:id="sec-1-p3">'))) == [
        (
            "31:9: error paragraph id 'sec-1-p3' does not follow the id scheme; "
            "expected 'sec-1-p2' [E-ID-SCHEME]"
        )
    ]
    # A numbered section is sec-<n>; its paragraphs follow its actual id (reported once).
    assert run(
        R.check_id_scheme,
        variant(
            ('<div type="section" xml:id="sec-1">', '<div type="section" n="III" xml:id="sec-1">')
        ),
    ) == [
        "26:7: error div id 'sec-1' does not follow the id scheme; expected 'sec-III' [E-ID-SCHEME]"
    ]
    numbered = MINIMAL.replace(
        '<div type="section" xml:id="sec-1">', '<div type="section" n="III" xml:id="sec-III">'
    ).replace('"sec-1-p', '"sec-III-p')
    assert run(R.check_id_scheme, numbered) == []


def test_subsection_and_intro_ids() -> None:
    xml = variant(
        (
            "<text>",
            (
                "<text>\n"
                '    <front><div type="introduction" xml:id="intro">'
                '<p xml:id="intro-p2">x</p></div></front>'
            ),
        ),
        (
            "</p>\n      </div>\n    </body>",
            (
                "</p>\n"
                '        <div type="subsection" n="A" xml:id="sec-1-B"><head>h</head>'
                '<p xml:id="sec-1-B-p1">x</p></div>\n'
                "      </div>\n"
                "    </body>"
            ),
        ),
    )
    assert run(R.check_id_scheme, xml) == [
        (
            "34:9: error div id 'sec-1-B' does not follow the id scheme; "
            "expected 'sec-1-A' [E-ID-SCHEME]"
        ),
        (
            "25:52: error paragraph id 'intro-p2' does not follow the id scheme; "
            "expected 'intro-p1' [E-ID-SCHEME]"
        ),
    ]


def test_repeated_section_numbers_get_the_converters_suffix() -> None:
    section = (
        '<div type="section" n="III" xml:id="{id}"><head>h</head><p xml:id="{id}-p1">x</p></div>'
    )
    xml = variant(
        (
            "\n    </body>",
            "\n" + section.format(id="sec-III") + section.format(id="sec-III-2") + "\n    </body>",
        )
    )
    assert run(R.check_id_scheme, xml) == []


def test_register_entry_ids() -> None:
    xml = variant(
        ('<person xml:id="person-trotsky">', '<person xml:id="Trotsky">'),
        (PERSON, '<persName ref="#Trotsky">Trotsky</persName>'),
    )
    assert run(R.check_id_scheme, xml) == [
        (
            "47:7: error person id 'Trotsky' does not follow the id scheme; "
            "expected 'person-' and lowercase letters, digits, hyphens [E-ID-SCHEME]"
        )
    ]
    xml = variant(
        ('<witness xml:id="wit-notes">', '<witness xml:id="notes-witness">'),
        ('wit="#wit-notes"', 'wit="#notes-witness"'),
    )
    assert [f.split(" error ")[1][:30] for f in run(R.check_id_scheme, xml)] == [
        "witness id 'notes-witness' doe"
    ]


@pytest.mark.parametrize(
    ("kind", "value", "ok"),
    [
        ("wikidata", "Q33391", True),
        ("wikidata", "33391", False),
        ("wikidata", "Q0", False),
        ("viaf", "12345678", True),
        ("viaf", "V123", False),
        ("gnd", "118623761", True),
        ("gnd", "4004733-1", True),
        ("gnd", "abc", False),
        ("url", "https://www.marxists.org/archive/trotsky/1928/xx/borodai.htm", True),
        ("url", "javascript:alert(1)", False),
        ("local", "tactics-and-tasks", True),
        ("local", "Tactics and Tasks", False),
    ],
)
def test_idno_forms(kind: str, value: str, ok: bool) -> None:
    xml = variant(
        (
            '<persName type="main">Leon Trotsky</persName>',
            f'<persName type="main">Leon Trotsky</persName><idno type="{kind}">{value}</idno>',
        )
    )
    found = run(R.check_idno, xml)
    assert (found == []) is ok
    if not ok:
        assert found[0].startswith(f"48:54: error idno of type '{kind}' is not ") and found[
            0
        ].endswith(f": '{value}' [E-IDNO]")


# ---------------------------------------------------------------- the source-text hook


def test_source_hook_does_nothing_without_a_source() -> None:
    assert list(R.check_source_text(document(MINIMAL))) == []


def test_conservation_rule_compares_the_tei_with_its_transcript(tmp_path: Path) -> None:
    from pipeline.convert import convert_file

    docs = FIXTURES / "documents"
    master = convert_file(docs / "circular-letter.md").tei.decode("utf-8")
    assert list(R.check_source_text(document(master, source=docs / "circular-letter.md"))) == []
    damaged = master.replace("must take stock of it calmly", "must take it calmly")
    found = list(R.check_source_text(document(damaged, source=docs / "circular-letter.md")))
    assert [d.code for d in found] == ["E-CONSERVATION"]
    assert "transcript has 'stock'" in found[0].message


def test_conservation_rule_reports_an_unreadable_transcript(tmp_path: Path) -> None:
    found = list(R.check_source_text(document(MINIMAL, source=tmp_path / "absent.md")))
    assert [(d.severity, d.code, d.message) for d in found] == [
        ("error", "E-CONSERVATION", "cannot check text conservation: no such file")
    ]


# ---------------------------------------------------------------- the corpus of invalid files


def _expected() -> dict[str, list[str]]:
    table: dict[str, list[str]] = {}
    for line in (INVALID / "expected.txt").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            table.setdefault(line.split(":", 1)[0], []).append(line)
    return table


CORPUS = sorted(p.name for p in INVALID.glob("*.xml"))


def test_corpus_is_complete() -> None:
    assert len(CORPUS) >= 20
    assert sorted(_expected()) == CORPUS  # every file has expected lines, and nothing else does


@pytest.mark.parametrize("name", CORPUS)
def test_invalid_corpus(name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(INVALID)  # messages name the file as given: "bad-date.xml:14:31: ..."
    found = [str(d) for d in validate_file(Path(name))]
    assert found == _expected()[name]
    assert found, "an invalid file must give at least one diagnostic"


# ---------------------------------------------------------------- inside a teiCorpus

CORPUS_XML = (FIXTURES / "valid" / "corpus.xml").read_text(encoding="utf-8")
SEED_ID = "tactics-and-tasks"  # the first document of the corpus fixture (minimal.xml)
D2 = "from-the-14th-congress"  # the second


def corpus_documents(xml: str) -> list[R.Document]:
    """One Document per part of a teiCorpus (its header, then each TEI), as validation runs them."""
    from pipeline.validate.corpus import corpus_parts

    tree = parse_bytes(xml.encode("utf-8"), "c.xml")
    locator = Locator(tree, "c.xml", xml)
    return [R.Document(tree, locator, part=part) for part in corpus_parts(tree.getroot())]


def run_corpus(rule: Callable[[R.Document], Iterable[Diagnostic]], xml: str) -> list[str]:
    return [
        f"{d.location.line}:{d.location.col}: {d.severity} {d.message} [{d.code}]"
        for doc in corpus_documents(xml)
        for d in rule(doc)
    ]


def corpus_variant(*replacements: tuple[str, str]) -> str:
    xml = CORPUS_XML
    for old, new in replacements:
        assert xml.count(old) == 1, old
        xml = xml.replace(old, new)
    return xml


def test_corpus_parts_and_their_ids() -> None:
    from pipeline.export.corpus import SEPARATOR as EXPORT_SEPARATOR
    from pipeline.validate.corpus import SEPARATOR

    assert SEPARATOR == EXPORT_SEPARATOR  # what the export adds is what the rules strip
    header, first, second = corpus_documents(CORPUS_XML)
    assert header.is_corpus_header and not header.in_corpus and header.prefix == ""
    assert [first.prefix, second.prefix] == [f"{SEED_ID}.", f"{D2}."]
    assert (
        first.local_id(f"{SEED_ID}.sec-1-p2") == "sec-1-p2"
        and first.shown_id("n1-ref") == f"{SEED_ID}.n1-ref"
    )
    assert (
        first.local_id("sec-1-p2") == "sec-1-p2"
    )  # unprefixed: taken as it is (E-ID-PREFIX reports it)
    assert (
        second.local_id(f"{SEED_ID}.n1") == f"{SEED_ID}.n1"
    )  # another document's prefix is not stripped
    # each document resolves only its own ids; the header resolves the whole file
    assert (
        f"{SEED_ID}.n1" in first.ids
        and f"{SEED_ID}.n1" not in second.ids
        and f"{D2}.n1" in second.ids
    )
    assert {SEED_ID, D2, f"{SEED_ID}.n1", f"{D2}.n1"} <= set(header.ids)
    # note numbering per document: both documents have a note 1
    assert [[n.get("n") for n in d.endnotes()] for d in (first, second)] == [["1", "2"], ["1"]]
    assert (
        second.part is not None
        and second.part.owners[f"{SEED_ID}.person-trotsky"] == f"document '{SEED_ID}'"
    )


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.code)
def test_every_rule_passes_the_valid_corpus(rule: R.Rule) -> None:
    assert run_corpus(rule.check, CORPUS_XML) == []


def test_pointer_into_another_document() -> None:
    xml = corpus_variant(
        (f'<persName ref="#{D2}.person-trotsky">', f'<persName ref="#{SEED_ID}.person-trotsky">')
    )
    assert run_corpus(R.check_pointers, xml) == [
        (
            f"128:11: error pointer '#{SEED_ID}.person-trotsky' in @ref of 'persName' "
            f"leads into document '{SEED_ID}'; "
            "a document's pointers must stay within its own TEI [E-REF-DOCUMENT]"
        )
    ]
    # even to the other TEI element itself
    xml = corpus_variant(
        ("documents of that time: 1)", f'documents of <ref target="#{SEED_ID}">that time</ref>: 1)')
    )
    assert [f.split(" error ")[1] for f in run_corpus(R.check_pointers, xml)] == [
        (
            f"pointer '#{SEED_ID}' in @target of 'ref' leads into document '{SEED_ID}'; "
            "a document's pointers must stay within its own TEI [E-REF-DOCUMENT]"
        )
    ]


def test_corpus_header_lists_documents() -> None:
    second_entry = f'<ref target="#{D2}">{D2}</ref>'
    assert run_corpus(
        R.check_pointers, corpus_variant((second_entry, f'<ref target="#{D2}.notes">{D2}</ref>'))
    ) == [
        (
            f"32:11: error pointer '#{D2}.notes' in @target of 'ref' leads to 'div', "
            "expected 'document' [E-REF-KIND]"
        )
    ]
    twice = corpus_variant((second_entry, f'<ref target="#{SEED_ID}">{SEED_ID}</ref>'))
    assert run_corpus(R.check_corpus_listing, twice) == [
        f"32:11: error document '{SEED_ID}' is listed twice in the corpus header [E-CORPUS]",
        (
            f"98:3: error document '{D2}' is not listed in the corpus header "
            f"(sourceDesc has no bibl with ref target '#{D2}') [E-CORPUS]"
        ),
    ]


def test_corpus_note_and_anchor_ids_keep_the_prefix() -> None:
    xml = corpus_variant((f'<note xml:id="{D2}.n1" n="1"', f'<note xml:id="{D2}.n1" n="2"'))
    assert run_corpus(R.check_note_ids, xml) == [
        (
            f"126:9: error note id '{D2}.n1' does not match its number 2 "
            f"(expected '{D2}.n2') [E-NOTE-ID]"
        )
    ]
    xml = corpus_variant(
        (f'xml:id="{D2}.n1-ref" target="#{D2}.n1"', f'xml:id="{D2}.anchor-1" target="#{D2}.n1"'),
        (f'target="#{D2}.n1-ref"', f'target="#{D2}.anchor-1"'),
    )
    assert run_corpus(R.check_anchors, xml) == [
        (
            f"121:61: error note anchor '{D2}.anchor-1' should have xml:id '{D2}.n1-ref' "
            "(anchor 1 of note 1) [E-ANCHOR]"
        )
    ]


def test_corpus_structural_and_entry_ids() -> None:
    xml = corpus_variant(
        (
            f'<div type="section" xml:id="{D2}.sec-1">',
            f'<div type="section" n="II" xml:id="{D2}.sec-1">',
        ),
    )
    assert run_corpus(R.check_id_scheme, xml) == [
        (
            f"114:7: error div id '{D2}.sec-1' does not follow the id scheme; "
            f"expected '{D2}.sec-II' [E-ID-SCHEME]"
        )
    ]
    xml = corpus_variant(
        (f'<place xml:id="{D2}.place-leningrad"', f'<place xml:id="{D2}.Leningrad"'),
        (f'ref="#{D2}.place-leningrad"', f'ref="#{D2}.Leningrad"'),
    )
    assert run_corpus(R.check_id_scheme, xml) == [
        (
            f"139:7: error place id '{D2}.Leningrad' does not follow the id scheme; "
            f"expected '{D2}.place-' and lowercase letters, digits, hyphens [E-ID-SCHEME]"
        )
    ]


def test_ids_without_the_document_prefix() -> None:
    one = corpus_variant((f'<p xml:id="{D2}.sec-1-p1"', '<p xml:id="sec-1-p1"'))
    assert run_corpus(R.check_id_prefix, one) == [
        f"116:9: error id 'sec-1-p1' lacks the prefix '{D2}.' of its document '{D2}' [E-ID-PREFIX]"
    ]
    assert run_corpus(R.check_id_scheme, one) == []  # the rest of the id is right: reported once
    # the TEI's own id is the prefix, not prefixed; a standalone master is never checked
    assert run_corpus(R.check_id_prefix, CORPUS_XML) == [] and run(R.check_id_prefix, MINIMAL) == []


def test_standalone_tei_may_carry_an_id_and_nothing_changes() -> None:
    from pipeline.validate import validate_tree

    xml = variant(
        (
            '<TEI xmlns="http://www.tei-c.org/ns/1.0" xml:lang="en">',
            '<TEI xmlns="http://www.tei-c.org/ns/1.0" xml:lang="en" xml:id="tactics-and-tasks">',
        )
    )
    assert [
        str(d) for d in validate_tree(parse_bytes(xml.encode("utf-8"), "t.xml"), "t.xml", text=xml)
    ] == []


def test_repeated_id_in_a_corpus_is_refused_by_the_parser(tmp_path: Path) -> None:
    path = tmp_path / "corpus.xml"
    path.write_text(
        corpus_variant((f'<p xml:id="{D2}.sec-1-p2">', f'<p xml:id="{SEED_ID}.sec-1-p2">')), "utf-8"
    )
    assert [str(d) for d in validate_file(path)] == [
        f"{path}:120:47: malformed XML: ID {SEED_ID}.sec-1-p2 already defined [E-XML]"
    ]


def test_conservation_needs_a_master_not_a_corpus(tmp_path: Path) -> None:
    path = tmp_path / "corpus.xml"
    path.write_text(CORPUS_XML, "utf-8")
    found = [
        str(d) for d in validate_file(path, source=FIXTURES / "documents" / "circular-letter.md")
    ]
    assert found == [
        (
            f"{path}:1:1: a teiCorpus holds several documents: check text conservation "
            "on each master against its own transcript [E-CONSERVATION]"
        )
    ]


def _standalone_corpus(master: Path) -> str:
    """A teiCorpus holding ``master`` as document 'tactics-and-tasks' (prefixed by the
    exporter's own function), beside the corpus fixture's second document."""
    from pipeline.export.corpus import prefixed_copy
    from pipeline.xmlsafe import XML_ID, parse_file, tei

    corpus = parse_bytes(CORPUS_XML.encode("utf-8"), "c.xml").getroot()
    document = types.SimpleNamespace(doc_id=SEED_ID, root=parse_file(master).getroot(), path=master)
    copy, _unresolved = prefixed_copy(document)  # type: ignore[arg-type]
    old = next(t for t in corpus.iter(tei("TEI")) if t.get(XML_ID) == SEED_ID)
    copy.tail = old.tail
    corpus.replace(old, copy)
    return etree.tostring(corpus, encoding="unicode")


STANDALONE = [
    p for p in CORPUS if not p.startswith(("corpus-", "malformed", "wrong-root", "wrong-namespace"))
]


@pytest.mark.parametrize("name", STANDALONE)
def test_a_master_in_the_corpus_gets_the_same_findings_as_alone(name: str, tmp_path: Path) -> None:
    """Each invalid master, put into a teiCorpus by the exporter's prefixing, is reported
    with the same messages (ids shown with their prefix) as the master alone."""
    alone = validate_file(INVALID / name)
    path = tmp_path / "corpus.xml"
    path.write_text(_standalone_corpus(INVALID / name), "utf-8")
    in_corpus = validate_file(path)

    def key(d: Diagnostic) -> tuple[str, str, str]:
        message = re.sub(r"line \d+", "line N", d.message.replace(f"{SEED_ID}.", ""))
        return (d.severity, d.code, message)

    assert sorted(map(key, in_corpus)) == sorted(map(key, alone))
    assert alone and all(d.location.path == str(path) for d in in_corpus)
