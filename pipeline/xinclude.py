"""XInclude for TEI from other projects: local files only, parsed as safely as the rest.

Projects split documents into files (the Shelley-Godwin Archive's ``sourceDoc`` includes
one file a manuscript page; headers include shared declarations). libxml2's own XInclude
would read any file or URL the document names; this one reads only files in the
document's own folder or below it, each with the safe parser (:mod:`pipeline.xmlsafe`),
at most :data:`MAX_DEPTH` levels deep and :data:`~pipeline.xmlsafe.MAX_XML_BYTES` in all.
An include that cannot be read this way is replaced by its ``xi:fallback`` when it has
one, else left out, and said in a warning naming the file, its line and why.
"""

from __future__ import annotations

import copy
from pathlib import Path

from lxml import etree

from .errors import EditionError, Location
from .xmlsafe import MAX_XML_BYTES, parse_bytes, parse_file, read_xml_bytes

XI_NS = "http://www.w3.org/2001/XInclude"
MAX_DEPTH = 10


def has_xincludes(data: bytes) -> bool:
    return XI_NS.encode("ascii") in data


def load(path: Path) -> tuple[bytes, list[str]]:
    """Another project's TEI file, vetted (hostile or broken XML and TEI P4 refused with
    their position) and with its local XIncludes resolved; and the warnings."""
    from .render.xslt import refuse_p4

    data = read_xml_bytes(path)  # missing, oversized, a directory: refused before reading
    refuse_p4(data, str(path))  # before the DOCTYPE refusal, which would not say P4
    parse_bytes(data, path)
    return resolve(data, path)


def resolve(data: bytes, path: Path) -> tuple[bytes, list[str]]:
    """``data`` (the XML file at ``path``) with its XIncludes resolved, and the warnings."""
    if not has_xincludes(data):
        return data, []
    tree = parse_bytes(data, path)
    root_dir = path.resolve().parent
    warnings: list[str] = []
    budget = [MAX_XML_BYTES - len(data)]
    _resolve_in(tree.getroot(), path, root_dir, 0, warnings, budget)
    return etree.tostring(tree, encoding="UTF-8", xml_declaration=True), warnings


def _resolve_in(
    root: etree._Element,
    path: Path,
    root_dir: Path,
    depth: int,
    warnings: list[str],
    budget: list[int],
) -> None:
    for include in list(root.iter(f"{{{XI_NS}}}include")):
        try:
            replacement: list[etree._Element | str] = _included(
                include, path, root_dir, depth, warnings, budget
            )
        except _Refused as refused:
            warnings.append(
                f"XINCLUDE: {Location(str(path), include.sourceline or 0)}: "
                f"{include.get('href', '')!r} not included: {refused}"
                + ("; its fallback is used" if _fallback(include) is not None else "; left out")
            )
            fallback = _fallback(include)
            replacement = []
            if fallback is not None:
                replacement.append(fallback.text or "")
                for child in fallback:
                    replacement.extend([child, child.tail or ""])
        _replace(include, replacement)


class _Refused(Exception):
    pass


def _fallback(include: etree._Element) -> etree._Element | None:
    return include.find(f"{{{XI_NS}}}fallback")


def _included(
    include: etree._Element,
    path: Path,
    root_dir: Path,
    depth: int,
    warnings: list[str],
    budget: list[int],
) -> list[etree._Element | str]:
    href = include.get("href", "")
    if depth >= MAX_DEPTH:
        raise _Refused(f"more than {MAX_DEPTH} levels of inclusion")
    if not href or "://" in href or href.startswith(("/", "\\")) or ":" in href.split("/")[0]:
        raise _Refused("only a relative path to a local file is followed")
    if include.get("xpointer"):
        raise _Refused("xpointer is not supported")
    target = (path.parent / href).resolve()
    if not target.is_relative_to(root_dir):
        raise _Refused(f"outside the document's folder {root_dir}")
    if not target.is_file():
        raise _Refused("no such file")
    size = target.stat().st_size
    if size > budget[0]:
        raise _Refused(f"the document would exceed {MAX_XML_BYTES:,} bytes")
    budget[0] -= size
    if include.get("parse", "xml") == "text":
        try:
            return [target.read_text(encoding=include.get("encoding", "utf-8"))]
        except (OSError, UnicodeDecodeError, LookupError) as exc:
            raise _Refused(str(exc)) from None
    try:
        included = parse_file(target).getroot()
    except EditionError as exc:
        raise _Refused(str(exc)) from None
    _resolve_in(included, target, root_dir, depth + 1, warnings, budget)
    return [copy.deepcopy(included)]


def _replace(include: etree._Element, replacement: list[etree._Element | str]) -> None:
    """Put ``replacement`` (elements and text) where ``include`` stands."""
    parent = include.getparent()
    if parent is None:
        raise EditionError(Location("<xinclude>"), "an xi:include cannot be the root element")
    tail = include.tail or ""
    previous = include.getprevious()

    def add_text(text: str) -> None:
        nonlocal previous
        if previous is None:
            parent.text = (parent.text or "") + text
        else:
            previous.tail = (previous.tail or "") + text

    index = parent.index(include)
    parent.remove(include)
    for item in replacement:
        if isinstance(item, str):
            add_text(item)
        else:
            item.tail = None
            parent.insert(index, item)
            index += 1
            previous = item
    add_text(tail)
