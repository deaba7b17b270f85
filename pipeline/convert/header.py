"""Pass ``header``: the teiHeader, from the .toml and from what the other passes did.

Metadata comes only from the configuration (which an editor fills from the transcript) and
the transcript's own title page; the editorialDecl is written from the decisions the passes
recorded, so it states what was actually done to this text, with counts and source lines.
"""

from __future__ import annotations

from lxml import etree

from .. import __version__
from .dates import format_date
from .model import Document, inline_text
from .tei import el, sub

LANGUAGE_NAMES = {"en": "English", "ru": "Russian", "de": "German", "fr": "French", "es": "Spanish"}

FIXED_DECISIONS = [
    (
        "quotation",
        "Quotation marks and apostrophes are transcribed as characters exactly as they appear "
        "in the source, curly or straight; they are not normalised.",
    ),
    (
        "stdVals",
        "Dates in the header and in the title page are given in ISO 8601 in @when; uncertain "
        "values carry @cert.",
    ),
    (
        "interpretation",
        "Markdown emphasis is encoded as hi rend=\"italic\" and strong emphasis as hi "
        "rend=\"bold\"; links and bare URLs as ref with @target; superscript note numbers as "
        "ref type=\"noteAnchor\" pointing to the note, which points back to its anchor(s).",
    ),
    (
        "segmentation",
        "Numbered theses (1., 2. ...) are paragraphs carrying their source number in @n, not "
        "lists; a number the source repeats is kept as it stands. Passages are identified by "
        "their place in the structure (sec-2-A-p3), so that an edit in one section never "
        "changes the identifiers of another.",
    ),
]


def _language_name(code: str) -> str:
    return LANGUAGE_NAMES.get(code.split("-")[0], code)


def _date(when: str, text: str = "") -> etree._Element:
    return el("date", {"when": when}, text or format_date(when))


def _title_stmt(doc: Document) -> etree._Element:
    cfg = doc.config
    title = cfg.title or inline_text(doc.title_page.title).strip()
    stmt = el("titleStmt", None, el("title", {"type": "main"}, title))
    sub(stmt, "title", {"type": "sub"}, "A TEI edition")
    if cfg.author:
        sub(stmt, "author", None, cfg.author)
    if cfg.publication_statement and cfg.publication_publisher:
        sub(stmt, "respStmt", None, el("resp", None, "Translation and editorial notes"), el("orgName", None, cfg.publication_publisher))
    if cfg.encoder:
        sub(stmt, "respStmt", None, el("resp", None, "TEI encoding"), el("name", None, cfg.encoder))
    return stmt


def _publication_stmt(doc: Document) -> etree._Element:
    cfg = doc.config
    stmt = el("publicationStmt")
    sub(stmt, "publisher", None, cfg.edition_publisher or cfg.encoder or "Unpublished")
    sub(stmt, "date", {"when": cfg.build_date}, format_date(cfg.build_date))
    sub(stmt, "availability", {"status": cfg.rights_status}, el("p", None, cfg.rights_statement))
    sub(stmt, "idno", {"type": "local"}, cfg.doc_id)
    return stmt


def _bibl(attrs: dict[str, str], parts: list[etree._Element]) -> etree._Element:
    """A bibl of ``parts`` read as one citation: "Title. Publisher, date. Note." """
    bibl = el("bibl", attrs)
    for index, part in enumerate(parts):
        if index:
            bibl[-1].tail = ", " if part.tag == el("date").tag and bibl[-1].tag == el("publisher").tag else ". "
        bibl.append(part)
    if len(bibl) and bibl[-1].tag != el("note").tag:
        bibl[-1].tail = "."
    return bibl


def _source_desc(doc: Document) -> etree._Element:
    cfg = doc.config
    desc = el("sourceDesc")
    web: list[etree._Element] = [el("title", {"level": "a"}, cfg.publication_title or cfg.title)]
    if cfg.publication_publisher:
        web.append(el("publisher", None, cfg.publication_publisher))
    if cfg.publication_date:
        date_text = inline_text(doc.title_page.date).strip() if doc.title_page.date_iso == cfg.publication_date else ""
        web.append(_date(cfg.publication_date, date_text))
    if cfg.publication_url:
        web.append(el("ref", {"target": cfg.publication_url}, cfg.publication_url))
    if cfg.publication_statement:
        web.append(el("note", None, cfg.publication_statement))
    desc.append(_bibl({"type": "web", "xml:id": "source-web"}, web))
    if cfg.original_title:
        original: list[etree._Element] = [el("title", {"level": "m"}, cfg.original_title)]
        if cfg.original_chapter:
            original.append(el("biblScope", {"unit": "chapter", "n": cfg.original_chapter}, f"chapter {cfg.original_chapter}"))
        if cfg.original_date:
            original.append(_date(cfg.original_date))
        if cfg.original_language:
            original.append(el("textLang", {"mainLang": cfg.original_language}, _language_name(cfg.original_language)))
        if cfg.original_note:
            original.append(el("note", None, cfg.original_note))
        desc.append(_bibl({"type": "original", "xml:id": "source-original"}, original))
    if doc.witnesses:
        wits = sub(desc, "listWit")
        for witness in doc.witnesses:
            sub(wits, "witness", {"xml:id": witness.xml_id, "n": witness.siglum}, witness.description)
    return desc


def _encoding_desc(doc: Document) -> etree._Element:
    desc = el("encodingDesc")
    sub(
        desc,
        "projectDesc",
        None,
        el(
            "p",
            None,
            "A scholarly TEI P5 encoding of a transcript, generated by the edition pipeline from the "
            "transcript and its configuration, validated against the project's schema and the "
            "official tei_all schema, and published as HTML, plain text and PDF.",
        ),
    )
    decl = sub(desc, "editorialDecl")
    grouped: dict[str, list[str]] = {}
    for category, text in [*[(d.category, d.text) for d in doc.decisions], *FIXED_DECISIONS]:
        grouped.setdefault(category, []).append(text)
    # TEI fixes the order of editorialDecl's children only loosely; keep a stable one.
    for category in ("correction", "normalization", "quotation", "segmentation", "stdVals", "interpretation"):
        if category in grouped:
            attrs = {"marks": "all"} if category == "quotation" else {}
            part = sub(decl, category, attrs)
            for text in grouped[category]:
                sub(part, "p", None, text)
    if doc.witnesses:
        sub(desc, "variantEncoding", {"method": "parallel-segmentation", "location": "internal"})
    app_info = sub(desc, "appInfo")
    sub(app_info, "application", {"ident": "edition-pipeline", "version": __version__}, el("label", None, "edition pipeline (edition convert)"))
    return desc


def _profile_desc(doc: Document) -> etree._Element:
    cfg = doc.config
    desc = el("profileDesc")
    if cfg.created or cfg.created_place:
        creation = sub(desc, "creation")
        if cfg.created:
            creation.append(_date(cfg.created))
        if cfg.created_place:
            creation.append(el("placeName", None, cfg.created_place))
            if cfg.created:
                creation[0].tail = " "
    usage = sub(desc, "langUsage")
    sub(usage, "language", {"ident": cfg.language}, f"{_language_name(cfg.language)} (the text of this edition)")
    if cfg.original_language and cfg.original_language != cfg.language:
        sub(usage, "language", {"ident": cfg.original_language}, f"{_language_name(cfg.original_language)} (the language of the original)")
    if cfg.summary:
        sub(desc, "abstract", None, el("p", None, cfg.summary))
    return desc


def _revision_desc(doc: Document) -> etree._Element:
    desc = el("revisionDesc")
    for revision in doc.config.revisions or ():
        sub(desc, "change", {"when": revision.date}, revision.description)
    if not len(desc):
        sub(desc, "change", {"when": doc.config.build_date}, "Generated from the transcript by edition convert.")
    return desc


def run(doc: Document) -> Document:
    header = el("teiHeader")
    file_desc = sub(header, "fileDesc")
    file_desc.append(_title_stmt(doc))
    sub(file_desc, "editionStmt", None, el("edition", {"n": doc.config.edition_version}, f"TEI edition, version {doc.config.edition_version}"))
    file_desc.append(_publication_stmt(doc))
    file_desc.append(_source_desc(doc))
    header.append(_encoding_desc(doc))
    header.append(_profile_desc(doc))
    header.append(_revision_desc(doc))
    doc.header = header
    return doc

