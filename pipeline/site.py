"""The corpus site: ``dist/index.html`` and its full-text search index ``dist/pagefind/``.

``build_site`` runs after every document has been rendered. It

1. collects the edition's documents: every ``tei/*.xml`` whose root is a TEI document with
   a text (not a registry under ``tei/authority/``, not a ``teiCorpus``), parsed safely;
2. wraps them, with the outputs that exist for each under ``dist/<doc>/``, into one
   corpus document (:func:`corpus_xml`) and renders it with ``xslt/site.xsl``: the list of
   documents (title, dates, summary, links to HTML, text, PDF, EPUB), the corpus
   registers (every mention, linked to its id in the document's index.html) and the
   search form;
3. indexes the documents' reading editions with Pagefind (:func:`index_search`).

How the search index is made, since html.xsl (shared, finished) cannot be given Pagefind's
``data-pagefind-*`` attributes: Pagefind is told what to index from the command line.
``--glob '*/index.html'`` takes only the reading editions (not print.html, not the site
page); ``--root-selector main`` indexes the text, the notes and nothing of the title page
or contents; ``--exclude-selectors`` drops what would repeat or pollute the text (the note
pop-ups, which copy each note; the note numbers; the registers; the variant-reading
boxes; the bracket switch; the editorial brackets themselves, so that ``part[y]`` is
indexed as the word ``party``). Pagefind records every element with an id and the word
position where it starts (its "anchors"), so the search script (``xslt/assets/site.js``)
links each hit to the passage that holds it (``index.html#sec-2-A-p3``), not only to the
page; Pagefind's own sub-results would need ids on the headings, which html.xsl puts on
the sections instead.

Example::

    written = build_site(Path("."), Path("dist"))   # [dist/index.html, dist/pagefind/...]
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from .errors import EditionError, Location
from .files import write_if_changed
from .render.xslt import ParamValue, render
from .xmlsafe import TEI_NS, parse_bytes

SITE_NS = "urn:x-edition:site"

#: The outputs a document may have, in the order the site lists them: kind -> file name
#: under dist/<doc>/ ({doc} is the document id). The names are those pipeline/render writes.
OUTPUT_FILES: tuple[tuple[str, str], ...] = (
    ("html", "index.html"),
    ("text", "{doc}.txt"),
    ("pdf", "{doc}.pdf"),
    ("epub", "{doc}.epub"),
)

#: What Pagefind leaves out of each reading edition (see the module docstring).
PAGEFIND_EXCLUDE = (
    ".note-anchor",  # note numbers, their pop-up copies of the notes, the pop-up buttons
    ".note-num",  # the number and back-links in front of each endnote
    ".backrefs",
    ".registers",
    ".apparatus",
    ".reading-controls",
    ".bracket",  # so that B[olshevik]-L[eninists] is indexed as the words Bolshevik-Leninists
    ".cite-link",  # the "cite" permalinks after each passage
    ".cite-dialog",
)
PAGEFIND_DIR = "pagefind"
#: Pagefind's ready-made search interfaces, which the site does not use (site.js calls
#: pagefind.js directly): removed from the bundle (about 420 KB).
PAGEFIND_UNUSED = (
    "pagefind-ui.js", "pagefind-ui.css", "pagefind-modular-ui.js", "pagefind-modular-ui.css",
    "pagefind-component-ui.js", "pagefind-component-ui.css", "pagefind-highlight.js",
)


@dataclass(frozen=True)
class SiteDocument:
    """One document of the edition: its id, master and the outputs that exist for it."""

    doc_id: str
    master: Path
    tei: etree._Element
    outputs: tuple[tuple[str, str, int], ...]  # (kind, href relative to dist, size in bytes)
    data: bytes = b""  # the master as read (and vetted by the safe parser)


def _is_document(root: etree._Element) -> bool:
    return root.tag == f"{{{TEI_NS}}}TEI" and root.find(f"{{{TEI_NS}}}text") is not None


def corpus_documents(project_root: Path, dist: Path) -> list[SiteDocument]:
    """The edition's documents (``tei/*.xml`` TEI documents, sorted by id) and their outputs."""
    documents: list[SiteDocument] = []
    for master in sorted((project_root / "tei").glob("*.xml")):
        data = master.read_bytes()
        root = parse_bytes(data, master).getroot()
        if not _is_document(root):
            continue
        doc_id = master.stem
        outputs: list[tuple[str, str, int]] = []
        for kind, pattern in OUTPUT_FILES:
            name = pattern.format(doc=doc_id)
            path = dist / doc_id / name
            if path.is_file():
                outputs.append((kind, f"{doc_id}/{name}", path.stat().st_size))
        documents.append(SiteDocument(doc_id, master, root, tuple(outputs), data))
    return documents


def corpus_xml(documents: list[SiteDocument]) -> bytes:
    """The wrapper site.xsl renders: ``<s:site>`` of ``<s:document>`` records with their
    outputs. The masters go to the stylesheet separately, as the ``documents`` parameter
    (one document node each: they share ids, which one XML file could not hold twice)."""
    site = etree.Element(f"{{{SITE_NS}}}site", nsmap={"s": SITE_NS})
    for document in documents:
        record = etree.SubElement(site, f"{{{SITE_NS}}}document", id=document.doc_id, master=str(document.master))
        for kind, href, size in document.outputs:
            etree.SubElement(record, f"{{{SITE_NS}}}output", kind=kind, href=href, bytes=str(size))
    data: bytes = etree.tostring(site, encoding="UTF-8", xml_declaration=True)
    return data


def render_site_page(documents: list[SiteDocument], *, site_title: str = "") -> tuple[bytes, tuple[str, ...]]:
    """dist/index.html as bytes, and the stylesheet's warnings."""
    params: dict[str, ParamValue] = {"documents": [document.data for document in documents]}
    if site_title:
        params["site-title"] = site_title
    result = render("site", corpus_xml(documents), params, source_name="<corpus of tei/*.xml>")
    return result.output, result.warnings


def pagefind_command(site: Path, output: Path) -> list[str]:
    """The Pagefind run that indexes the reading editions under ``site`` into ``output``."""
    command = [
        sys.executable, "-m", "pagefind",
        "--site", str(site),
        "--glob", "*/index.html",
        "--root-selector", "main",
        "--keep-index-url",
        "--output-path", str(output),
        "--quiet",
    ]
    for selector in PAGEFIND_EXCLUDE:
        command += ["--exclude-selectors", selector]
    return command


def index_search(dist: Path) -> list[Path]:
    """Build ``dist/pagefind/`` afresh (no stale fragments of an earlier build survive):
    Pagefind writes into a temporary directory beside it, which then replaces the old one."""
    dist.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".pagefind-", dir=dist))
    try:
        try:
            run = subprocess.run(
                # run in the empty staging directory, so that no pagefind.yml of the
                # caller's working directory changes what is indexed
                pagefind_command(dist.resolve(), staging.resolve()), cwd=staging,
                capture_output=True, text=True, timeout=600, check=False,
            )
        except (OSError, subprocess.TimeoutExpired) as exc:
            raise EditionError(Location(str(dist)), f"pagefind could not run: {exc}") from None
        if run.returncode != 0:
            detail = " ".join((run.stderr or run.stdout).split())[:500]
            if "No module named pagefind" in detail:
                detail = "the Python package pagefind[extended] is not installed"
            raise EditionError(Location(str(dist)), f"pagefind failed: {detail}")
        if not (staging / "pagefind.js").is_file():
            raise EditionError(Location(str(dist)), "pagefind wrote no pagefind.js: no reading edition (*/index.html) to index?")
        for name in PAGEFIND_UNUSED:
            (staging / name).unlink(missing_ok=True)
        target = dist / PAGEFIND_DIR
        if target.exists():
            shutil.rmtree(target)
        staging.rename(target)
        target.chmod(0o755)  # mkdtemp made it private; a web server must read it
    finally:
        if staging.exists():
            shutil.rmtree(staging)
    return sorted(p for p in target.rglob("*") if p.is_file())


def build_site(project_root: Path, dist: Path) -> list[Path]:
    """Write ``dist/index.html`` and the search index ``dist/pagefind/``; the files written.

    Run it after the documents are rendered: the site links only to outputs that exist.
    Without any reading edition there is nothing to search, and only the page is written.
    Warnings of site.xsl (none for the project's masters) raise, as a broken site page
    would: ``UNHANDLED:`` elements and broken references have no place in it.
    """
    documents = corpus_documents(project_root, dist)
    if not documents:
        raise EditionError(Location(str(project_root / "tei")), "no TEI documents (tei/*.xml) to publish on the site")
    page, warnings = render_site_page(documents)
    problems = [w for w in warnings if w.startswith(("UNHANDLED:", "BROKEN-REF:"))]
    if problems:
        raise EditionError(Location(str(dist / "index.html")), f"site.xsl: {problems[0]}")
    index = dist / "index.html"
    write_if_changed(index, page)
    written = [index]
    if any(kind == "html" for document in documents for kind, _, _ in document.outputs):
        written += index_search(dist)
    return written
