"""Other projects' TEI (tests/fixtures/other-tei/) as EPUB, as `edition render` makes it.

Every fixture's EPUB passes EPUBCheck with no error and no warning (one Java process for
all: tests/tools/EpubCheckBatch.java; skipped without Java locally, failing in CI), keeps
the words of its text (the conservation check of the HTML, run over the EPUB's content
documents), has every link resolving and every id once, and is split where a reader
expects: a file per division with a heading, per member of a group, per nested text and
per transcription, with placed notes gathered as footnotes linked both ways.
"""

from __future__ import annotations

import collections
import re
from dataclasses import dataclass
from pathlib import Path

import pytest
import test_other_tei as other
from epubcheck_tool import epubcheck_many
from lxml import etree

from pipeline.render import conservation
from pipeline.render.epub import package_document, read_epub
from pipeline.render.outputs import render_all
from pipeline.xinclude import load

XHTML = "{http://www.w3.org/1999/xhtml}"
OPF = {"opf": "http://www.idpf.org/2007/opf"}
EPUB_NS = "{http://www.idpf.org/2007/ops}"
TEI = other.TEI


@dataclass
class Publication:
    path: Path
    tei: etree._ElementTree
    entries: dict[str, bytes]
    warnings: list[str]

    def spine(self) -> list[str]:
        """The content documents in reading order, as entry names."""
        package = package_document(self.entries)
        hrefs = {item.get("id"): item.get("href") for item in package.iterfind(".//opf:item", OPF)}
        return [
            f"EPUB/{hrefs[ref.get('idref')]}" for ref in package.iterfind(".//opf:itemref", OPF)
        ]

    def documents(self) -> dict[str, etree._Element]:
        return {
            name: etree.fromstring(data)
            for name, data in self.entries.items()
            if name.endswith(".xhtml")
        }


@pytest.fixture(scope="module")
def publications(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Publication]:
    out = tmp_path_factory.mktemp("other-tei-epub")
    result = {}
    for path in other.FILES:
        data, _ = load(path)
        written, warnings = render_all(
            data,
            path.stem,
            out / path.stem,
            ("epub",),
            build_date="2026-01-01",
            source_name=str(path),
        )
        (epub,) = written
        result[path.stem] = Publication(
            epub, etree.ElementTree(etree.fromstring(data)), read_epub(epub), warnings
        )
    return result


@pytest.fixture(scope="module")
def checked(publications: dict[str, Publication]) -> dict[Path, tuple[int, list[str]]]:
    return epubcheck_many([p.path for p in publications.values()])


NAMES = [p.stem for p in other.FILES]


@pytest.mark.parametrize("name", NAMES)
def test_epubcheck_reports_no_error_and_no_warning(
    publications: dict[str, Publication], checked: dict[Path, tuple[int, list[str]]], name: str
) -> None:
    status, problems = checked[publications[name].path]
    assert (status, problems) == (0, [])


@pytest.mark.parametrize("name", NAMES)
def test_no_element_is_unhandled(publications: dict[str, Publication], name: str) -> None:
    assert [w for w in publications[name].warnings if "UNHANDLED" in w] == []


@pytest.mark.parametrize("name", NAMES)
def test_the_words_of_the_text_reach_the_epub(
    publications: dict[str, Publication], name: str
) -> None:
    publication = publications[name]
    found: collections.Counter[str] = collections.Counter()
    for entry in publication.spine():
        if not entry.endswith(("/title.xhtml", "/nav.xhtml", "/about.xhtml")):
            found += conservation.html_words(publication.entries[entry])
    messages = [w.removeprefix("epub: ") for w in publication.warnings]
    lost = conservation.check(publication.tei, {"EPUB": (found, messages)})
    counted = re.search(r"LOST: (\d+) of", lost.get("EPUB", "LOST: 0 of"))
    assert counted is not None
    assert int(counted.group(1)) <= other.tolerated(name, "epub"), lost


@pytest.mark.parametrize("name", NAMES)
def test_every_link_resolves_and_every_id_is_once(
    publications: dict[str, Publication], name: str
) -> None:
    documents = publications[name].documents()
    ids: dict[str, set[str]] = {}
    for entry, root in documents.items():
        values = [e.get("id") for e in root.iter() if e.get("id")]
        assert len(values) == len(set(values)), entry
        ids[entry] = set(values)
    broken = []
    for entry, root in documents.items():
        for anchor in root.iter(f"{XHTML}a"):
            href = anchor.get("href", "")
            if re.match(r"[a-z]+:", href):
                continue  # an address outside the publication
            file, _, fragment = href.partition("#")
            target = f"EPUB/{file}" if file else entry
            if target not in ids or (fragment and fragment not in ids[target]):
                broken.append(f"{entry}: {href}")
    assert broken == []


def test_a_file_per_member_of_a_group_and_per_division(
    publications: dict[str, Publication],
) -> None:
    # Dingler's volume: a group of 5 issues (text xml:id is001001 ...), the first four
    # with articles; the articles are the divisions of those texts.
    dingler = publications["dingler-pj001"]
    spine = dingler.spine()
    members = other.count(dingler.tei, "/tei:TEI/tei:text/tei:group/tei:text[@xml:id]")
    assert members == 4
    assert [e for e in spine if re.search(r"/is00100\d\.xhtml$", e)] == [
        f"EPUB/is00100{n}.xhtml" for n in range(1, 5)
    ]
    assert len(spine) == len(set(spine))


def lost_words(publication: Publication, part: str, entry: str) -> list[str]:
    """The words of the TEI's ``part`` (an XPath) that the content document ``entry`` lacks,
    matched as the conservation check matches them."""
    (element,) = publication.tei.xpath(part, namespaces=TEI)
    part_elements = list(element.iter())  # alive, so lxml hands out these same proxies
    inside = {id(e) for e in part_elements}
    words = [(w, e) for w, e in conservation.tei_words(publication.tei) if id(e) in inside]
    assert len(words) > 100
    found = conservation.html_words(publication.entries[entry])
    return [w for w, _ in conservation.lost_words(words, found)]


def test_a_nested_text_and_a_transcription_get_files_of_their_own(
    publications: dict[str, Publication],
) -> None:
    # The Cortez letter: a text holding the Spanish source and the Polish translation
    # (text xml:id="t.pl"), the translation a file of its own with all its words.
    cortez = publications["teipublisher-cortez-letter"]
    assert "EPUB/t.pl.xhtml" in cortez.spine()
    assert lost_words(cortez, "//tei:text[@xml:id='t.pl']", "EPUB/t.pl.xhtml") == []
    # The Shelley-Godwin letter: the manuscript transcribed in sourceDoc only (its
    # surfaces XIncluded), one file beside the title page and contents, with its words.
    letter = publications["sga-to-william"]
    (transcription,) = [e for e in letter.spine() if not e.endswith(("/title.xhtml", "/nav.xhtml"))]
    assert lost_words(letter, "//tei:sourceDoc", transcription) == []


def test_placed_notes_are_footnotes_linked_both_ways(
    publications: dict[str, Publication],
) -> None:
    dingler = publications["dingler-pj001"]
    documents = dingler.documents()
    asides = {
        a.get("id"): (entry, a)
        for entry, root in documents.items()
        for a in root.iter(f"{XHTML}aside")
        if a.get(f"{EPUB_NS}type") == "footnote"
    }
    calls = [
        (entry, a)
        for entry, root in documents.items()
        for a in root.iter(f"{XHTML}a")
        if a.get(f"{EPUB_NS}type") == "noteref"
    ]
    # 238 notes placed at the bottom of the page and 1 more, each called once
    assert other.count(dingler.tei, "//tei:text//tei:note") == len(calls) == len(asides) == 239
    for entry, call in calls:
        file, _, fragment = call.get("href", "").partition("#")
        note_entry, aside = asides[fragment]
        assert note_entry == f"EPUB/{file}"
        back = [a.get("href") for a in aside.iter(f"{XHTML}a")]
        assert f"{entry.removeprefix('EPUB/')}#{call.get('id')}" in back


def test_other_projects_masters_get_their_stylesheet(
    publications: dict[str, Publication],
) -> None:
    for name, publication in publications.items():
        assert "EPUB/css/other-tei.css" in publication.entries, name
        for entry in publication.spine():
            links = publication.documents()[entry].iter(f"{XHTML}link")
            assert "css/other-tei.css" in [link.get("href") for link in links], entry
