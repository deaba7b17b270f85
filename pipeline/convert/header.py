"""Pass ``header``: the teiHeader, from the .toml, the transcript and what the passes did.

Metadata comes only from the configuration and from what the transcript says about itself
(front matter, header blocks, licence pages, the title page), each statement from the
first of them that gives it (:mod:`.statement`); the editorialDecl is written from the
decisions the passes recorded, so it states what was actually done to this text, with
counts and source lines.
"""

from __future__ import annotations

from lxml import etree

from .. import __version__
from ..config import DocumentConfig
from .dates import format_date
from .language import name_of
from .model import Document, inline_text
from .statement import Statement, state
from .tei import el, sub

FIXED_DECISIONS = [
    (
        "quotation",
        (
            "Quotation marks and apostrophes are transcribed as characters exactly as they appear "
            "in the source, curly or straight; they are not normalised."
        ),
    ),
    (
        "stdVals",
        (
            "Dates in the header and in the title page are given in ISO 8601 in @when; uncertain "
            "values carry @cert."
        ),
    ),
    (
        "interpretation",
        (
            'Markdown emphasis is encoded as hi rend="italic" and strong emphasis as hi '
            'rend="bold"; links and bare URLs as ref with @target; superscript note numbers as '
            'ref type="noteAnchor" pointing to the note, which points back to its anchor(s).'
        ),
    ),
    (
        "segmentation",
        (
            "Numbered theses (1., 2. ...) are paragraphs carrying their source number in @n, not "
            "lists; a number the source repeats is kept as it stands. Passages are identified by "
            "their place in the structure (sec-2-A-p3), so that an edit in one section never "
            "changes the identifiers of another."
        ),
    ),
]


def _date(when: str, text: str = "") -> etree._Element:
    return el("date", {"when": when}, text or format_date(when))


ROLE_ELEMENT = {"org": "orgName", "person": "persName", "name": "name"}


def _title_stmt(doc: Document, said: Statement) -> etree._Element:
    cfg = doc.config
    stmt = el("titleStmt", None, el("title", {"type": "main"}, said.title))
    for subtitle in said.subtitles:
        sub(stmt, "title", {"type": "sub"}, subtitle)
    sub(stmt, "title", {"type": "sub"}, "A TEI edition")
    for author in said.authors:
        sub(stmt, "author", None, author)
    for resp, name, kind in said.roles:
        sub(stmt, "respStmt", None, el("resp", None, resp), el(ROLE_ELEMENT[kind], None, name))
    if cfg.encoder:
        sub(stmt, "respStmt", None, el("resp", None, "TEI encoding"), el("name", None, cfg.encoder))
    return stmt


def _publication_stmt(doc: Document, said: Statement) -> etree._Element:
    cfg = doc.config
    stmt = el("publicationStmt")
    sub(stmt, "publisher", None, cfg.edition_publisher or cfg.encoder or "Unpublished")
    sub(stmt, "date", {"when": cfg.build_date}, format_date(cfg.build_date))
    sub(stmt, "availability", {"status": said.rights_status}, el("p", None, said.rights_statement))
    sub(stmt, "idno", {"type": "local"}, cfg.doc_id)
    return stmt


def _bibl(attrs: dict[str, str], parts: list[etree._Element]) -> etree._Element:
    """A bibl of ``parts`` read as one citation: "Title. Publisher, date. Note." """
    bibl = el("bibl", attrs)
    for index, part in enumerate(parts):
        if index:
            bibl[-1].tail = (
                ", " if part.tag == el("date").tag and bibl[-1].tag == el("publisher").tag else ". "
            )
        bibl.append(part)
    if len(bibl) and bibl[-1].tag != el("note").tag:
        bibl[-1].tail = "."
    return bibl


#: Facts that describe the transcript's source (not the metadata keys the header uses).
SOURCE_FACTS = ("header block", "Project Gutenberg header", "page furniture")


def _transcript_source(doc: Document, said: Statement) -> etree._Element | None:
    """The source the transcript says it follows, as it says it: title, authors, where it
    was published, its URL, and each line of its header block or licence page."""
    meta = doc.metadata
    facts = [f for f in meta.facts if f.origin in SOURCE_FACTS or f.origin.startswith("ebook")]
    if not (said.url or meta.publisher or meta.source or facts):
        return None
    parts: list[etree._Element] = [el("title", None, said.title)]
    for author in said.authors:
        parts.append(el("author", None, author))
    if meta.publisher:
        parts.append(el("publisher", None, meta.publisher))
    if meta.date and meta.date_text:
        parts.append(
            _date(meta.date, meta.date_text)
            if meta.date_text and not meta.date_text[:4].isdigit()
            else _date(meta.date)
        )
    if said.url and said.url.startswith(("http://", "https://")):
        parts.append(el("ref", {"target": said.url}, said.url))
    for fact in facts:
        parts.append(
            el(
                "note",
                None,
                f"{fact.label}: {fact.value}"
                if fact.label not in ("URL",)
                else f"Source URL given by the transcript: {fact.value}",
            )
        )
    return _bibl({"type": "transcript", "xml:id": "source-transcript"}, parts)


def _source_desc(doc: Document, said: Statement) -> etree._Element:
    cfg = doc.config
    desc = el("sourceDesc")
    if not cfg.publication_title and not cfg.publication_publisher and not cfg.publication_url:
        transcript = _transcript_source(doc, said)
        if transcript is not None:
            desc.append(transcript)
        else:
            sub(
                desc,
                "p",
                None,
                f"The transcript {doc.source.name} is the only source of this edition; it does not "
                "say where its text was taken from.",
            )
        _original(desc, cfg)
        _witnesses(desc, doc)
        return desc
    web: list[etree._Element] = [el("title", {"level": "a"}, cfg.publication_title or said.title)]
    if cfg.publication_publisher:
        web.append(el("publisher", None, cfg.publication_publisher))
    if cfg.publication_date:
        date_text = (
            inline_text(doc.title_page.date).strip()
            if doc.title_page.date_iso == cfg.publication_date
            else ""
        )
        web.append(_date(cfg.publication_date, date_text))
    if cfg.publication_url:
        web.append(el("ref", {"target": cfg.publication_url}, cfg.publication_url))
    if cfg.publication_statement:
        web.append(el("note", None, cfg.publication_statement))
    desc.append(_bibl({"type": "web", "xml:id": "source-web"}, web))
    _original(desc, cfg)
    _witnesses(desc, doc)
    return desc


def _original(desc: etree._Element, cfg: DocumentConfig) -> None:
    if cfg.original_title:
        original: list[etree._Element] = [el("title", {"level": "m"}, cfg.original_title)]
        if cfg.original_chapter:
            original.append(
                el(
                    "biblScope",
                    {"unit": "chapter", "n": cfg.original_chapter},
                    f"chapter {cfg.original_chapter}",
                )
            )
        if cfg.original_date:
            original.append(_date(cfg.original_date))
        if cfg.original_language:
            original.append(
                el("textLang", {"mainLang": cfg.original_language}, name_of(cfg.original_language))
            )
        if cfg.original_note:
            original.append(el("note", None, cfg.original_note))
        desc.append(_bibl({"type": "original", "xml:id": "source-original"}, original))


def _witnesses(desc: etree._Element, doc: Document) -> None:
    if doc.witnesses:
        wits = sub(desc, "listWit")
        for witness in doc.witnesses:
            sub(
                wits,
                "witness",
                {"xml:id": witness.xml_id, "n": witness.siglum},
                witness.description,
            )


def _encoding_desc(doc: Document) -> etree._Element:
    desc = el("encodingDesc")
    sub(
        desc,
        "projectDesc",
        None,
        el(
            "p",
            None,
            "A scholarly TEI P5 encoding of a transcript, generated by the edition pipeline from "
            "the transcript and its configuration, validated against the project's schema and the "
            "official tei_all schema, and published as HTML, plain text and PDF.",
        ),
    )
    decl = sub(desc, "editorialDecl")
    grouped: dict[str, list[str]] = {}
    for category, text in [*[(d.category, d.text) for d in doc.decisions], *FIXED_DECISIONS]:
        grouped.setdefault(category, []).append(text)
    # TEI fixes the order of editorialDecl's children only loosely; keep a stable one.
    for category in (
        "correction",
        "normalization",
        "quotation",
        "hyphenation",
        "segmentation",
        "stdVals",
        "interpretation",
    ):
        if category in grouped:
            attrs = (
                {"marks": "all"}
                if category == "quotation"
                else {"eol": "all"}
                if category == "hyphenation"
                else {}
            )
            part = sub(decl, category, attrs)
            for text in grouped[category]:
                sub(part, "p", None, text)
    if doc.witnesses:
        sub(desc, "variantEncoding", {"method": "parallel-segmentation", "location": "internal"})
    app_info = sub(desc, "appInfo")
    sub(
        app_info,
        "application",
        {"ident": "edition-pipeline", "version": __version__},
        el("label", None, "edition pipeline (edition convert)"),
    )
    return desc


LANGUAGE_NOTE = {
    "configuration": "the text of this edition",
    "the transcript's metadata": "the text of this edition, as its metadata states",
    "recognised": (
        "the text of this edition, recognised from its commonest words; no source states it"
    ),
    "assumed": "the text of this edition, assumed: no source states it and its words do not tell",
}


def _profile_desc(doc: Document, said: Statement) -> etree._Element:
    cfg = doc.config
    desc = el("profileDesc")
    if said.date or said.place:
        creation = sub(desc, "creation")
        if said.date:
            creation.append(_date(said.date))
        if said.place:
            creation.append(el("placeName", None, said.place))
            if said.date:
                creation[0].tail = " "
    usage = sub(desc, "langUsage")
    language = said.language
    sub(
        usage,
        "language",
        {"ident": language},
        f"{name_of(language)} ({LANGUAGE_NOTE[said.language_source]})",
    )
    if cfg.original_language and cfg.original_language != language:
        sub(
            usage,
            "language",
            {"ident": cfg.original_language},
            f"{name_of(cfg.original_language)} (the language of the original)",
        )
    if cfg.summary:
        sub(desc, "abstract", None, el("p", None, cfg.summary))
    return desc


def _revision_desc(doc: Document) -> etree._Element:
    desc = el("revisionDesc")
    for revision in doc.config.revisions or ():
        sub(desc, "change", {"when": revision.date}, revision.description)
    if not len(desc):
        sub(
            desc,
            "change",
            {"when": doc.config.build_date},
            "Generated from the transcript by edition convert.",
        )
    return desc


def _sources_decision(doc: Document, said: Statement) -> None:
    """Say where the header's statements come from, when not all from the configuration."""
    told: list[str] = []
    if said.title_source != "the configuration":
        told.append(f"the title from {said.title_source}")
    if said.authors and not doc.config.author:
        told.append(
            "the authors from "
            + ("the transcript's metadata" if doc.metadata.authors else "the title page")
        )
    if any(kind == "name" for _, _, kind in said.roles):
        told.append("the roles (translation, transcription ...) as the transcript names them")
    if said.language_source in ("recognised", "assumed"):
        how = (
            "recognised from the text"
            if said.language_source == "recognised"
            else "assumed, no source naming it"
        )
        told.append(f"the language ({name_of(said.language)}) {how}")
    if not doc.config.rights_statement:
        told.append(
            "the rights "
            + (
                "as the transcript states them"
                if doc.metadata.licence
                else "as unknown, no source stating them"
            )
        )
    if told:
        doc.decide(
            "interpretation",
            "The teiHeader states only what the configuration or the transcript gives: "
            + "; ".join(told)
            + ".",
        )


def run(doc: Document) -> Document:
    said = doc.statement = state(doc)
    if (
        said.title_source == "the configuration"
        and not doc.title_page.title
        and not doc.metadata.title
    ):
        doc.warn(
            1,
            "no level-1 heading or other title in the transcript: the title comes from the .toml",
            "W-STRUCTURE",
        )
    if doc.config.build_date_source == "file date":
        doc.warn(
            0,
            f"the build date is the transcript file's date ({doc.config.build_date}): set "
            "[edition] build_date or SOURCE_DATE_EPOCH for the same bytes on every machine",
            "W-BUILD-DATE",
        )
    _sources_decision(doc, said)
    header = el("teiHeader")
    file_desc = sub(header, "fileDesc")
    file_desc.append(_title_stmt(doc, said))
    sub(
        file_desc,
        "editionStmt",
        None,
        el(
            "edition",
            {"n": doc.config.edition_version},
            f"TEI edition, version {doc.config.edition_version}",
        ),
    )
    file_desc.append(_publication_stmt(doc, said))
    file_desc.append(_source_desc(doc, said))
    header.append(_encoding_desc(doc))
    header.append(_profile_desc(doc, said))
    header.append(_revision_desc(doc))
    doc.header = header
    return doc
