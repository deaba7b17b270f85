"""data/README.txt: what the package is and, one line per file, what each file is.

Nothing here is written per document. A file's line comes from a rule for its place in
the payload (``tei/<doc>.xml`` is the master) and, where the file describes itself, from the
file: the title of an authority register, the first heading of a Markdown document, the
first sentence of the comment that opens a stylesheet, script or CSS file, the family and
style of a font.

    data/README.txt                 this file: what each file of the package is
    data/tei/authority/persons.xml  authority register (TEI): Register of persons
    data/xslt/html.xsl              XSLT 3.0 stylesheet: the HTML reading edition ...

The package of TEI from another project (no transcript) says so in its opening paragraph
and in the lines of its TEI and of the schema it is valid against (:data:`FOREIGN_RULES`).
"""

from __future__ import annotations

import fnmatch
import re
import textwrap
from collections.abc import Callable
from pathlib import Path, PurePosixPath

from lxml import etree

from ..conventions.header import full_title, main_title
from ..conventions.text import normalise_space, text_of
from ..errors import EditionError
from ..xmlsafe import NSMAP, parse_file

WIDTH = 78
#: The payload file the deposit writes itself: data/README.txt.
README_NAME = "README.txt"

#: (pattern relative to data/, description); ``{doc}`` is the document's id. First match wins.
RULES: tuple[tuple[str, str], ...] = (
    ("README.txt", "this file: what each file of the package is"),
    ("source/{doc}.md", "the transcript the edition is made from (Markdown, UTF-8)"),
    (
        "source/{doc}.toml",
        "the transcript's configuration (TOML): metadata, rights, build date, editorial settings",
    ),
    (
        "tei/{doc}.xml",
        "the TEI P5 master of the edition (XML): text, notes, apparatus and teiHeader",
    ),
    ("tei/authority/*.xml", "authority register (TEI){detail}"),
    (
        "schema/edition.xsd",
        "the project's TEI customisation (XML Schema 1.0) that the master is valid against",
    ),
    (
        "schema/xml.xsd",
        "XML Schema of the xml: attributes (xml:id, xml:lang ...), imported by edition.xsd",
    ),
    ("schema/*.md", "schema documentation (Markdown){detail}"),
    ("xslt/*.xsl", "XSLT 3.0 stylesheet{detail}"),
    ("xslt/*.css", "CSS{detail}"),
    ("xslt/*.js", "JavaScript{detail}"),
    ("xslt/*.ttf", "font (TrueType) of the print edition{detail}"),
    ("xslt/*OFL*.txt", "licence of the fonts (SIL Open Font License)"),
    ("dist/index.html", "the HTML reading edition (self-contained HTML5)"),
    ("dist/{doc}.txt", "the plain-text edition (UTF-8)"),
    ("dist/print.html", "the print edition as HTML with CSS paged media, typeset into the PDF"),
    ("dist/{doc}.pdf", "the print edition as PDF/A, with the TEI master attached"),
    ("*.xml", "XML file{detail}"),
    ("*.md", "Markdown document{detail}"),
    ("*", "file{detail}"),
)


#: The rules that differ for the package of TEI from another project, tried first.
FOREIGN_RULES: tuple[tuple[str, str], ...] = (
    (
        "tei/{doc}.xml",
        "the TEI P5 document (XML) as it came from another project, published as it is",
    ),
    (
        "schema/tei_all.rng",
        "the TEI Consortium's tei_all schema (RELAX NG) that the TEI document is valid against",
    ),
)


def _register_title(path: Path) -> str:
    try:
        root = parse_file(path).getroot()
    except EditionError:
        return ""
    return text_of(main_title(root))


def _markdown_heading(path: Path) -> str:
    for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
        if line.startswith("#"):
            return normalise_space(line.lstrip("#"))
    return ""


_COMMENT = re.compile(
    r"^\s*(?:<\?xml[^>]*\?>\s*)?(?:<!--(?P<xml>.*?)-->|/\*(?P<c>.*?)\*/)", re.DOTALL
)


def _opening_comment(path: Path) -> str:
    """The first sentence of the comment that opens ``path``, without a leading
    ``name.ext:`` (the house style starts each file with ``html.xsl: what it is``)."""
    match = _COMMENT.match(path.read_text(encoding="utf-8", errors="replace")[:4000])
    if match is None:
        return ""
    text = normalise_space(match.group("xml") or match.group("c") or "")
    text = re.sub(rf"^{re.escape(path.name)}\s*:\s*", "", text)
    first = re.split(r"(?<=\.)\s", text, maxsplit=1)[0]
    return first.removesuffix(".")


def _font_name(path: Path) -> str:
    """The font's full name (name table, ID 4), e.g. ``Noto Serif Bold``."""
    from fontTools.ttLib import TTFont, TTLibError

    try:
        with TTFont(str(path), lazy=True) as font:
            return normalise_space(str(font["name"].getDebugName(4) or ""))
    except (TTLibError, OSError, KeyError, ValueError):
        return ""  # an unreadable font still gets its line; its name is a nicety


def _nothing(_path: Path) -> str:
    return ""


#: Where a file's own words come from, by suffix.
SELF_DESCRIPTIONS: dict[str, Callable[[Path], str]] = {
    ".md": _markdown_heading,
    ".xsl": _opening_comment,
    ".css": _opening_comment,
    ".js": _opening_comment,
    ".ttf": _font_name,
}


def describe(name: PurePosixPath, path: Path, doc_id: str, foreign: bool = False) -> str:
    """The description of payload file ``name`` (relative to data/), read at ``path``;
    ``foreign``: in the package of TEI from another project."""
    for pattern, template in (*FOREIGN_RULES, *RULES) if foreign else RULES:
        if fnmatch.fnmatchcase(str(name), pattern.format(doc=doc_id)):
            if "{detail}" not in template:
                return template
            if name.parts[:2] == ("tei", "authority"):
                detail = _register_title(path)
            else:
                detail = SELF_DESCRIPTIONS.get(path.suffix, _nothing)(path)
            return template.format(detail=f": {detail}" if detail else "")
    raise AssertionError("the last rule matches every name")


def readme_text(
    files: list[tuple[PurePosixPath, Path]],
    *,
    doc_id: str,
    title: str,
    rights: str,
    bagging_date: str,
    software: str,
    foreign: bool = False,
) -> bytes:
    """The README of a package whose payload is ``files`` ((name relative to data/, path)
    pairs) and the README itself, one line per file in path order; ``foreign``: the
    package of TEI from another project."""
    if foreign:
        what = (
            f"An archival package (BagIt, RFC 8493) of the document {doc_id}, TEI from another "
            "project that this edition publishes as it came: the TEI, the tei_all schema it is "
            f"valid against, the stylesheets and the publication formats, made by {software} "
            f"on {bagging_date}."
        )
    else:
        what = (
            f"An archival package (BagIt, RFC 8493) of the document {doc_id}: its transcript, "
            f"TEI master, schema, stylesheets and publication formats, made by {software} "
            f"on {bagging_date}."
        )
    lines = [title, "", *textwrap.wrap(what, WIDTH), ""]
    if rights:
        lines += [*textwrap.wrap(f"Rights: {rights}", WIDTH), ""]
    lines += [
        *textwrap.wrap(
            "Fixity: manifest-sha256.txt and manifest-sha512.txt beside data/ give the checksum "
            "of every file below. Check them with a BagIt validator, or in the package's "
            "directory with:",
            WIDTH,
        ),
        "",
        "    sha256sum -c manifest-sha256.txt",
        "",
        "Files:",
        "",
    ]
    named = [*files, (PurePosixPath(README_NAME), Path(README_NAME))]
    entries = sorted(
        (f"data/{name}", describe(name, path, doc_id, foreign)) for name, path in named
    )
    width = max(len(p) for p, _ in entries)
    lines += [f"{p.ljust(width)}  {d}" for p, d in entries]
    return ("\n".join(lines) + "\n").encode("utf-8")


def listed_files(readme: bytes) -> list[str]:
    """The payload paths a README lists (its lines that start with ``data/``)."""
    return [
        line.split()[0]
        for line in readme.decode("utf-8", errors="replace").splitlines()
        if line.startswith("data/")
    ]


def tei_title(tree: etree._ElementTree) -> str:
    """``Main: Sub`` title of a TEI document, for the README's first line."""
    return full_title(tree.getroot())


def tei_rights(tree: etree._ElementTree) -> str:
    availability = tree.getroot().find(
        "tei:teiHeader/tei:fileDesc/tei:publicationStmt/tei:availability", NSMAP
    )
    return normalise_space(" ".join(availability.itertext())) if availability is not None else ""
