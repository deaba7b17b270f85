"""What the edition states about its text, and on whose word.

Each statement comes from the configuration (the editor's word) if it gives one, else from
the transcript: its front matter, an archive's header block, an ebook's licence page, its
title page. Nothing is stated that neither says: no role without a source that names it, no
licence that is not given, no language but the one named or recognised from the text (and
then said to be recognised).

>>> # a transcript with a title heading and a front-matter translator, no .toml:
>>> # Statement(title="...", title_source="the title page",
>>> #           roles=[("Translation", "C. Nguyen", "name")], ...)
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..errors import EditionError
from .language import code_for, name_of, recognise
from .model import Document, inline_text

#: Front-matter and header-block labels that name who did what (the label is the role).
ROLE_LABELS = re.compile(
    r"^(?:transcri\w*(?:[/\\ ]markup)?|html markup|markup|proofread\w*|proofed|produced by|"
    r"e-?text prepared by|reviewers?|translation[- ]editors?|translation[- ]reviewers?|"
    r"editors?|encod\w*|digiti[sz]\w*)$",
    re.IGNORECASE,
)
FREE = re.compile(
    r"public domain|creative commons|creativecommons\.org|\bcc[ -]?(?:by|0|zero)|copyleft|freely "
    r"(?:copy|distribute)|free of copyright|at no cost and with almost no restrictions",
    re.IGNORECASE,
)


@dataclass
class Statement:
    title: str
    title_source: str
    subtitles: list[str] = field(default_factory=list)
    authors: list[str] = field(default_factory=list)
    roles: list[tuple[str, str, str]] = field(default_factory=list)  # (resp, name, person|org|name)
    language: str = "en"
    language_source: str = "configuration"
    date: str = ""  # the text's own date, ISO
    date_text: str = ""
    place: str = ""
    rights_status: str = "unknown"
    rights_statement: str = ""
    source: str = ""  # the printed source the transcript follows
    url: str = ""
    publisher: str = ""


def _title(doc: Document) -> tuple[str, str]:
    cfg, meta = doc.config, doc.metadata
    page = " ".join(inline_text(doc.title_page.title).split())
    if cfg.title:
        return cfg.title, "the configuration"
    if meta.title:
        return meta.title, "the transcript's metadata"
    if page:
        return page, "the title page"
    where = cfg.path if cfg.present else f"{cfg.path} (absent)"
    raise EditionError(
        doc.where(1),
        f"no title: the transcript has no title heading or front-matter title, and {where} gives "
        "no [document] title",
    )


def _language(doc: Document) -> tuple[str, str]:
    if doc.config.language:
        return doc.config.language, "configuration"
    code = code_for(doc.metadata.language) if doc.metadata.language else ""
    if code:
        return code, "the transcript's metadata"
    text = " ".join(b.text() for b in doc.read_blocks[:200])
    recognised = recognise(text)
    if recognised:
        return recognised, "recognised"
    return "en", "assumed"


def _rights(doc: Document) -> tuple[str, str]:
    cfg, meta = doc.config, doc.metadata
    if cfg.rights_statement:
        return cfg.rights_status or "restricted", cfg.rights_statement
    if meta.licence:
        stated = " ".join(meta.licence.split())
        status = cfg.rights_status or ("free" if FREE.search(stated) else "unknown")
        return status, f"The transcript states its rights as follows: {stated}"
    return cfg.rights_status or "unknown", (
        "Neither the transcript nor its configuration states the rights in the text; they are "
        "unknown to this edition, which grants no licence to it."
    )


def _roles(doc: Document) -> list[tuple[str, str, str]]:
    cfg, meta = doc.config, doc.metadata
    roles: list[tuple[str, str, str]] = [
        (resp, name, kind) for resp, name, kind in cfg.responsibilities
    ]
    for name in [cfg.translator] if cfg.translator else meta.translators:
        roles.append(("Translation", name, "name"))
    for name in [cfg.editor] if cfg.editor else []:
        roles.append(("Editing", name, "name"))
    seen = {(resp.lower(), name) for resp, name, _ in roles}
    for fact in meta.facts:
        if ROLE_LABELS.match(fact.label.strip()) and fact.value.strip():
            for name in (n.strip() for n in fact.value.split(";")):
                key = (fact.label.lower(), name)
                if name and key not in seen:
                    seen.add(key)
                    roles.append((fact.label.strip(), name.rstrip(".;,"), "name"))
    return roles


def state(doc: Document) -> Statement:
    cfg, meta = doc.config, doc.metadata
    title, title_source = _title(doc)
    language, language_source = _language(doc)
    status, statement = _rights(doc)
    page = doc.title_page
    authors = (
        [cfg.author]
        if cfg.author
        else list(meta.authors) or [" ".join(inline_text(a).split()) for a in page.authors]
    )
    subtitles = (
        [meta.subtitle]
        if meta.subtitle
        else [" ".join(inline_text(s).split()) for s in page.subtitles]
    )
    return Statement(
        title=title,
        title_source=title_source,
        subtitles=[s for s in subtitles if s],
        authors=[a for a in authors if a],
        roles=_roles(doc),
        language=language,
        language_source=language_source,
        date=cfg.created or meta.date,  # (a title page's date is often the publication's)
        date_text=meta.date_text,
        place=cfg.created_place or meta.place,
        rights_status=status,
        rights_statement=statement,
        source=meta.source,
        url=cfg.publication_url or meta.url,
        publisher=cfg.publication_publisher or meta.publisher,
    )


__all__ = ["Statement", "name_of", "state"]
