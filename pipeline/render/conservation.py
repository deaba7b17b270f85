"""Conservation of the text in rendering: every word of a TEI document's text reaches each
reading output (the HTML page and the plain text), or the output says why it left it out.

The conversion checks that the transcript's words reach the TEI; this is the same promise
one step on, for any TEI (ours or another project's). Words are counted as a multiset of
case-folded ``\\w+`` tokens, so markup, punctuation and layout do not matter, order does
not either (notes move to the end, readings to an apparatus). What counts:

* the TEI: the text of ``text`` and ``sourceDoc`` (not the header), words split at the
  edges of block-level elements and joined across inline ones (``<hi>W</hi>ords`` is
  one word, ``<p>a</p><p>b</p>`` two);
* the HTML: the text of ``<body>`` (not script, style or template), split at the edges of
  block elements, and the words of ``title`` attributes: what a reader sees on demand
  (a choice's other reading, a page's running head) is kept;
* the plain text: all of it (in both outputs, the edition's brackets inside a word,
  ``homin[um]``, do not split it);
* and, for either output, the words it says it left out on purpose: its ``OMITTED:``
  messages (``OMITTED: tei:fw (why): <the words>``, xslt/common/other-tei.xsl).

A word of the TEI that is in none of these is lost (:func:`lost_words` allows for
boundaries drawn differently). The result is one ``LOST:`` warning an
output, naming how many words, the elements they stood in (with counts) and the first of
them with its line in the TEI.
"""

from __future__ import annotations

import bisect
import collections
import re
from collections.abc import Iterable, Iterator, Mapping

from lxml import etree, html

WORD = re.compile(r"\w+")
TEI_NS = "http://www.tei-c.org/ns/1.0"

#: TEI elements inside which words run on (markup between two letters joins them);
#: at the edges of every other element a word ends.
_TEI_INLINE = frozenset(
    [
        "hi",
        "emph",
        "foreign",
        "seg",
        "w",
        "c",
        "pc",
        "g",
        "choice",
        "abbr",
        "expan",
        "ex",
        "am",
        "supplied",
        "add",
        "del",
        "unclear",
        "damage",
        "sic",
        "corr",
        "orig",
        "reg",
        "ref",
        "ptr",
        "title",
        "term",
        "date",
        "time",
        "num",
        "measure",
        "rs",
        "persName",
        "placeName",
        "orgName",
        "roleName",
        "forename",
        "surname",
        "addName",
        "genName",
        "nameLink",
        "q",
        "quote",
        "mentioned",
        "soCalled",
        "gloss",
        "said",
        "lem",
        "mod",
        "subst",
        "restore",
        "retrace",
        "metamark",
        "distinct",
        "code",
        "gi",
        "att",
        "val",
        "ident",
        "tag",
        "emph",
        "secl",
        "surplus",
        "handShift",
        "space",
        "choice",
    ]
)

#: HTML elements at whose edges a word ends.
_HTML_BLOCKS = frozenset(
    [
        "address",
        "article",
        "aside",
        "blockquote",
        "body",
        "br",
        "caption",
        "dd",
        "details",
        "dialog",
        "div",
        "dl",
        "dt",
        "fieldset",
        "figcaption",
        "figure",
        "footer",
        "form",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hr",
        "li",
        "main",
        "nav",
        "ol",
        "p",
        "pre",
        "section",
        "summary",
        "table",
        "tbody",
        "td",
        "tfoot",
        "th",
        "thead",
        "tr",
        "ul",
    ]
)
_HTML_SKIPPED = frozenset({"script", "style", "template"})

OMITTED = re.compile(r"^OMITTED: \S+ \([^)]*\): (?P<text>.*)$", re.S)

Counter = collections.Counter[str]


#: The edition's brackets around an expansion or supplied letters inside a word
#: (``homin[um]``: common.xsl, f:brackets) do not split it.
#: (between letters only: "[p. 22]unreluctant" is a page number and a word)
_BRACKET_IN_WORD = re.compile(r"(?<=[^\W\d_])[\[\]]+(?=[^\W\d_])")


def words(text: str) -> list[str]:
    """The words of an output's text, case-folded."""
    return [w.casefold() for w in WORD.findall(_BRACKET_IN_WORD.sub("", text))]


def _segments(root: etree._Element, inline: frozenset[str]) -> Iterator[tuple[str, etree._Element]]:
    """The text of ``root`` in document order as (text, element it stands in); a single
    space wherever a word must end (the edges of elements not in ``inline``)."""
    for event, element in etree.iterwalk(root, events=("start", "end")):
        if not isinstance(element.tag, str):
            continue
        name = etree.QName(element).localname
        if event == "start":
            if name not in inline:
                yield " ", element
            if element.text:
                yield element.text, element
        else:
            if name not in inline:
                yield " ", element
            parent = element.getparent()
            if element.tail and parent is not None and element is not root:
                yield element.tail, parent


def tei_words(tree: etree._ElementTree) -> list[tuple[str, etree._Element]]:
    """Each word of the text (``text``, ``sourceDoc``) with the element it stands in."""
    result: list[tuple[str, etree._Element]] = []
    for part in tree.getroot().iterchildren(f"{{{TEI_NS}}}text", f"{{{TEI_NS}}}sourceDoc"):
        pieces = list(_segments(part, _TEI_INLINE))
        joined = "".join(text for text, _ in pieces)
        starts = []
        offset = 0
        for text, _ in pieces:
            starts.append(offset)
            offset += len(text)
        for match in WORD.finditer(joined):
            where = pieces[bisect.bisect_right(starts, match.start()) - 1][1]
            result.append((match.group().casefold(), where))
    return result


def html_words(page: bytes) -> Counter:
    """The words of an HTML page's body a reader can see, at once or on demand."""
    document = html.document_fromstring(page)
    body = document.find("body")
    counted: Counter = collections.Counter()
    if body is None:
        return counted
    for element in body.iter():
        if isinstance(element.tag, str) and element.get("title"):
            counted.update(words(element.get("title", "")))
    parts: list[str] = []
    for event, element in etree.iterwalk(body, events=("start", "end")):
        if not isinstance(element.tag, str):
            continue
        skipped = any(
            isinstance(a.tag, str) and a.tag in _HTML_SKIPPED for a in element.iterancestors()
        )
        # A word also ends at a control and at an element with a role of its own (a note
        # call, a popover): "Haußmann<a role="doc-noteref"><sup>3)</sup></a>" is a word
        # and a call, not "haußmann3".
        boundary = (
            element.tag in _HTML_BLOCKS or element.tag == "button" or "role" in element.attrib
        )
        if event == "start":
            if boundary:
                parts.append(" ")
            if element.text and element.tag not in _HTML_SKIPPED and not skipped:
                parts.append(element.text)
        else:
            if boundary:
                parts.append(" ")
            if element.tail and element is not body and not skipped:
                parts.append(element.tail)
    counted.update(words("".join(parts)))
    return counted


def omitted_words(messages: Iterable[str]) -> Counter:
    """The words an output says it left out (its ``OMITTED:`` messages)."""
    counted: Counter = collections.Counter()
    for message in messages:
        match = OMITTED.match(message)
        if match:
            counted.update(words(match.group("text")))
    return counted


def lost_words(
    text: list[tuple[str, etree._Element]], found: Counter
) -> list[tuple[str, etree._Element]]:
    """The words of ``text`` not in ``found``.

    Where the TEI and an output draw a word boundary differently (markup between two
    words with no space, which an output renders as a boundary; two pieces of a word the
    output joins), a word is kept when it is two unmatched words of the output, or two
    neighbouring unmatched words are one word of the output."""
    remaining = collections.Counter(found)
    unmatched = []
    for word, where in text:
        if remaining[word] > 0:
            remaining[word] -= 1
        else:
            unmatched.append((word, where))
    lost = []
    index = 0
    while index < len(unmatched):
        word, where = unmatched[index]
        split = next(
            (
                (word[:i], word[i:])
                for i in range(1, len(word))
                if remaining[word[:i]] > 0 and remaining[word[i:]] > (word[:i] == word[i:])
            ),
            None,
        )
        if split:
            remaining[split[0]] -= 1
            remaining[split[1]] -= 1
        elif index + 1 < len(unmatched) and remaining[word + unmatched[index + 1][0]] > 0:
            remaining[word + unmatched[index + 1][0]] -= 1
            index += 1
        else:
            lost.append((word, where))
        index += 1
    return lost


def _name(element: etree._Element) -> str:
    qname = etree.QName(element)
    return f"tei:{qname.localname}" if qname.namespace == TEI_NS else qname.localname


def report(output: str, text: list[tuple[str, etree._Element]], found: Counter) -> str | None:
    """The ``LOST:`` warning of one output, or None when every word is there."""
    lost = lost_words(text, found)
    if not lost:
        return None
    by_element = collections.Counter(_name(where) for _, where in lost)
    places = ", ".join(f"{name} {count}" for name, count in by_element.most_common(6))
    more = f" and {len(by_element) - 6} more" if len(by_element) > 6 else ""
    first_where = lost[0][1]
    sample = " ".join(word for word, _ in lost[:8])
    return (
        f"LOST: {len(lost)} of {len(text)} words of the text are not in the {output} "
        f"({100 * len(lost) / len(text):.1f}%), in {places}{more}; the first at line "
        f"{first_where.sourceline}: {sample}"
    )


def check(
    tree: etree._ElementTree, outputs: Mapping[str, tuple[Counter, Iterable[str]]]
) -> dict[str, str]:
    """The ``LOST:`` warning of each output that lost words: name -> warning, for outputs
    given as name -> (the words found in it, its messages)."""
    text = tei_words(tree)
    warnings = {}
    for output, (found, messages) in outputs.items():
        warning = report(output, text, found + omitted_words(messages))
        if warning:
            warnings[output] = warning
    return warnings
