"""schema/edition.xsd: what it declares, what it accepts and rejects, how its errors read,
and the generated schema page."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import xmlschema
from lxml import etree

from pipeline.validate import load_schema, to_records, validate_file, validate_tree
from pipeline.validate.locate import Locator
from pipeline.validate.report import has_errors, ordered, summary, to_text
from pipeline.validate.schema import SCHEMA_PATH
from pipeline.validate.schemadoc import PAGE_PATH, declarations, render_markdown
from pipeline.xmlsafe import TEI_NS, parse_bytes

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).parent / "fixtures"
VALID = sorted((FIXTURES / "valid").glob("*.xml"))
INVALID = FIXTURES / "invalid"
TEI_FILES = sorted([*ROOT.glob("tei/*.xml"), *ROOT.glob("tei/authority/*.xml")])
XS = "{http://www.w3.org/2001/XMLSchema}"
MINIMAL = (FIXTURES / "valid" / "minimal.xml").read_text(encoding="utf-8")

#: Elements a register entry uses in standOff (the issue lists them; conventions.md names
#: only the lists). location/geo are left out: coordinates cannot come from the texts.
REGISTER_ELEMENTS = {
    "person",
    "forename",
    "surname",
    "addName",
    "birth",
    "death",
    "occupation",
    "idno",
    "org",
    "place",
    "editor",
    "relatedItem",
    "head",
    "note",
}
#: Elements the converter writes beyond conventions.md (block quotations, bulleted lists,
#: textLang, quotation/stdVals, abstract). conventions.md should list them too.
CONVERTER_EXTENSIONS = {
    "quote",
    "list",
    "item",
    "textLang",
    "quotation",
    "stdVals",
    "abstract",
    "hyphenation",
    "epigraph",
    "figure",
    "figDesc",
    "pb",
}
#: The edition's corpus file (dist/corpus.xml, pipeline/export/corpus.py); conventions.md
#: describes the masters only.
CORPUS_ELEMENTS = {"teiCorpus"}
CORPUS = (FIXTURES / "valid" / "corpus.xml").read_text(encoding="utf-8")


def declared_names() -> set[str]:
    return {d.name for d in declarations()}


def conventions_names() -> set[str]:
    """Every TEI element named in conventions.md: its XML examples, and the TEI column of its
    inline table (the first column is the transcript's markdown/HTML, such as <sup>)."""
    text = (ROOT / "schema" / "conventions.md").read_text(encoding="utf-8")
    tei_text = []
    for line in text.splitlines():
        cells = line.split("|")
        tei_text.append(cells[2] if line.startswith("|") and len(cells) > 3 else line)
    tagged = set(re.findall(r"<([A-Za-z][A-Za-z0-9]*)[\s/>]", "\n".join(tei_text)))
    named = {
        m
        for line in tei_text
        if line.startswith(" `<bibl>`")
        for m in re.findall(r"`([A-Za-z]+)`", line)
    }
    return tagged | named


# ---------------------------------------------------------------- the schema itself


def test_schema_loads_once_per_process() -> None:
    assert load_schema() is load_schema()
    assert isinstance(load_schema(), xmlschema.XMLSchema10)


def test_schema_is_portable_xsd_10_with_local_imports() -> None:
    """libxml2 (another XSD 1.0 processor) compiles it, and nothing is fetched remotely."""
    xsd = etree.parse(str(SCHEMA_PATH))
    etree.XMLSchema(xsd)
    root = xsd.getroot()
    assert root.get("targetNamespace") == TEI_NS and root.get("elementFormDefault") == "qualified"
    locations = [i.get("schemaLocation") for i in root.iter(XS + "import", XS + "include")]
    assert locations == ["xml.xsd"] and (SCHEMA_PATH.parent / "xml.xsd").is_file()


def test_only_tei_and_tei_corpus_can_be_the_root() -> None:
    assert list(load_schema().elements) == ["TEI", "teiCorpus"]


def _children(xsd_element: object) -> dict[str, object]:
    """Local name -> child element declaration of an element declaration."""
    return {etree.QName(c.name).localname: c for c in xsd_element.type.content.iter_elements()}  # type: ignore[attr-defined]


def test_a_corpus_document_is_declared_like_a_standalone_master() -> None:
    """Inside teiCorpus, TEI's header, text and standOff are the very declarations (and
    types) of the standalone TEI; only xml:id changes, from optional to required."""
    schema = load_schema()
    standalone = schema.elements["TEI"]
    in_corpus = _children(schema.elements["teiCorpus"])["TEI"]
    assert in_corpus is not standalone
    inside = _children(in_corpus)
    assert list(inside) == ["teiHeader", "text", "standOff"]
    alone = list(standalone.type.content.iter_elements())  # its two standOffs: master and register
    for name, declaration in inside.items():
        assert any(declaration is d for d in alone), name  # one declaration, so one type
    assert inside["standOff"].min_occurs == 0  # the master's optional standOff, not the register's
    assert inside["teiHeader"].type is schema.types["teiHeader"]
    xml_id = "{http://www.w3.org/XML/1998/namespace}id"
    assert in_corpus.type.attributes[xml_id].use == "required"
    assert standalone.type.attributes[xml_id].use == "optional"
    # a register (teiHeader and standOff, no text) is a file of its own, never a corpus document
    assert _children(schema.elements["teiCorpus"])["teiHeader"].type is schema.types["corpusHeader"]


def test_corpus_header_is_exactly_what_the_export_writes() -> None:
    """The corpus header's outline is the one pipeline/export/corpus.py writes, no more."""
    corpus_header = _children(load_schema().elements["teiCorpus"])["teiHeader"]
    header = _children(corpus_header)
    assert list(header) == ["fileDesc", "encodingDesc"]
    file_desc = _children(header["fileDesc"])
    assert list(file_desc) == ["titleStmt", "editionStmt", "publicationStmt", "sourceDesc"]
    assert list(_children(file_desc["titleStmt"])) == ["title", "respStmt"]
    assert list(_children(file_desc["editionStmt"])) == ["edition"]
    assert list(_children(file_desc["publicationStmt"])) == [
        "publisher",
        "date",
        "availability",
        "idno",
        "p",
    ]
    assert list(_children(_children(file_desc["sourceDesc"])["bibl"])) == [
        "title",
        "author",
        "publisher",
        "date",
        "ref",
    ]
    assert list(_children(header["encodingDesc"])) == ["projectDesc", "editorialDecl"]


def test_every_element_declaration_is_documented() -> None:
    xsd = etree.parse(str(SCHEMA_PATH))
    undocumented = [
        e.get("name")
        for e in xsd.iter(XS + "element")
        if not "".join(
            e.xpath("xs:annotation/xs:documentation//text()", namespaces={"xs": XS[1:-1]})
        ).strip()
    ]
    assert undocumented == []
    assert len(list(xsd.iter(XS + "element"))) > 100


def test_schema_covers_the_profile_and_nothing_else() -> None:
    declared = declared_names()
    profile = conventions_names()
    assert profile - declared == set(), "elements of conventions.md missing from the schema"
    assert (
        declared - profile - REGISTER_ELEMENTS - CONVERTER_EXTENSIONS - CORPUS_ELEMENTS == set()
    ), "elements outside the profile"
    for outside in ("lg", "l", "table", "q", "seg", "choice", "location", "geo"):
        assert outside not in declared


def test_every_declared_element_is_used_by_a_valid_fixture() -> None:
    used = {
        etree.QName(e).localname
        for path in VALID
        for e in etree.parse(str(path)).iter()
        if isinstance(e.tag, str)
    }
    assert declared_names() - used == set()


@pytest.mark.parametrize(
    ("context", "attribute", "values"),
    [
        ("body", "div/@type", ["section"]),
        ("div", "div/@type", ["subsection"]),
        ("front", "div/@type", ["introduction"]),
        ("back", "div/@type", ["notes"]),
        ("div", "note/@type", ["editorial"]),
        ("div", "note/@subtype", ["unanchored"]),
        ("rs", "ref/@type", ["noteAnchor"]),
        (
            "rs",
            "hi/@rend",
            [
                "italic",
                "bold",
                "superscript",
                "subscript",
                "strikethrough",
                "code",
                "underline",
                "smallcaps",
            ],
        ),
        ("app", "rdg/@type", ["orthographic", "substantive"]),
        ("rs", "supplied/@reason", ["editorial"]),
        ("titleStmt", "title/@type", ["main", "sub", "variant"]),
        ("titleStmt", "title/@level", ["a", "m", "j", "s", "u"]),
        ("person", "idno/@type", ["wikidata", "viaf", "gnd", "local", "url"]),
    ],
)
def test_closed_value_lists(context: str, attribute: str, values: list[str]) -> None:
    element, name = attribute.split("/@")
    found = [
        d for d in declarations() if d.name == element and (context in d.parents or context == "rs")
    ]
    assert found, attribute
    enumeration = found[0].xsd.type.attributes[name].type.enumeration
    assert list(enumeration) == values


# ---------------------------------------------------------------- what it accepts


@pytest.mark.parametrize("path", VALID, ids=lambda p: p.name)
def test_valid_fixtures_have_no_errors(path: Path) -> None:
    diagnostics = validate_file(path)
    assert not has_errors(diagnostics), to_text(diagnostics)


def test_full_fixture_flags_only_its_unanchored_note() -> None:
    found = [str(d) for d in validate_file(FIXTURES / "valid" / "full.xml")]
    assert len(found) == 1 and found[0].endswith(
        'warning: note 4 has no anchor in the text (subtype="unanchored") [W-NOTE-UNANCHORED]'
    )


@pytest.mark.parametrize("path", TEI_FILES, ids=lambda p: str(p.relative_to(ROOT)))
def test_project_tei_files_are_valid(path: Path) -> None:
    """The master(s) and the registers pass schema and rules (warnings allowed)."""
    diagnostics = validate_file(path)
    assert not has_errors(diagnostics), to_text(diagnostics)


def test_seed_master_warns_only_about_note_9() -> None:
    master = ROOT / "tei" / "tactics-and-tasks.xml"
    if not master.exists():
        pytest.skip("the converter has not written the seed master yet")
    warnings = [d for d in validate_file(master) if d.severity == "warning"]
    assert [(d.code, d.message) for d in warnings] == [
        ("W-NOTE-UNANCHORED", 'note 9 has no anchor in the text (subtype="unanchored")')
    ]


def _schema_is_valid(xml: str) -> bool:
    return not any(
        d.code in ("E-SCHEMA", "E-DATE")
        for d in validate_tree(parse_bytes(xml.encode(), "t.xml"), "t.xml")
    )


@pytest.mark.parametrize(
    ("value", "ok"),
    [
        ("#n1", True),
        ("#n1 #n1-ref-2", True),
        ("https://www.wsws.org/en/articles/2023/10/16/yyac-o16.html", True),
        ("mailto:editor@example.org", True),
        ("javascript:alert(1)", False),
        ("data:text/html,x", False),
        ("file:///etc/passwd", False),
        ("index.html", False),
        ("#", False),
        ("# n1", False),
    ],
)
def test_pointer_type(value: str, ok: bool) -> None:
    xml = MINIMAL.replace("lack of agreement.", f'lack of <ref target="{value}">agreement</ref>.')
    assert _schema_is_valid(xml) is ok


@pytest.mark.parametrize(
    ("value", "ok"),
    [
        ("1932", True),
        ("1932-05", True),
        ("1932-05-31", True),
        ("32", False),
        ("1932-5", False),
        ("1932-02-30", False),
        ("1932-05-01T10:00", False),
        ("1932Z", False),
        ("-1932", False),
    ],
)
def test_date_type(value: str, ok: bool) -> None:
    assert _schema_is_valid(MINIMAL.replace('when="2025-09-11"', f'when="{value}"')) is ok


@pytest.mark.parametrize(
    ("value", "ok"),
    [
        ("III", True),
        ("2", True),
        ("1.0", True),
        ("A", True),
        ("", False),
        ("a b", False),
        ("x" * 17, False),
    ],
)
def test_short_token_for_n(value: str, ok: bool) -> None:
    assert (
        _schema_is_valid(
            MINIMAL.replace('<p xml:id="sec-1-p1" n="3">', f'<p xml:id="sec-1-p1" n="{value}">')
        )
        is ok
    )


def test_libxml2_agrees_with_xmlschema_on_the_fixtures() -> None:
    """The same XSD gives the same verdict in another processor (portability)."""
    libxml2 = etree.XMLSchema(etree.parse(str(SCHEMA_PATH)))
    for path in [*VALID, *sorted(INVALID.glob("*.xml"))]:
        try:
            tree = etree.parse(str(path))
        except etree.XMLSyntaxError:
            continue  # the malformed file
        ours = [
            d
            for d in validate_file(path)
            if d.code in ("E-SCHEMA", "E-DATE", "E-ROOT") and d.severity == "error"
        ]
        schema_only = [d for d in ours if d.code != "E-DATE" or "ends before" not in d.message]
        assert libxml2.validate(tree) is (not schema_only), (
            f"{path.name}: {libxml2.error_log.last_error}"
        )


# ---------------------------------------------------------------- how errors read


def _messages(xml: str) -> list[str]:
    return [
        f"{d.message} [{d.code}]"
        for d in validate_tree(parse_bytes(xml.encode(), "t.xml"), "t.xml", text=xml)
    ]


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        (
            "says <persName",
            "says <foo/><persName",
            "element 'foo' is not allowed in 'p' [E-SCHEMA]",
        ),
        (
            "says <persName",
            'says <x:foo xmlns:x="urn:x"/><persName',
            "element 'x:foo' is not allowed in 'p' [E-SCHEMA]",
        ),
        (
            "<head>The main",
            '<p xml:id="sec-1-p0">x</p><head>The main',
            "element 'head' is not allowed here in 'div' [E-SCHEMA]",
        ),
        (
            "“is empirical.”</p>",
            "“is empirical.”</p><head>h</head>",
            "element 'head' is not allowed here in 'div' [E-SCHEMA]",
        ),
        (
            '<p xml:id="sec-1-p2">',
            '<p xml:id="sec-1-p2" rend="x">',
            "attribute 'rend' is not allowed on 'p' [E-SCHEMA]",
        ),
        (
            ' type="editorial" target="#n1-ref"',
            ' target="#n1-ref"',
            "element 'note' lacks required attribute 'type' [E-SCHEMA]",
        ),
        (
            '<div type="section"',
            '<div type="chapter"',
            "attribute 'type' of 'div' has value 'chapter'; allowed: section [E-SCHEMA]",
        ),
        (
            '<date when="2025-09-11">',
            '<date when="11 Sept">',
            (
                "attribute 'when' of 'date' is not an ISO 8601 date "
                "(YYYY, YYYY-MM or YYYY-MM-DD): '11 Sept' [E-DATE]"
            ),
        ),
        (
            'n="3">',
            'n="3 4">',
            (
                "attribute 'n' of 'p' is not a short label (a letter or digit, then letters, "
                "digits, '.' or '-'; at most 16 characters): '3 4' [E-SCHEMA]"
            ),
        ),
        ("says <persName", "says <lb>x</lb><persName", "text is not allowed in 'lb' [E-SCHEMA]"),
        (
            "says <persName",
            "says <expan>T<ex/></expan><persName",
            "element 'ex' must not be empty [E-SCHEMA]",
        ),
    ],
)
def test_schema_messages_are_one_stable_line(old: str, new: str, message: str) -> None:
    assert MINIMAL.count(old) == 1
    found = _messages(MINIMAL.replace(old, new))
    assert message in found, found
    assert all("\n" not in m for m in found)


D2 = "from-the-14th-congress"  # the second document of the corpus fixture


def _without(xml: str, start: str, end: str) -> str:
    """``xml`` without the first span from ``start`` to the end of ``end`` after it."""
    a = xml.index(start)
    b = xml.index(end, a) + len(end)
    return xml[:a] + xml[b:]


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda x: _without(x, f'<TEI xml:lang="en" xml:id="{D2}">', "</TEI>\n"), None),
        # a register (no text) is never a corpus document
        (
            lambda x: _without(
                x[: x.index(f'xml:id="{D2}"')]
                + x[x.index(f'xml:id="{D2}"') :]
                .replace("<text>", "<!--", 1)
                .replace("</text>", "-->", 1),
                "<!--",
                "-->",
            ),
            "element 'standOff' is not allowed here in 'TEI'; expected 'text' [E-SCHEMA]",
        ),
        (
            lambda x: x.replace(
                "    </encodingDesc>\n  </teiHeader>\n  <TEI",
                (
                    "    </encodingDesc>\n"
                    '    <revisionDesc><change when="2026-01-01">x</change></revisionDesc>\n'
                    "  </teiHeader>\n"
                    "  <TEI"
                ),
            ),
            "element 'revisionDesc' is not allowed in 'teiHeader' [E-SCHEMA]",
        ),
        (
            lambda x: x.replace('<idno type="local">corpus</idno>', ""),
            "element 'publicationStmt' is incomplete; expected 'idno' [E-SCHEMA]",
        ),
        (
            lambda x: x.replace(
                f'<ref target="#{D2}">', f'<ref target="https://example.org/{D2}">'
            ),
            (
                "attribute 'target' of 'ref' is not a '#id' pointer: "
                f"'https://example.org/{D2}' [E-SCHEMA]"
            ),
        ),
        (
            lambda x: x.replace(
                '<TEI xml:lang="en" xml:id="tactics-and-tasks">',
                '<teiCorpus xml:lang="en"/>\n  <TEI xml:lang="en" xml:id="tactics-and-tasks">',
            ),
            "element 'teiCorpus' is not allowed in 'teiCorpus' [E-SCHEMA]",
        ),
        (
            lambda x: x.replace(f'<TEI xml:lang="en" xml:id="{D2}">', '<TEI xml:lang="en">'),
            "element 'TEI' lacks required attribute 'xml:id' [E-SCHEMA]",
        ),
        (
            lambda x: x.replace(
                '<teiCorpus xmlns="http://www.tei-c.org/ns/1.0" xml:lang="en">',
                '<teiCorpus xmlns="http://www.tei-c.org/ns/1.0">',
            ),
            "element 'teiCorpus' lacks required attribute 'xml:lang' [E-SCHEMA]",
        ),
    ],
    ids=[
        "one-document-is-enough",
        "register-in-corpus",
        "header-revisionDesc",
        "header-without-idno",
        "header-ref-not-local",
        "nested-corpus",
        "tei-without-id",
        "corpus-without-lang",
    ],
)
def test_corpus_schema(change: object, message: str | None) -> None:
    xml = change(CORPUS)  # type: ignore[operator]
    assert xml != CORPUS
    schema_messages = [m for m in _messages(xml) if m.endswith(("[E-SCHEMA]", "[E-DATE]"))]
    assert schema_messages == ([message] if message else [])


def test_a_corpus_without_documents_is_incomplete() -> None:
    xml = (
        _without(CORPUS, '<TEI xml:lang="en" xml:id="tactics-and-tasks">', "</TEI>\n</teiCorpus>")
        + "</teiCorpus>\n"
    )
    assert "element 'teiCorpus' is incomplete; expected 'TEI' [E-SCHEMA]" in _messages(xml)


def test_missing_content_is_reported_on_the_parent() -> None:
    xml = MINIMAL.replace(
        (
            '<bibl xml:id="work-new-course">\n'
            '        <title type="main">The New Course</title>\n'
            "      </bibl>"
        ),
        '<bibl xml:id="work-new-course"><title type="main">The New Course</title></bibl>',
    )
    xml = xml.replace(
        "<listPerson>\n      <person", "<listPerson>\n      <head>Persons</head>\n      <person"
    )
    xml = re.sub(r"<person xml:id=\"person-trotsky\">.*?</person>", "", xml, flags=re.DOTALL)
    assert "element 'listPerson' is incomplete; expected 'person' [E-SCHEMA]" in _messages(xml)


def test_a_bad_date_is_reported_once_though_schema_and_rule_both_see_it() -> None:
    found = _messages(MINIMAL.replace('when="2025-09-11"', 'when="2025-13-11"'))
    assert found == [
        (
            "attribute 'when' of 'date' is not an ISO 8601 date "
            "(YYYY, YYYY-MM or YYYY-MM-DD): '2025-13-11' [E-DATE]"
        )
    ]


def test_validate_tree_uses_the_given_tree_and_locates_without_text() -> None:
    tree = parse_bytes(
        MINIMAL.replace('<div type="section"', '<div type="chapter"').encode(), "m.xml"
    )
    found = validate_tree(tree, "in-memory.xml")
    assert [str(d) for d in found] == [
        (
            "in-memory.xml:26:1: attribute 'type' of 'div' has value 'chapter'; "
            "allowed: section [E-SCHEMA]"
        )
    ]


def test_validate_file_does_not_parse_twice(monkeypatch: pytest.MonkeyPatch) -> None:
    from pipeline import validate

    calls: list[object] = []
    real = validate.parse_file

    def counting(path: object) -> etree._ElementTree:
        calls.append(path)
        return real(path)  # type: ignore[arg-type]

    monkeypatch.setattr(validate, "parse_file", counting)
    validate.validate_file(FIXTURES / "valid" / "minimal.xml")
    assert calls == [FIXTURES / "valid" / "minimal.xml"]


# ---------------------------------------------------------------- locations


def test_locator_columns_count_characters_and_skip_comments() -> None:
    xml = '<TEI xmlns="http://www.tei-c.org/ns/1.0">\n<!-- <p> -->“é” <p/><p\n  n="2"/></TEI>'
    tree = parse_bytes(xml.encode(), "x.xml")
    first, second = tree.getroot().findall(f"{{{TEI_NS}}}p")
    locator = Locator(tree, "x.xml", xml)
    assert (locator.at(first).line, locator.at(first).col) == (2, 17)
    assert (locator.at(second).line, locator.at(second).col) == (
        2,
        21,
    )  # start tag, not sourceline 3
    assert str(Locator(tree, "x.xml").at(second)) == "x.xml:3:1"  # no text: sourceline, column 1


# ---------------------------------------------------------------- reports


def test_json_records() -> None:
    found = validate_file(INVALID / "unanchored-with-target.xml")
    records = json.loads(json.dumps(to_records(found)))
    assert [set(r) for r in records] == [{"path", "line", "col", "severity", "code", "message"}] * 3
    assert [(r["line"], r["col"], r["severity"], r["code"]) for r in records] == [
        (27, 69, "error", "E-ANCHOR"),
        (37, 9, "error", "E-NOTE-ANCHOR"),
        (37, 9, "warning", "W-NOTE-UNANCHORED"),
    ]
    assert summary(found) == "2 errors, 1 warning"


def test_ordered_removes_duplicates_and_sorts() -> None:
    found = validate_file(INVALID / "note-duplicate-number.xml")
    assert ordered([*reversed(found), *found]) == found


# ---------------------------------------------------------------- the schema page


def test_schema_page_is_up_to_date() -> None:
    """Regenerate with: python -m pipeline.validate.schemadoc"""
    assert PAGE_PATH.read_text(encoding="utf-8") == render_markdown()


def test_schema_page_documents_every_element() -> None:
    page = PAGE_PATH.read_text(encoding="utf-8")
    for name in declared_names():
        assert f"`{name}`" in page
    assert "E-NOTE-ANCHOR" in page and "isoDate" in page


def test_libxml2_gate_agrees_with_xmlschema_on_every_fixture() -> None:
    """The fast gate (libxml2) lets a tree through only if xmlschema would too: same verdict
    on every valid and invalid fixture, the masters and the registers."""
    from pipeline.errors import EditionError
    from pipeline.validate.schema import load_gate_schema, load_schema
    from pipeline.xmlsafe import parse_file

    gate, schema = load_gate_schema(), load_schema()
    assert gate is not None
    root = Path(__file__).resolve().parents[1]
    checked = valid = 0
    for path in sorted((root / "tests" / "fixtures").rglob("*.xml")) + sorted(
        (root / "tei").rglob("*.xml")
    ):
        try:
            tree = parse_file(path)
        except EditionError:
            continue  # refused before any schema sees it
        verdict = gate.validate(tree)
        assert verdict == schema.is_valid(tree), path
        checked += 1
        valid += verdict
    assert checked >= 50 and 0 < valid < checked
