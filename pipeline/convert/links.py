"""Links of the transcript, made valid without losing where they led.

A web page's links are relative to the page, and an ebook's lead into its own chapters;
the TEI needs a ``#id`` of its own or an absolute web address:

* a fragment link (``#chapter-2.xhtml``, ``page.htm#n2`` into this page) leads to the
  element written from the block that carried that HTML id;
* a relative link is resolved against the transcript's own URL, where the configuration or
  the transcript gives one;
* otherwise the link's text is kept without the link, and its target is stated in the
  editorialDecl with its source line (a link is never the reason a master is invalid).

Example (source URL https://www.marxists.org/archive/lenin/works/1914/nov/08.htm)::

    [Volume 21](../../cw/volume21.htm)  -> <ref target="https://www.marxists.org/archive/lenin/works/cw/volume21.htm">
    [README](../../readme.htm), no URL  -> README   (target stated in the editorialDecl)
"""

from __future__ import annotations

import re
from urllib.parse import urljoin, urlsplit

from lxml import etree

from ..xmlsafe import tei
from .model import Document

ABSOLUTE = re.compile(r"^(?:https?://[^/\s]+|mailto:\S+@)", re.IGNORECASE)


def _unwrap(ref: etree._Element) -> None:
    """Replace an element by its content (text and children), in place."""
    parent = ref.getparent()
    if parent is None:
        return
    index = parent.index(ref)
    text = ref.text or ""
    children = list(ref)
    tail = ref.tail or ""
    if index == 0:
        parent.text = (parent.text or "") + text
    else:
        previous = parent[index - 1]
        previous.tail = (previous.tail or "") + text
    for offset, child in enumerate(children):
        parent.insert(index + offset, child)
    last = children[-1] if children else None
    parent.remove(ref)
    if last is not None:
        last.tail = (last.tail or "") + tail
    elif index == 0:
        parent.text = (parent.text or "") + tail
    else:
        previous = parent[index - 1]
        previous.tail = (previous.tail or "") + tail


def resolve(doc: Document, root: etree._Element, targets: dict[int, str]) -> None:
    """Make every link of ``root`` lead somewhere the TEI allows, or keep it as text."""
    base = doc.statement.url if doc.statement is not None else ""
    base = base if ABSOLUTE.match(base or "") else ""
    kept_as_text: list[tuple[int, str]] = []
    internal = resolved = 0
    for ref in list(root.iter(tei("ref"))):
        if ref.get("type") == "noteAnchor" or ref.get("target") is None:
            continue
        target = ref.get("target", "").strip()
        if ABSOLUTE.match(target):
            continue
        fragment = target.partition("#")[2]
        page = target.partition("#")[0]
        block = doc.html_ids.get(fragment) if fragment else None
        if block is not None and (
            not page or not base or urljoin(base, page).split("#")[0] == base.split("#")[0]
        ):
            xml_id = targets.get(id(block))
            if xml_id:
                ref.set("target", f"#{xml_id}")
                internal += 1
                continue
        if (
            base
            and target
            and not target.lower().startswith(("javascript:", "data:", "vbscript:", "file:"))
        ):
            absolute = urljoin(base, target)
            if ABSOLUTE.match(absolute) and urlsplit(absolute).scheme in ("http", "https"):
                ref.set("target", absolute)
                resolved += 1
                continue
        kept_as_text.append((ref.sourceline or 0, target))
        _unwrap(ref)
    doc.stats["links_internal"] = internal
    doc.stats["links_resolved"] = resolved
    doc.stats["links_as_text"] = len(kept_as_text)
    parts: list[str] = []
    if internal:
        parts.append(
            f"{internal} link(s) within the transcript lead to the element that holds their target"
        )
    if resolved:
        parts.append(
            f"{resolved} relative link(s) are resolved against the transcript's URL {base}"
        )
    if kept_as_text:
        listed = ", ".join(f"'{target}'" for _, target in kept_as_text[:12])
        more = f" and {len(kept_as_text) - 12} more" if len(kept_as_text) > 12 else ""
        parts.append(
            f"{len(kept_as_text)} link(s) that lead nowhere the edition can follow (relative, with "
            f"no URL of the transcript known, or to a missing target) are kept as their text only; "
            f"they led to {listed}{more}"
        )
        doc.warn(
            0,
            f"{len(kept_as_text)} link(s) kept as text: their targets ({listed}{more}) are "
            "relative or missing",
            "W-LINK",
        )
    if parts:
        doc.decide("correction", "Links: " + "; ".join(parts) + ".")
