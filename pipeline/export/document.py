"""One document as the exporters see it: its TEI master, configuration, entries, mentions.

Everything is read once from ``tei/<doc>.xml`` (parsed with the safe parser) and
``tei/source/<doc>.toml``; the exporters only format these records.

A TEI document that came from another project without a transcript (a *foreign* master,
:meth:`pipeline.project.Project.foreign_masters`) is read for what any TEI header states,
never for this project's conventions: its title, authors (without their ``idno``),
language and publicationStmt (publisher, date as ``@when`` or ISO text, version,
availability), but no web publication or original (``sourceDesc/bibl[@type='web' or
'original']`` are this project's forms). It has no configuration but a build date, the
one its build used (SOURCE_DATE_EPOCH, else git, else the file's date). Its names are not
register mentions: its ids and ``@ref`` belong to another project's registers, not to
``tei/authority/``, so it has no entries and no mentions here.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from lxml import etree

from ..config import DocumentConfig, default_config, load_config
from ..conventions.header import author_names, main_title, publication_date, subtitle
from ..conventions.text import text_of
from ..errors import EditionError, Location
from ..project import Project
from ..xmlsafe import XML_ID, parse_file, tei
from .entries import RegisterEntry, read_entries
from .mentions import Mention, find_mentions


@dataclass(frozen=True)
class HeaderFacts:
    """What the citation files need from the teiHeader, as the header states it."""

    title: str
    subtitle: str
    authors: tuple[str, ...]
    language: str
    web_title: str
    web_publisher: str
    web_date: str
    web_url: str
    original_title: str
    original_date: str
    edition_publisher: str
    edition_date: str
    edition_version: str
    rights_status: str


@dataclass(frozen=True)
class ExportDocument:
    doc_id: str
    path: Path
    tree: etree._ElementTree
    config: DocumentConfig
    header: HeaderFacts
    entries: tuple[RegisterEntry, ...]
    mentions: tuple[Mention, ...]
    #: TEI from another project, published without a transcript (see the module docstring)
    foreign: bool = False

    @property
    def root(self) -> etree._Element:
        return self.tree.getroot()

    @property
    def cited_publisher(self) -> str:
        """Who published what the document is cited as, as its header states it: the web
        publication a transcript was taken from; for another project's TEI, its
        publicationStmt (that project, which published the TEI)."""
        return self.header.edition_publisher if self.foreign else self.header.web_publisher

    @property
    def cited_date(self) -> str:
        """The date of that publication, as the header states it ('' if it does not)."""
        return self.header.edition_date if self.foreign else self.header.web_date

    def citable_passages(self) -> list[str]:
        """The ids of every element under text/ that carries one (its citable passages)."""
        text = self.root.find(tei("text"))
        if text is None:
            return []
        return [
            xml_id
            for el in text.iter()
            if isinstance(el.tag, str) and (xml_id := el.get(XML_ID)) is not None and xml_id
        ]


def _text(root: etree._Element, path: str) -> str:
    return text_of(root.find(path))


def _attr(root: etree._Element, path: str, name: str) -> str:
    found = root.find(path)
    return (found.get(name) or "") if found is not None else ""


def read_header(root: etree._Element, *, foreign: bool = False) -> HeaderFacts:
    """The header facts, by the paths schema/conventions.md pins; for another project's
    TEI (``foreign``), only those any TEI header states the same way."""
    t = "{http://www.tei-c.org/ns/1.0}"
    file_desc = f"{t}teiHeader/{t}fileDesc"
    pub = f"{file_desc}/{t}publicationStmt"
    web = f"{file_desc}/{t}sourceDesc/{t}bibl[@type='web']"
    original = f"{file_desc}/{t}sourceDesc/{t}bibl[@type='original']"
    ours = not foreign  # the web publication and the original are this project's forms
    return HeaderFacts(
        title=text_of(main_title(root)),
        subtitle=text_of(subtitle(root)),
        authors=author_names(root),
        language=root.get("{http://www.w3.org/XML/1998/namespace}lang", ""),
        web_title=_text(root, f"{web}/{t}title") if ours else "",
        web_publisher=_text(root, f"{web}/{t}publisher") if ours else "",
        web_date=_attr(root, f"{web}/{t}date", "when") if ours else "",
        web_url=_attr(root, f"{web}/{t}ref", "target") if ours else "",
        original_title=_text(root, f"{original}/{t}title") if ours else "",
        original_date=_attr(root, f"{original}/{t}date", "when") if ours else "",
        edition_publisher=_text(root, f"{pub}/{t}publisher"),
        edition_date=publication_date(root),
        edition_version=_attr(root, f"{file_desc}/{t}editionStmt/{t}edition", "n"),
        rights_status=_attr(root, f"{pub}/{t}availability", "status"),
    )


def load_document(project: Project, doc_id: str) -> ExportDocument:
    """Read the master ``tei/<doc_id>.xml`` and its ``tei/source/<doc_id>.toml``; a master
    without a transcript is another project's TEI (see the module docstring)."""
    path = project.tei_dir / f"{doc_id}.xml"
    if not path.is_file():
        raise EditionError(Location(str(path)), "no TEI master (run 'edition build' first)")
    tree = parse_file(path)
    root = tree.getroot()
    if root.tag != tei("TEI"):
        raise EditionError(
            Location(str(path), root.sourceline or 1),
            f"root element must be TEI <TEI>, not <{etree.QName(root).localname}>",
        )
    config_path = project.source_dir / f"{doc_id}.toml"
    if project.transcript_for(path) is None:
        # the build date its build used; no version, rights or publisher of this edition
        config = replace(default_config(config_path, doc_id, source=path), edition_version="")
        header = read_header(root, foreign=True)
        return ExportDocument(doc_id, path, tree, config, header, (), (), foreign=True)
    config = load_config(config_path, doc_id=doc_id)
    entries = tuple(read_entries(root, str(path)))
    seen: dict[str, RegisterEntry] = {}
    for entry in entries:
        if entry.id in seen:
            raise EditionError(
                Location(str(path), entry.line),
                f"duplicate standOff entry '{entry.id}' (first at line {seen[entry.id].line})",
            )
        seen[entry.id] = entry
    kinds = {e.id: e.kind for e in entries}
    mentions = tuple(find_mentions(root, kinds, str(path)))
    return ExportDocument(doc_id, path, tree, config, read_header(root), entries, mentions)


def document_ids(project: Project, chosen: tuple[str, ...] = ()) -> list[str]:
    """The documents to export: every transcript of the project and every TEI document
    that came without one (or the chosen ones)."""
    known = sorted(
        [t.stem for t in project.transcripts()] + [m.stem for m in project.foreign_masters()]
    )
    missing = [d for d in chosen if d not in known]
    if missing:
        raise EditionError(
            Location(str(project.source_dir)), f"no transcript named {', '.join(missing)}"
        )
    return list(chosen) if chosen else known
