"""Tagged mentions of register entries and the passage text they are quoted from.

A *mention* is a ``persName``, ``orgName``, ``placeName``, ``title`` or ``rs`` under
``text/`` whose ``@ref`` points (``#id``) to an entry of the document's ``standOff``. Not
counted, exactly as the HTML registers do not list them (``xslt/common.xsl``, key
``f:mentions``):

- mentions inside a variant reading (``rdg``): a reader sees the lemma, the variant only
  in the apparatus, so the reading text of the passage does not contain them;
- mentions on the title page, which has no citable id.

Each mention is quoted from its *passage*, the nearest ancestor with an ``xml:id``
(``sec-2-A-p3``, ``n12``, or ``sec-2-A`` for a name in a heading), whose URL in the reading
edition is ``index.html#sec-2-A-p3``. The passage text is the text *as read*:

- the lemma of each ``app``, never a ``rdg``;
- expansions and supplied text without the editorial brackets (``B[olshevik]`` reads
  ``Bolshevik``), which is what the HTML shows with the bracket switch off;
- without note-anchor numbers (``ref type="noteAnchor"``), which are apparatus, not text;
- whitespace collapsed to single spaces, block boundaries read as a space.

Example: in ``<p xml:id="p1">the <orgName ref="#org-x">C<ex>ommunist</ex>
I<ex>nternational</ex></orgName>'s tactics</p>`` the mention's exact text is ``Communist
International``, its prefix ``the `` and its suffix ``'s tactics``.

Each mention also gets the id the HTML gives its link (``sec-2-A-p3-m2``: the passage id and
its ordinal among the mentions whose nearest id is that passage, variant readings
included). The stylesheets compute it (``f:mention-id`` in ``xslt/common.xsl``, run by
``xslt/mention-ids.xsl``) and this module reads it, so an annotation and the highlighted
name in the page share one identifier by construction.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass

from lxml import etree

from ..conventions.kinds import MENTION_KINDS
from ..errors import EditionError, Location
from ..xmlsafe import XML_ID, tei

#: Elements that name a register entry when their @ref points into standOff.
MENTION_TAGS = frozenset(tei(t) for t in MENTION_KINDS)

#: How much context the TextQuoteSelector carries on each side.
CONTEXT_CHARS = 32

_RDG = tei("rdg")
_NOTE_ANCHOR = tei("ref")
#: Elements whose boundaries separate words even without whitespace around them.
_BLOCKS = frozenset(
    tei(t) for t in ("p", "head", "div", "note", "item", "list", "lb", "bibl", "quote", "lg", "l")
)


def ref_id(element: etree._Element) -> str | None:
    """The entry id of a mention (first pointer of @ref, without '#'), else None."""
    tokens = (element.get("ref") or "").split()
    if element.tag in MENTION_TAGS and tokens and tokens[0].startswith("#"):
        return tokens[0][1:]
    return None


def _skipped(element: etree._Element) -> bool:
    """Content that is not part of the text as read (its tail still is)."""
    if element.tag == _RDG:
        return True
    return bool(element.tag == _NOTE_ANCHOR and element.get("type") == "noteAnchor")


@dataclass
class _Text:
    """Reading text under construction: whitespace collapsed as it is appended, so that
    the offsets recorded along the way are offsets in the final text."""

    chars: list[str]
    pending_space: bool = False

    def add(self, text: str | None) -> None:
        for char in text or "":
            if char in " \t\r\n":
                self.pending_space = True
                continue
            if self.pending_space and self.chars:
                self.chars.append(" ")
            self.pending_space = False
            self.chars.append(char)

    def boundary(self) -> None:
        self.pending_space = True

    def offset(self) -> int:
        # A pending space is written before the next character, so a span starting here
        # starts after it.
        return len(self.chars) + (1 if self.pending_space and self.chars else 0)


def read_text(
    element: etree._Element, spans: dict[etree._Element, tuple[int, int]] | None = None
) -> str:
    """The text of ``element`` as read (see the module docstring).

    If ``spans`` is given, the (start, end) offset of every mention under ``element`` is
    recorded in it.
    """
    out = _Text([])

    def walk(el: etree._Element) -> None:
        block = el.tag in _BLOCKS
        if block:
            out.boundary()
        start = out.offset()
        if not _skipped(el):
            out.add(el.text)
            for child in el:
                if isinstance(child.tag, str):
                    walk(child)
                out.add(child.tail)
        if spans is not None and el.tag in MENTION_TAGS:
            spans[el] = (start, len(out.chars))
        if block:
            out.boundary()

    walk(element)
    return "".join(out.chars)


@dataclass(frozen=True)
class Mention:
    """One tagged mention, with what a W3C TextQuoteSelector needs."""

    mention_id: str  # the id of its link in the HTML, e.g. sec-2-A-p3-m2
    entity_id: str
    kind: str  # person | org | place | work
    element: str  # persName, orgName, placeName, title, rs
    passage_id: str
    exact: str
    prefix: str
    suffix: str
    line: int


def _host(element: etree._Element) -> etree._Element:
    """The nearest ancestor with an xml:id, else the root (f:mention-id's host)."""
    for ancestor in element.iterancestors():
        if ancestor.get(XML_ID):
            return ancestor
    return element.getroottree().getroot()


def _is_mention(element: etree._Element) -> bool:
    return isinstance(element.tag, str) and ref_id(element) is not None


def _counted(element: etree._Element, text_el: etree._Element) -> bool:
    """Whether a mention is exported: under text/, not in a rdg, not on the title page."""
    for ancestor in element.iterancestors():
        if ancestor.tag in (_RDG, tei("titlePage")):
            return False
        if ancestor is text_el:
            return True
    return False


def _mention_ids(root: etree._Element) -> dict[etree._Element, str]:
    """The HTML id of every mention in the document, as xslt/mention-ids.xsl computes it
    with common.xsl's f:mention-id: the stylesheets compute the id, this module reads it."""
    from ..render.xslt import render

    output = render("mention-ids", etree.tostring(root), source_name="<mention ids>").output
    # Keyed by the elements themselves: holding them keeps lxml's proxies (and so their
    # identity) alive, which id() of a transient proxy would not.
    ids: dict[etree._Element, str] = {}
    for line in output.decode("utf-8").splitlines():
        path, _, mention_id = line.partition("\t")
        # "/*[1]" is ``root`` itself; the rest of the path leads down from it
        found = root.xpath("." + path.removeprefix("/*[1]"))
        if isinstance(found, list) and found and isinstance(found[0], etree._Element):
            ids[found[0]] = mention_id
    return ids


def find_mentions(root: etree._Element, kinds: Mapping[str, str], path: str) -> Iterator[Mention]:
    """Every exported mention of the document ``root``, in document order.

    ``kinds`` maps each standOff entry id to its kind; a mention pointing elsewhere is an
    :class:`EditionError` at its line (validation reports it as E-ENTITY too).
    """
    text_el = root.find(tei("text"))
    if text_el is None:
        return
    ids = _mention_ids(root)
    passages: dict[etree._Element, tuple[str, dict[etree._Element, tuple[int, int]]]] = {}
    for element in text_el.iter():
        if not _is_mention(element) or not _counted(element, text_el):
            continue
        entity_id = ref_id(element) or ""
        if entity_id not in kinds:
            raise EditionError(
                Location(path, element.sourceline or 0),
                f"'{etree.QName(element).localname}' refers to '#{entity_id}', "
                "which is not in standOff",
            )
        host = _host(element)
        if host not in passages:
            spans: dict[etree._Element, tuple[int, int]] = {}
            passages[host] = (read_text(host, spans), spans)
        text, spans = passages[host]
        start, end = spans[element]
        # A mention's own edges may be whitespace; the quote is the name itself.
        while start < end and text[start] == " ":
            start += 1
        end = min(end, len(text))
        while end > start and text[end - 1] == " ":
            end -= 1
        if start >= end:
            raise EditionError(
                Location(path, element.sourceline or 0),
                f"'{etree.QName(element).localname}' referring to '#{entity_id}' "
                "has no text as read",
            )
        yield Mention(
            mention_id=ids[element],
            entity_id=entity_id,
            kind=kinds[entity_id],
            element=etree.QName(element).localname,
            passage_id=host.get(XML_ID) or "",
            exact=text[start:end],
            prefix=text[max(0, start - CONTEXT_CHARS) : start],
            suffix=text[end : end + CONTEXT_CHARS],
            line=element.sourceline or 0,
        )
