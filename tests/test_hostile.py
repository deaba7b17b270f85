"""Hostile and broken input: each case ends in diagnostics located as path:line:col, never a
traceback, a hang, a network access or unbounded memory."""

from __future__ import annotations

import re
import resource
import socket
import tracemalloc
from pathlib import Path

import pytest
from conftest import need

from pipeline.errors import Diagnostic
from pipeline.validate import validate_file
from pipeline.validate.teiall import jing_command, run_jing, tei_all_schema

FIXTURES = Path(__file__).parent / "fixtures"
MINIMAL = (FIXTURES / "valid" / "minimal.xml").read_text(encoding="utf-8")
LOCATED = re.compile(r"^.+:\d+:\d+: .+ \[[A-Z]-[A-Z-]+\]$")
TEI_OPEN = '<TEI xmlns="http://www.tei-c.org/ns/1.0" xml:lang="en">'


@pytest.fixture(autouse=True)
def no_network(monkeypatch: pytest.MonkeyPatch) -> list[object]:
    """Any attempt to open a connection from Python fails the test."""
    attempts: list[object] = []

    def refuse(self: socket.socket, address: object) -> None:
        attempts.append(address)
        raise AssertionError(f"network access attempted: {address!r}")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    return attempts


def check(path: Path) -> list[Diagnostic]:
    found = validate_file(path)
    assert found, "hostile input must be reported"
    for diagnostic in found:
        assert LOCATED.match(str(diagnostic)), str(diagnostic)
        assert "Traceback" not in str(diagnostic)
    return found


def write(tmp_path: Path, name: str, data: str | bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return path


def test_malformed_xml(tmp_path: Path) -> None:
    path = write(tmp_path, "bad.xml", f'<?xml version="1.0"?>\n{TEI_OPEN}\n  <teiHeader>\n</TEI>\n')
    (found,) = check(path)
    assert found.code == "E-XML"
    assert str(found) == (
        f"{path}:4:7: malformed XML: "
        "Opening and ending tag mismatch: teiHeader line 3 and TEI [E-XML]"
    )


def test_not_xml_at_all(tmp_path: Path) -> None:
    (found,) = check(write(tmp_path, "notes.xml", "# The Tactics and Tasks\n\nplain markdown\n"))
    assert found.code == "E-XML" and found.location.line == 1


def test_wrong_root_element(tmp_path: Path) -> None:
    path = write(tmp_path, "page.xml", '<html xmlns="http://www.w3.org/1999/xhtml"><body/></html>')
    assert [str(d) for d in check(path)] == [
        (
            f"{path}:1:1: root element is 'html' in namespace 'http://www.w3.org/1999/xhtml'; "
            "expected 'TEI' in namespace 'http://www.tei-c.org/ns/1.0' [E-ROOT]"
        )
    ]


@pytest.mark.parametrize(
    ("opening", "where"),
    [
        (
            '<TEI xmlns="http://www.tei-c.org/ns/2.0" xml:lang="en">',
            "in namespace 'http://www.tei-c.org/ns/2.0'",
        ),
        ('<TEI xml:lang="en">', "in no namespace"),
    ],
)
def test_right_root_in_the_wrong_namespace(tmp_path: Path, opening: str, where: str) -> None:
    path = write(tmp_path, "tei.xml", MINIMAL.replace(TEI_OPEN, opening))
    (found,) = check(path)
    assert str(found) == (
        f"{path}:5:1: root element 'TEI' is {where}; "
        "expected namespace 'http://www.tei-c.org/ns/1.0' [E-ROOT]"
    )


BILLION_LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE TEI [
  <!ENTITY lol "lol">
  <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
  <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
  <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
  <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
  <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
  <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
  <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
  <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
  <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<TEI xmlns="http://www.tei-c.org/ns/1.0" xml:lang="en"><text><body><p>&lol9;</p></body></text></TEI>
"""


def test_billion_laughs_is_refused_before_expansion(tmp_path: Path) -> None:
    path = write(tmp_path, "laughs.xml", BILLION_LAUGHS)
    tracemalloc.start()
    try:
        (found,) = check(path)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert str(found) == (
        f"{path}:2:1: DOCTYPE declarations are not allowed (entities and DTDs are refused) [E-XML]"
    )
    assert peak < 5_000_000  # nothing was expanded


@pytest.mark.parametrize(
    "system_id",
    ["file:///etc/passwd", "http://127.0.0.1:9/secret.txt", "https://example.invalid/x"],
)
def test_external_entity_xxe(tmp_path: Path, system_id: str, no_network: list[object]) -> None:
    xml = (
        '<?xml version="1.0"?>\n'
        f'<!DOCTYPE TEI [ <!ENTITY xxe SYSTEM "{system_id}"> ]>\n'
        f"{TEI_OPEN}<text><body><p>&xxe;</p></body></text></TEI>\n"
    )
    path = write(tmp_path, "xxe.xml", xml)
    (found,) = check(path)
    assert found.code == "E-XML" and (found.location.line, found.location.col) == (2, 1)
    assert "root:" not in found.message  # no file content leaked into the message
    assert no_network == []


def test_external_dtd(tmp_path: Path, no_network: list[object]) -> None:
    xml = f'<?xml version="1.0"?>\n<!DOCTYPE TEI SYSTEM "http://www.tei-c.org/release/xml/tei/custom/schema/dtd/tei_all.dtd">\n{TEI_OPEN}</TEI>\n'
    (found,) = check(write(tmp_path, "dtd.xml", xml))
    assert found.message == "DOCTYPE declarations are not allowed (entities and DTDs are refused)"
    assert no_network == []


def test_schema_location_hint_is_not_followed(tmp_path: Path, no_network: list[object]) -> None:
    opening = TEI_OPEN.replace(
        ">",
        ' xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"'
        ' xsi:schemaLocation="http://www.tei-c.org/ns/1.0 http://127.0.0.1:9/evil.xsd">',
        1,
    )
    found = validate_file(write(tmp_path, "hint.xml", MINIMAL.replace(TEI_OPEN, opening)))
    assert [d for d in found if d.severity == "error"] == []  # our schema, not the hinted one
    assert no_network == []


def test_xinclude_is_not_processed(tmp_path: Path) -> None:
    include = (
        '<xi:include xmlns:xi="http://www.w3.org/2001/XInclude" href="file:///etc/passwd" '
        'parse="text"/>'
    )
    path = write(tmp_path, "xi.xml", MINIMAL.replace("says <persName", f"says {include}<persName"))
    assert [str(d) for d in check(path)] == [
        f"{path}:31:47: element 'xi:include' is not allowed in 'p' [E-SCHEMA]"
    ]


def test_hundred_megabyte_file_is_refused_quickly_with_bounded_memory(tmp_path: Path) -> None:
    path = tmp_path / "huge.xml"
    chunk = b"<p>" + b"x" * 1020 + b"</p>\n"  # 1 KiB
    with path.open("wb") as out:
        out.write(f'<?xml version="1.0" encoding="UTF-8"?>\n{TEI_OPEN}<text><body><div>\n'.encode())
        for _ in range(100 * 1024):
            out.write(chunk)
        out.write(b"</div></body></text></TEI>\n")
    assert path.stat().st_size > 100 * 1024 * 1024
    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB on Linux
    tracemalloc.start()
    try:
        (found,) = check(path)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    rss_growth_mib = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - rss_before) / 1024
    assert (
        str(found)
        == f"{path}:1:1: file is {path.stat().st_size:,} bytes; the limit is 52,428,800 [E-XML]"
    )
    assert peak < 5_000_000, "the file must not be read into memory"
    assert rss_growth_mib < 50
    path.unlink()  # 100 MB: do not keep it among pytest's retained temporary directories


def test_deeply_nested_elements(tmp_path: Path) -> None:
    depth = 5000
    xml = (
        TEI_OPEN
        + "<text><body><div><p>"
        + '<hi rend="italic">' * depth
        + "x"
        + "</hi>" * depth
        + "</p></div></body></text></TEI>"
    )
    (found,) = check(write(tmp_path, "deep.xml", xml))
    assert found.code == "E-XML" and "depth" in found.message.lower()


def test_invalid_utf8(tmp_path: Path) -> None:
    data = MINIMAL.replace("“is empirical.”", "“is empirical\udcff.”").encode(
        "utf-8", "surrogateescape"
    )
    path = write(tmp_path, "latin.xml", data)
    (found,) = check(path)
    # The column counts bytes: an undecodable line has no characters to count.
    assert str(found) == f"{path}:32:26: not valid UTF-8 [E-XML]"


def test_utf16_file(tmp_path: Path) -> None:
    (found,) = check(write(tmp_path, "utf16.xml", MINIMAL.encode("utf-16")))
    assert found.message == "not valid UTF-8"


def test_missing_file_and_directory(tmp_path: Path) -> None:
    assert [str(d) for d in check(tmp_path / "absent.xml")] == [
        f"{tmp_path / 'absent.xml'}:1:1: no such file [E-XML]"
    ]
    assert [str(d) for d in check(tmp_path)] == [
        f"{tmp_path}:1:1: is a directory, not a file [E-XML]"
    ]


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("outside-profile-lg.xml", "element 'lg' is not allowed in 'div'"),
        ("outside-profile-table.xml", "element 'table' is not allowed in 'div'"),
    ],
)
def test_valid_tei_outside_the_customisation(name: str, message: str) -> None:
    path = FIXTURES / "invalid" / name
    assert [(d.message, d.code) for d in check(path)] == [(message, "E-SCHEMA")]


@pytest.mark.parametrize("name", ["outside-profile-lg.xml", "outside-profile-table.xml"])
def test_outside_profile_files_are_valid_tei_all(name: str) -> None:
    """They are real TEI: only the customisation rejects them."""
    if jing_command() is None or tei_all_schema() is None:
        need("jing or tei_all.rng is not installed")
    assert run_jing([FIXTURES / "invalid" / name]) == []
