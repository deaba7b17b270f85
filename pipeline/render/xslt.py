"""Run the edition's XSLT 3.0 stylesheets (``xslt/*.xsl``) with saxonche.

Each stylesheet is compiled once per process, on first use, and reused. A transform
returns the serialised result and the ``xsl:message`` output of the run, which the build
reports as warnings (``UNHANDLED: tei:foo ...`` means an element no template handles;
``UNSAFE-LINK:`` a link shown as text; ``BROKEN-REF:`` a pointer to nothing).

Example::

    result = render("html", Path("tei/tactics-and-tasks.xml"), {"build-date": "2026-11-26"})
    Path("dist/tactics-and-tasks/index.html").write_bytes(result.output)
    for warning in result.warnings:
        print(warning)

Saxon errors (static errors in a stylesheet, dynamic errors, ``xsl:message terminate``)
become :class:`~pipeline.errors.EditionError`. Parameters are checked against the
``xsl:param`` declarations of the stylesheet and the modules it imports, so a misspelt
parameter is an error instead of being silently ignored.
"""

from __future__ import annotations

import contextlib
import functools
import logging
import os
import re
import tempfile
import threading
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import EditionError, Location
from ..xmlsafe import MAX_XML_BYTES, parse_bytes, parse_file

log = logging.getLogger(__name__)

#: Where the stylesheets live: <project>/xslt/<name>.xsl
XSLT_DIR = Path(__file__).resolve().parents[2] / "xslt"

_XSL_NS = "http://www.w3.org/1999/XSL/Transform"
_NAME = re.compile(r"^[a-z][a-z0-9-]*$")

ParamValue = str | bool | int | Sequence[bytes]


@dataclass(frozen=True)
class Rendering:
    """The serialised result of one transform and the messages the stylesheet emitted."""

    output: bytes
    warnings: tuple[str, ...]

    @property
    def unhandled(self) -> tuple[str, ...]:
        """The ``UNHANDLED:`` messages: TEI elements the stylesheet has no template for."""
        return tuple(w for w in self.warnings if w.startswith("UNHANDLED:"))


@dataclass(frozen=True)
class _Compiled:
    """A compiled stylesheet, its declared parameters (name -> as= type) and a lock:
    saxonche executables hold parameters and messages as state, so one run at a time."""

    path: Path
    executable: Any  # saxonche.PyXsltExecutable (saxonche ships no type information)
    params: Mapping[str, str]
    lock: threading.Lock


@functools.cache
def _processor() -> Any:
    """The process's one Saxon processor (starting it loads the Saxon library)."""
    from saxonche import PySaxonProcessor  # type: ignore[import-not-found]

    return PySaxonProcessor(license=False)


def stylesheet_path(name: str) -> Path:
    """The file of stylesheet ``name`` (``html`` -> ``xslt/html.xsl``)."""
    if not _NAME.match(name):
        raise EditionError(
            Location(name), "stylesheet names are lower-case words such as 'html' or 'text'"
        )
    path = XSLT_DIR / f"{name}.xsl"
    if not path.is_file():
        raise EditionError(Location(str(path)), f"no stylesheet '{name}' in {XSLT_DIR}")
    return path


def declared_params(path: Path, _seen: frozenset[Path] = frozenset()) -> dict[str, str]:
    """Top-level ``xsl:param`` names and their ``as`` types, through ``xsl:import``/``include``."""
    if path in _seen:
        return {}
    root = parse_file(path).getroot()
    found: dict[str, str] = {}
    for child in root:
        if child.tag in (f"{{{_XSL_NS}}}import", f"{{{_XSL_NS}}}include"):
            found.update(
                declared_params((path.parent / child.get("href", "")).resolve(), _seen | {path})
            )
    for param in root.iterfind(f"{{{_XSL_NS}}}param"):
        found[param.get("name", "")] = param.get("as", "item()*")
    return found


@functools.cache
def _compiled(name: str) -> _Compiled:
    """Compile stylesheet ``name`` once per process."""
    from saxonche import PySaxonApiError

    path = stylesheet_path(name)
    processor = _processor()
    xslt = processor.new_xslt30_processor()
    try:
        executable = xslt.compile_stylesheet(stylesheet_file=str(path))
    except PySaxonApiError as exc:
        raise EditionError(
            Location(str(path)), f"stylesheet does not compile: {_first_line(exc)}"
        ) from None
    if executable is None:  # older saxonche reports static errors this way
        raise EditionError(Location(str(path)), "stylesheet does not compile")
    executable.set_save_xsl_message(True)
    return _Compiled(path, executable, declared_params(path), threading.Lock())


def compile_stylesheet(name: str) -> Path:
    """Compile ``name`` now (normally done lazily by :func:`render`); returns its path."""
    return _compiled(name).path


def _first_line(exc: BaseException) -> str:
    text = " ".join(line.strip() for line in str(exc).strip().splitlines() if line.strip())
    return text or exc.__class__.__name__


def _xdm_value(compiled: _Compiled, name: str, value: ParamValue) -> Any:
    """Convert a Python value to the XDM type the stylesheet declares for ``name``."""
    processor = _processor()
    declared = compiled.params.get(name)
    if declared is None:
        known = ", ".join(sorted(compiled.params)) or "none"
        raise EditionError(
            Location(str(compiled.path)), f"unknown parameter '{name}' (declared: {known})"
        )
    if declared.startswith("xs:boolean"):
        if isinstance(value, bool):
            flag = value
        elif str(value).strip().lower() in ("true", "1", "yes"):
            flag = True
        elif str(value).strip().lower() in ("false", "0", "no"):
            flag = False
        else:
            raise EditionError(
                Location(str(compiled.path)),
                f"parameter '{name}' must be true or false, not {value!r}",
            )
        return processor.make_boolean_value(flag)
    if declared.startswith("xs:integer"):
        try:
            if isinstance(value, (bytes, str, bool)) or not isinstance(value, int):
                value = int(str(value))
            return processor.make_integer_value(value)
        except ValueError:
            raise EditionError(
                Location(str(compiled.path)),
                f"parameter '{name}' must be an integer, not {value!r}",
            ) from None
    if declared.startswith("document-node()"):
        # A sequence of XML documents (bytes), each vetted by the safe parser before Saxon
        # parses it: how a stylesheet receives many documents without one giant wrapper.
        from saxonche import PyXdmValue

        if isinstance(value, (bytes, str)) or not isinstance(value, Sequence):
            raise EditionError(
                Location(str(compiled.path)), f"parameter '{name}' must be a list of XML documents"
            )
        sequence = PyXdmValue(processor)
        for index, document in enumerate(value):
            data = document if isinstance(document, bytes) else str(document).encode("utf-8")
            parse_bytes(data, f"<{name} {index + 1}>")
            sequence.add_xdm_item(processor.parse_xml(xml_text=data.decode("utf-8")))
        return sequence
    if isinstance(value, bool):
        value = "true" if value else "false"
    return processor.make_string_value(str(value))


#: TEI P4's root elements (no namespace), which TEI P5 renamed TEI and teiCorpus.
_P4_ROOTS = ("TEI.2", "teiCorpus.2")
#: A P4 document's DOCTYPE (P4 was an SGML/XML DTD), or its root's start tag.
_P4_DOCTYPE = re.compile(rb"<!DOCTYPE\s+(TEI\.2|teiCorpus\.2)[\s>\[]")
_P4_START = re.compile(rb"<(TEI\.2|teiCorpus\.2)(?=[\s>/])")
#: Where TEI P4 is converted to P5: the TEI Consortium's P4-to-P5 stylesheet, in
#: TEIC/Stylesheets profiles/default/p4/from.xsl (run by its bin/p4totei; the stylesheet
#: was p4top5.xsl, as its own comments still call it).
P4_TO_P5 = (
    "the TEI Consortium's P4-to-P5 stylesheet profiles/default/p4/from.xsl "
    "(formerly p4top5.xsl; https://github.com/TEIC/Stylesheets/tree/dev/profiles/default/p4)"
)


def refuse_p4(data: bytes, where: str, root: str | None = None) -> None:
    """Refuse TEI P4 in one line, at its root's start tag (or DOCTYPE), saying how to
    convert it. ``root`` is the parsed root's name; without it (before the safe parser has
    seen ``data``) only a P4 DOCTYPE is recognised, which the safe parser would refuse as
    a DOCTYPE without saying that the document is P4."""
    doctype = _P4_DOCTYPE.search(data)
    if root not in _P4_ROOTS and not doctype:
        return
    name = root or (doctype.group(1).decode("ascii") if doctype else "TEI.2")
    start = _P4_START.search(data, doctype.end() if doctype else 0)
    at = start.start() if start else (doctype.start() if doctype else 0)
    line = data.count(b"\n", 0, at) + 1
    col = at - (data.rfind(b"\n", 0, at) + 1) + 1
    raise EditionError(
        Location(where, line, col),
        f"TEI P4 ({name}) is not TEI P5: convert it first with {P4_TO_P5} [E-TEI-P4]",
    )


def _source_text(tei: bytes | Path, where: str) -> str:
    """The TEI as text, after the safe parser has vetted it (no DTD, entities, bad UTF-8)
    and found TEI P5 or another vocabulary, not TEI P4 (refused: see :func:`refuse_p4`)."""
    if isinstance(tei, Path):
        if tei.is_file() and tei.stat().st_size <= MAX_XML_BYTES:
            refuse_p4(tei.read_bytes(), where)
        tree = parse_file(tei)  # refuses missing, oversized and hostile files before reading them
        data = tei.read_bytes()
    else:
        if len(tei) <= MAX_XML_BYTES:
            refuse_p4(tei, where)
        tree = parse_bytes(tei, where)
        data = tei
    root = tree.getroot()
    if isinstance(root.tag, str):
        refuse_p4(data, where, root.tag)
    return data.decode("utf-8")


@dataclass(frozen=True)
class Prepared:
    """A TEI document vetted by the safe parser and parsed by Saxon once, for rendering
    several outputs of it without parsing it again each time."""

    node: Any
    where: str


def prepare(tei: bytes | Path, source_name: str | None = None) -> Prepared:
    """Vet ``tei`` with the safe parser and parse it for Saxon (once for all outputs)."""
    where = source_name or (str(tei) if isinstance(tei, Path) else "<TEI bytes>")
    text = _source_text(tei, where)
    return Prepared(_processor().parse_xml(xml_text=text), where)


def render(
    stylesheet: str,
    tei: bytes | Path | Prepared,
    params: Mapping[str, ParamValue] | None = None,
    *,
    source_name: str | None = None,
) -> Rendering:
    """Transform a TEI document with stylesheet ``stylesheet`` (``html``, ``text``, ``print``).

    ``tei`` is bytes, a path, or a document made by :func:`prepare` (parsed once for several
    outputs). ``params`` are stylesheet parameters by name (``{"editorial-brackets": False}``);
    booleans may be given as bool or as "true"/"false". ``source_name`` names TEI given
    as bytes in error messages (default: the path, or ``<TEI bytes>``). Returns the
    serialised output as UTF-8 bytes and the run's ``xsl:message`` texts as warnings.
    """
    from saxonche import PySaxonApiError

    compiled = _compiled(stylesheet)
    prepared = tei if isinstance(tei, Prepared) else prepare(tei, source_name)
    where = prepared.where
    values = {name: _xdm_value(compiled, name, value) for name, value in (params or {}).items()}
    executable = compiled.executable
    with compiled.lock:
        executable.clear_parameters()
        executable.clear_xsl_messages()
        for name, value in values.items():
            executable.set_parameter(name, value)
        report: list[str] = []
        try:
            with _saxon_reports_silenced(report):
                result = executable.transform_to_string(xdm_node=prepared.node)
        except PySaxonApiError as exc:
            detail = _failure(exc, "".join(report), _messages(executable))
            raise EditionError(Location(where), f"{compiled.path.name}: {detail}") from None
        warnings = _messages(executable)
    output = (result or "").encode("utf-8")
    return Rendering(output=output, warnings=warnings)


def transform(
    stylesheet: str,
    tei: bytes | Path,
    params: Mapping[str, ParamValue] | None = None,
    *,
    source_name: str | None = None,
) -> bytes:
    """Like :func:`render`, returning only the output; the warnings go to this module's logger.

    Prefer :func:`render` where the caller reports warnings itself (the build does).
    """
    result = render(stylesheet, tei, params, source_name=source_name)
    for warning in result.warnings:
        log.warning("%s: %s", stylesheet, warning)
    return result.output


_STDERR_LOCK = threading.Lock()


@contextlib.contextmanager
def _saxon_reports_silenced(report: list[str] | None = None) -> Iterator[None]:
    """Saxon's error reporter writes a stack trace of a dynamic error straight to file
    descriptor 2, around the Python exception that carries the same error; the caller
    reports that error as one line, so the trace is captured meanwhile (appended to
    ``report``, which :func:`_failure` reads for the error code and stylesheet line)."""
    with _STDERR_LOCK:
        try:
            saved = os.dup(2)
        except OSError:  # no standard error at all: nothing to silence
            yield
            return
        with tempfile.TemporaryFile() as sink:
            try:
                os.dup2(sink.fileno(), 2)
                yield
            finally:
                os.dup2(saved, 2)
                os.close(saved)
                if report is not None:
                    sink.seek(0)
                    report.append(sink.read(_REPORT_LIMIT).decode("utf-8", "replace"))


#: How much of Saxon's error report is read (its first error is all the caller shows).
_REPORT_LIMIT = 64 * 1024

#: In Saxon's report: "XPTY0004  A sequence of more than one item ...", the error code
_REPORT_CODE = re.compile(r"^\s*(?:[A-Za-z][\w.-]*:)?([A-Z]{4}\d{4})\s", re.MULTILINE)
#: "... on line 491 column 20 of common.xsl:", where in which stylesheet module
_REPORT_WHERE = re.compile(r"\bon line (\d+)(?: column (\d+))? of ([^\s:]+):")
#: The code of xsl:message terminate="yes", and the exception text it comes with
_TERMINATE_CODE = "XTMM9000"
_TERMINATE_TEXT = "Processing terminated by xsl:message"


def _failure(exc: BaseException, report: str, messages: Sequence[str]) -> str:
    """Why a transform failed, in one line.

    A stylesheet that stops itself (``xsl:message terminate="yes"``, as the NOT-TEI check
    does) says why in its last message, which is shown. Any other failure is Saxon's own
    error: its code, its message and the stylesheet line it happened at (``XPTY0004: A
    sequence of more than one item ... (common.xsl line 491, column 20)``); the messages
    before it are only the run's warnings and do not explain it.
    """
    text = _first_line(exc)
    code_match = _REPORT_CODE.search(report)
    code = code_match.group(1) if code_match else ""
    said = [m for m in messages if m]
    if (code == _TERMINATE_CODE or text.startswith(_TERMINATE_TEXT)) and said:
        return said[-1]
    where = _REPORT_WHERE.search(report)
    place = ""
    if where:
        line, col, module = where.groups()
        place = f" ({module} line {line}" + (f", column {col})" if col else ")")
    return f"{code + ': ' if code else ''}{text}{place}"


def _messages(executable: Any) -> tuple[str, ...]:
    """The texts of the xsl:message instructions of the last run, in order."""
    value = executable.get_xsl_messages()
    if value is None:
        return ()
    return tuple(value.item_at(i).string_value.strip() for i in range(value.size))
