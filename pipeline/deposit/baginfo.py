"""bag-info.txt from the TEI master's teiHeader (RFC 8493, section 2.2.2).

Every value comes from the document, never from the machine or the clock:

    Source-Organization   teiHeader/fileDesc/publicationStmt/publisher
    Contact-Name/-Email   [deposit] contact_name / contact_email of the .toml, when given
    External-Description  titleStmt title (main: sub), author(s) and profileDesc/abstract
    External-Identifier   each publicationStmt/idno
    Bagging-Date          publicationStmt/date/@when: the build date, not today's date
    Bag-Size, Payload-Oxum  measured from the payload
    Bag-Software-Agent    this pipeline's name and version

For TEI from another project (:func:`foreign_document_info`) the publicationStmt is that
project's: its date is when it published the TEI, so the Bagging-Date is the date the
build used for the document (SOURCE_DATE_EPOCH, else git, else the file's date); and a
header without a publisher gives no Source-Organization rather than an invented one.

Long values are folded at 79 columns with a two-space indent, as the RFC recommends;
readers (bagit's among them) keep the line breaks, so compare values with
:func:`normalise`.
"""

from __future__ import annotations

import textwrap
import tomllib
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from .. import __version__
from ..conventions.dates import is_full_date
from ..conventions.header import author_names, full_title
from ..conventions.text import normalise_space, text_of
from ..errors import EditionError, Location
from ..xmlsafe import NSMAP

#: The name of this software as it appears in Bag-Software-Agent (pyproject's project name).
SOFTWARE_NAME = "edition-pipeline"
SOFTWARE_AGENT = f"{SOFTWARE_NAME} {__version__}"

FOLD_WIDTH = 79


@dataclass(frozen=True)
class DocumentInfo:
    """What bag-info.txt says about the document (everything but the measured values)."""

    source_organization: str
    external_description: str
    external_identifiers: tuple[str, ...]
    bagging_date: str
    contact_name: str = ""
    contact_email: str = ""

    def described(self) -> dict[str, list[str]]:
        """label -> values, for comparing with a bag's bag-info.txt."""
        labels = {
            "Source-Organization": [self.source_organization] if self.source_organization else [],
            "Contact-Name": [self.contact_name] if self.contact_name else [],
            "Contact-Email": [self.contact_email] if self.contact_email else [],
            "External-Description": [self.external_description],
            "External-Identifier": list(self.external_identifiers),
            "Bagging-Date": [self.bagging_date],
        }
        return labels


def document_info(
    tree: etree._ElementTree, where: str, config_path: Path | None = None
) -> DocumentInfo:
    """Read the bag-info values from the teiHeader of ``tree`` (``where`` names it in
    messages) and the contact from ``config_path`` (the document's .toml)."""
    header = tree.getroot().find("tei:teiHeader", NSMAP)
    if header is None:
        raise EditionError(
            Location(where), "no teiHeader: the deposit's bag-info.txt is read from it"
        )
    publication = header.find("tei:fileDesc/tei:publicationStmt", NSMAP)
    publisher = text_of(
        publication.find("tei:publisher", NSMAP) if publication is not None else None
    )
    if not publisher:
        raise EditionError(
            Location(where),
            "no publicationStmt/publisher: bag-info.txt's Source-Organization comes from it",
        )
    date = publication.find("tei:date[@when]", NSMAP) if publication is not None else None
    when = date.get("when", "") if date is not None else ""
    if not is_full_date(when):
        raise EditionError(
            Location(where),
            "publicationStmt/date/@when must be the build date as YYYY-MM-DD: the Bagging-Date "
            f"and the archive's timestamps come from it (found {when!r})",
        )
    identifiers = _identifiers(publication)
    contact = _contact(config_path) if config_path is not None else {}
    return DocumentInfo(
        source_organization=publisher,
        external_description=_description(header),
        external_identifiers=identifiers,
        bagging_date=when,
        contact_name=contact.get("contact_name", ""),
        contact_email=contact.get("contact_email", ""),
    )


def foreign_document_info(tree: etree._ElementTree, where: str, build_date: str) -> DocumentInfo:
    """The bag-info values of TEI from another project (see the module docstring):
    ``build_date`` is the date its build used, YYYY-MM-DD."""
    header = tree.getroot().find("tei:teiHeader", NSMAP)
    if header is None:
        raise EditionError(
            Location(where), "no teiHeader: the deposit's bag-info.txt is read from it"
        )
    if not is_full_date(build_date):
        raise EditionError(
            Location(where),
            "the Bagging-Date of TEI from another project is the date of its build, as "
            f"YYYY-MM-DD (found {build_date!r})",
        )
    publication = header.find("tei:fileDesc/tei:publicationStmt", NSMAP)
    return DocumentInfo(
        source_organization=text_of(
            publication.find("tei:publisher", NSMAP) if publication is not None else None
        ),
        external_description=_description(header),
        external_identifiers=_identifiers(publication),
        bagging_date=build_date,
    )


def _identifiers(publication: etree._Element | None) -> tuple[str, ...]:
    """Each publicationStmt/idno, as it is written."""
    if publication is None:
        return ()
    return tuple(
        value for value in (text_of(i) for i in publication.iterfind("tei:idno", NSMAP)) if value
    )


def _description(header: etree._Element) -> str:
    """``Main title: Subtitle, by Author. Abstract`` (parts the header lacks are left out)."""
    title = full_title(header)
    authors = "; ".join(author_names(header))
    abstract = text_of(header.find("tei:profileDesc/tei:abstract", NSMAP))
    head = f"{title}, by {authors}" if title and authors else title or authors
    return " ".join(part for part in (f"{head}." if head else "", abstract) if part)


def _contact(config_path: Path) -> dict[str, str]:
    """The optional ``[deposit]`` table of the document's .toml: whom the archive asks."""
    try:
        data = tomllib.loads(config_path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise EditionError(
            Location(str(config_path)), f"cannot read the deposit contact: {exc}"
        ) from None
    table = data.get("deposit", {})
    if not isinstance(table, dict):
        raise EditionError(Location(str(config_path)), "[deposit] must be a table")
    found = {}
    for key in ("contact_name", "contact_email"):
        value = table.get(key, "")
        if not isinstance(value, str):
            raise EditionError(Location(str(config_path)), f"[deposit] {key} must be a string")
        if normalise_space(value):
            found[key] = normalise_space(value)
    return found


def human_size(size: int) -> str:
    """Bag-Size as the RFC writes it: ``3.4 MB`` (decimal units)."""
    for unit, scale in (("GB", 10**9), ("MB", 10**6), ("KB", 10**3)):
        if size >= scale:
            return f"{size / scale:.1f} {unit}"
    return f"{size} bytes"


def format_bag_info(
    info: DocumentInfo, *, payload_bytes: int, payload_files: int, bag_size: int
) -> bytes:
    """The bytes of bag-info.txt: labels in a fixed order, long values folded."""
    fields: list[tuple[str, str]] = []
    if info.source_organization:  # none, when another project's TEI names no publisher
        fields.append(("Source-Organization", info.source_organization))
    if info.contact_name:
        fields.append(("Contact-Name", info.contact_name))
    if info.contact_email:
        fields.append(("Contact-Email", info.contact_email))
    fields.append(("External-Description", info.external_description))
    fields.extend(("External-Identifier", value) for value in info.external_identifiers)
    fields += [
        ("Bagging-Date", info.bagging_date),
        ("Bag-Size", human_size(bag_size)),
        ("Payload-Oxum", f"{payload_bytes}.{payload_files}"),
        ("Bag-Software-Agent", SOFTWARE_AGENT),
    ]
    lines = []
    for label, value in fields:
        lines.append(
            textwrap.fill(
                f"{label}: {normalise_space(value)}",
                width=FOLD_WIDTH,
                subsequent_indent="  ",
                break_long_words=False,
                break_on_hyphens=False,
            )
        )
    return ("\n".join(lines) + "\n").encode("utf-8")
