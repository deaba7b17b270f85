"""Safe XML parsing for every stage.

One parser configuration for all input: no DTD loading, no entity expansion, no network,
no external files, a size cap. Hostile input (billion laughs, XXE, external DTD, huge or
non-UTF-8 files) is refused with an :class:`EditionError` naming file, line and column.
"""

from __future__ import annotations

from pathlib import Path

from lxml import etree

from .errors import EditionError, Location

TEI_NS = "http://www.tei-c.org/ns/1.0"
XML_NS = "http://www.w3.org/XML/1998/namespace"
NSMAP = {"tei": TEI_NS}

#: Largest XML file any stage will read. A TEI master of a long book is a few MB;
#: anything far beyond this is refused before parsing so memory stays bounded.
MAX_XML_BYTES = 50 * 1024 * 1024


def _parser() -> etree.XMLParser:
    # A fresh parser per call: lxml parsers are not thread-safe, and they are cheap.
    return etree.XMLParser(
        resolve_entities=False,
        load_dtd=False,
        dtd_validation=False,
        no_network=True,
        huge_tree=False,
        remove_blank_text=False,
        remove_comments=False,
    )


def _refuse_doctype(tree: etree._ElementTree, path: str) -> None:
    docinfo = tree.docinfo
    if docinfo.doctype or docinfo.internalDTD is not None or docinfo.externalDTD is not None:
        raise EditionError(
            Location(path, 1, 1),
            "DOCTYPE declarations are not allowed (entities and DTDs are refused)",
        )


def parse_bytes(data: bytes, path: str | Path) -> etree._ElementTree:
    """Parse XML bytes safely; ``path`` is only used in messages."""
    name = str(path)
    if len(data) > MAX_XML_BYTES:
        raise EditionError(
            Location(name), f"file is {len(data):,} bytes; the limit is {MAX_XML_BYTES:,}"
        )
    # A DOCTYPE is never needed by TEI P5 and is the door to entity attacks; refuse it
    # before libxml2 sees the internal subset at all.
    for marker in (b"<!DOCTYPE", b"<!ENTITY"):
        at = data.find(marker)
        if at >= 0:
            line = data.count(b"\n", 0, at) + 1
            col = at - (data.rfind(b"\n", 0, at) + 1) + 1
            raise EditionError(
                Location(name, line, col),
                "DOCTYPE declarations are not allowed (entities and DTDs are refused)",
            )
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        col = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        raise EditionError(Location(name, line, col), "not valid UTF-8") from None
    try:
        tree = etree.ElementTree(etree.fromstring(data, _parser(), base_url=None))
    except etree.XMLSyntaxError as exc:
        line, col = exc.position if exc.position else (0, 0)
        msg = exc.msg.split(", line ", 1)[0] if exc.msg else "malformed XML"
        raise EditionError(Location(name, line, col), f"malformed XML: {msg}") from None
    _refuse_doctype(tree, name)
    return tree


def parse_file(path: str | Path) -> etree._ElementTree:
    """Read and parse an XML file safely, refusing oversized files before reading them."""
    return parse_bytes(read_xml_bytes(path), path)


def read_xml_bytes(path: str | Path) -> bytes:
    """The bytes of an XML file, refusing a missing file, a directory or an oversized file
    (before reading it) in one line."""
    p = Path(path)
    try:
        size = p.stat().st_size
    except FileNotFoundError:
        raise EditionError(Location(str(path)), "no such file") from None
    except OSError as exc:
        raise EditionError(Location(str(path)), f"cannot read: {exc.strerror}") from None
    if size > MAX_XML_BYTES:
        raise EditionError(
            Location(str(path)), f"file is {size:,} bytes; the limit is {MAX_XML_BYTES:,}"
        )
    if p.is_dir():
        raise EditionError(Location(str(path)), "is a directory, not a file")
    try:
        return p.read_bytes()
    except OSError as exc:
        raise EditionError(Location(str(path)), f"cannot read: {exc.strerror}") from None


def tei(tag: str) -> str:
    """Clark name of a TEI element: ``tei('p') == '{http://www.tei-c.org/ns/1.0}p'``."""
    return f"{{{TEI_NS}}}{tag}"


XML_ID = f"{{{XML_NS}}}id"
XML_LANG = f"{{{XML_NS}}}lang"
