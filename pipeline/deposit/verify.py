"""``edition deposit --verify PATH``: is a deposit (bag directory or .tar) intact and valid?

Two layers, every problem one line naming the file, relative to the bag
(``data/tei/x.xml: checksum mismatch (sha256)``):

1. The bag, with the bagit library: bagit.txt and the manifests parse; Payload-Oxum
   matches; no file missing or unexpected; every checksum matches. On top of the library,
   the deposit profile: manifests and tag manifests for SHA-256 and SHA-512, every payload
   file in every manifest, every tag file in every tag manifest (bagit ignores unlisted tag
   files), no fetch.txt, the bag-info labels a deposit always has.
2. The content: the TEI master inside is valid against the schema *inside the bag*
   (``data/schema/edition.xsd``, not the project's) and the integrity rules, and conserves
   the transcript inside the bag; the registries are valid too; README.txt describes exactly
   the payload; bag-info.txt says what the teiHeader says.

   The bag of TEI from another project (a payload without a transcript,
   :func:`~pipeline.deposit.payload.is_foreign_payload`) is checked as the build checked it
   before publishing it: against the tei_all schema inside the bag
   (``data/schema/tei_all.rng``), with jing (:func:`pipeline.validate.teiall.check_tei_all`;
   without jing it cannot be verified, which is an error), never against this project's
   schema, rules or conservation, which describe the converter's masters. Its bag-info.txt
   says what its teiHeader says, its Bagging-Date being the build's date and its
   Source-Organization present only if the header names a publisher.
"""

from __future__ import annotations

import hashlib
import tarfile
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import bagit
import xmlschema
from lxml import etree

from ..conventions.dates import is_full_date
from ..conventions.text import normalise_space
from ..errors import Diagnostic, EditionError, Location
from ..xmlsafe import XML_ID, parse_bytes
from .archive import extract_bag
from .bag import CHECKSUMS, quiet_bagit
from .baginfo import DocumentInfo, document_info, foreign_document_info
from .payload import FOREIGN_SCHEMA, is_foreign_payload
from .readme import README_NAME, listed_files

#: bag-info.txt labels every deposit carries (but Source-Organization, in the bag of TEI
#: from another project whose header names no publisher).
REQUIRED_INFO = (
    "Source-Organization",
    "External-Description",
    "Bagging-Date",
    "Bag-Size",
    "Payload-Oxum",
    "Bag-Software-Agent",
)
#: At most this many compiled bag schemas are kept (keyed by the schema files' digest).
SCHEMA_CACHE_SIZE = 4


@dataclass
class VerifyReport:
    """The errors found in a deposit (empty: it verifies) and the TEI's warnings."""

    path: Path
    problems: list[Diagnostic] = field(default_factory=list)
    warnings: list[Diagnostic] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


def verify_path(path: Path) -> VerifyReport:
    """Verify a bag directory or a deposit archive (``.tar``)."""
    report = VerifyReport(path)
    if path.is_dir():
        _verify_bag(path, report)
    elif path.is_file() and tarfile.is_tarfile(path):
        with tempfile.TemporaryDirectory(prefix="edition-verify-") as tmp:
            try:
                bag_dir = extract_bag(path, Path(tmp))
            except EditionError as exc:
                report.problems.append(Diagnostic(exc.location, exc.message))
            else:
                _verify_bag(bag_dir, report)
    else:
        report.problems.append(
            Diagnostic(Location(str(path)), "not a bag directory or a .tar deposit archive")
        )
    return report


# ------------------------------------------------------------------ the bag (fixity)


def _problem(path: str, message: str, code: str = "") -> Diagnostic:
    return Diagnostic(Location(path), message, "error", code)


def _verify_bag(bag_dir: Path, report: VerifyReport) -> None:
    with quiet_bagit():
        try:
            bag = bagit.Bag(str(bag_dir))
        except bagit.BagError as exc:
            report.problems.append(_opening_problem(exc, bag_dir))
            return
        foreign = is_foreign_payload(bag.payload_entries())
        report.problems.extend(_check_profile(bag, bag_dir, foreign))
        report.problems.extend(_check_oxum(bag, bag_dir))
        report.problems.extend(_check_completeness(bag))
        report.problems.extend(_check_checksums(bag, bag_dir))
        if not report.problems:
            # The library's complete check as a safety net: whatever it still finds counts.
            try:
                bag.validate()
            except bagit.BagError as exc:
                report.problems.append(_problem("bag", _relative_text(str(exc), bag_dir)))
    _check_contents(bag, bag_dir, report, foreign)


def _relative_text(text: str, bag_dir: Path) -> str:
    return text.replace(f"{bag_dir}/", "").replace(str(bag_dir), ".")


def _opening_problem(exc: bagit.BagError, bag_dir: Path) -> Diagnostic:
    message = _relative_text(str(exc), bag_dir)
    if not (bag_dir / "bagit.txt").is_file():
        return _problem("bagit.txt", "missing: not a bag")
    if "manifest" in message:
        return _problem("manifest", message)
    return _problem("bagit.txt", message)


def _manifest_algorithms(bag_dir: Path, prefix: str) -> list[str]:
    return sorted(p.name[len(prefix) : -len(".txt")] for p in bag_dir.glob(f"{prefix}*.txt"))


def _check_profile(bag: bagit.Bag, bag_dir: Path, foreign: bool) -> list[Diagnostic]:
    problems: list[Diagnostic] = []
    # another project's header may name no publisher: then the bag-info check says so
    required = [r for r in REQUIRED_INFO if not (foreign and r == "Source-Organization")]
    for alg in CHECKSUMS:
        for name in (f"manifest-{alg}.txt", f"tagmanifest-{alg}.txt"):
            if not (bag_dir / name).is_file():
                problems.append(
                    _problem(
                        name,
                        "missing (a deposit has SHA-256 and SHA-512 manifests and tag manifests)",
                    )
                )
    if (bag_dir / "fetch.txt").exists():
        problems.append(_problem("fetch.txt", "not allowed: a deposit holds its whole payload"))
    if not (bag_dir / "bag-info.txt").is_file():
        problems.append(_problem("bag-info.txt", "missing"))
    else:
        problems.extend(
            _problem("bag-info.txt", f"no {label}") for label in required if label not in bag.info
        )
    payload_algs = _manifest_algorithms(bag_dir, "manifest-")
    for path in sorted(bag.payload_files()):
        listed = bag.entries.get(path, {})
        if listed:  # a file in no manifest at all is reported as unexpected
            problems.extend(
                _problem(path, f"not listed in manifest-{alg}.txt")
                for alg in payload_algs
                if alg not in listed
            )
    tag_algs = _manifest_algorithms(bag_dir, "tagmanifest-")
    for path in sorted(bag_dir.rglob("*")):
        relative = path.relative_to(bag_dir)
        if relative.parts[0] == "data" or path.is_dir() or relative.name.startswith("tagmanifest-"):
            continue
        listed = bag.entries.get(str(relative), {})
        problems.extend(
            _problem(str(relative), f"not listed in tagmanifest-{alg}.txt")
            for alg in tag_algs
            if alg not in listed
        )
    return problems


def _check_oxum(bag: bagit.Bag, bag_dir: Path) -> list[Diagnostic]:
    oxum = bag.info.get("Payload-Oxum")
    if oxum is None:
        return []  # reported by the profile check
    try:
        bag.validate(fast=True)  # bagit's Payload-Oxum check (structure, bagit.txt, oxum)
    except bagit.BagValidationError as exc:
        files = list(bag.payload_files())
        size = sum((bag_dir / f).stat().st_size for f in files)
        if "Payload-Oxum" in exc.message:
            return [
                _problem(
                    "bag-info.txt",
                    f"Payload-Oxum {normalise_space(str(oxum))} does not match the payload "
                    f"({size} bytes in {len(files)} files)",
                )
            ]
        return [_problem("bag", _relative_text(str(exc), bag_dir))]
    except bagit.BagError as exc:
        return [_problem("bag-info.txt", _relative_text(str(exc), bag_dir))]
    return []


def _check_completeness(bag: bagit.Bag) -> list[Diagnostic]:
    missing, unexpected = bag.compare_manifests_with_fs()
    return [
        *(_problem(p, "missing (listed in the manifests)") for p in sorted(missing)),
        *(_problem(p, "unexpected file (not in the manifests)") for p in sorted(unexpected)),
    ]


def _check_checksums(bag: bagit.Bag, bag_dir: Path) -> list[Diagnostic]:
    """Every file present that a manifest lists, hashed by bagit's own manifest code."""
    problems: list[Diagnostic] = []
    for relative, expected in sorted(bag.entries.items()):
        full = bag_dir / relative
        if not full.is_file():
            continue  # reported as missing
        computed = {
            alg: digest
            for alg, digest, _name, _size in bagit.generate_manifest_lines(
                str(full), sorted(expected)
            )
        }
        problems.extend(
            _problem(relative, f"checksum mismatch ({alg})")
            for alg in sorted(expected)
            if computed.get(alg) != expected[alg].lower()
        )
    return problems


# ------------------------------------------------------------------ the content


_SCHEMAS: dict[str, xmlschema.XMLSchema10] = {}


def _bag_schema(schema_path: Path) -> xmlschema.XMLSchema10:
    """The bag's schema, compiled once per distinct content (verifying many copies of a
    deposit compiles it once; a changed schema is never mistaken for a cached one)."""
    digest = hashlib.sha256()
    for xsd in sorted(schema_path.parent.glob("*.xsd")):
        digest.update(xsd.name.encode() + b"\0" + xsd.read_bytes() + b"\0")
    key = digest.hexdigest()
    if key not in _SCHEMAS:
        if len(_SCHEMAS) >= SCHEMA_CACHE_SIZE:
            _SCHEMAS.pop(next(iter(_SCHEMAS)))
        # sandbox: imports resolve only inside the bag's schema directory; nothing is fetched.
        # (base_url is required by the sandbox, for the instances validated later too).
        schema_dir = schema_path.resolve().parent
        _SCHEMAS[key] = xmlschema.XMLSchema10(
            str(schema_dir / schema_path.name),
            base_url=str(schema_dir),
            allow="sandbox",
            defuse="always",
        )
    return _SCHEMAS[key]


def _tei_diagnostics(
    data: bytes, name: str, schema: xmlschema.XMLSchema10, foreign_ids: dict[str, str] | None = None
) -> tuple[etree._ElementTree | None, list[Diagnostic]]:
    """Schema and integrity rules for one TEI file of the bag, named ``name`` in messages."""
    from ..validate import validate_tree

    try:
        tree = parse_bytes(data, name)
    except EditionError as exc:
        return None, [Diagnostic(exc.location, exc.message, "error", "E-XML")]
    return tree, validate_tree(tree, name, text=data, schema=schema, foreign_ids=foreign_ids)


def _register_ids(paths: list[Path]) -> dict[Path, dict[str, str]]:
    """For each register, the ids the *other* registers declare (registers point across files)."""
    from ..validate.rules import kind_of

    declared: dict[Path, dict[str, str]] = {}
    for path in paths:
        try:
            root = parse_bytes(path.read_bytes(), path.name).getroot()
        except EditionError:
            declared[path] = {}
            continue
        declared[path] = {
            xml_id: kind_of(e)
            for e in root.iter()
            if isinstance(e.tag, str) and (xml_id := e.get(XML_ID)) is not None
        }
    return {
        path: {i: k for other, ids in declared.items() if other != path for i, k in ids.items()}
        for path in paths
    }


def _check_contents(bag: bagit.Bag, bag_dir: Path, report: VerifyReport, foreign: bool) -> None:
    data_dir = bag_dir / "data"
    masters = sorted(p for p in (data_dir / "tei").glob("*.xml") if p.is_file())
    if len(masters) != 1:
        report.problems.append(
            _problem("data/tei", f"a deposit holds one TEI master; found {len(masters)}")
        )
        return
    master = masters[0]
    if foreign:
        found = _check_foreign_tei(bag, data_dir, master)
    else:
        found = _check_master(bag, bag_dir, master)
    found += _check_readme(bag, data_dir)
    report.problems.extend(_relative(d, bag_dir) for d in found if d.severity == "error")
    report.warnings.extend(_relative(d, bag_dir) for d in found if d.severity != "error")


def _check_master(bag: bagit.Bag, bag_dir: Path, master: Path) -> list[Diagnostic]:
    """A master converted from the transcript in the bag: the bag's schema, the integrity
    rules, text conservation, bag-info."""
    data_dir = bag_dir / "data"
    doc_id = master.stem
    found: list[Diagnostic] = []
    schema_path = data_dir / "schema" / "edition.xsd"
    schema = None
    if not schema_path.is_file():
        found.append(
            _problem(
                "data/schema/edition.xsd",
                "missing: the TEI cannot be validated against the bag's schema",
            )
        )
    else:
        try:
            schema = _bag_schema(schema_path)
        except (xmlschema.XMLSchemaException, OSError) as exc:
            first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
            found.append(
                _problem(
                    "data/schema/edition.xsd",
                    f"not a usable XML Schema: {_relative_text(first, bag_dir)}",
                )
            )
    tree = None
    name = f"data/tei/{master.name}"
    if schema is not None:
        tree, diagnostics = _tei_diagnostics(master.read_bytes(), name, schema)
        found += diagnostics
        registers = sorted((data_dir / "tei" / "authority").glob("*.xml"))
        for register, foreign in _register_ids(registers).items():
            found += _tei_diagnostics(
                register.read_bytes(), f"data/tei/authority/{register.name}", schema, foreign
            )[1]
    if tree is None:
        try:
            tree = parse_bytes(master.read_bytes(), name)
        except EditionError:
            tree = None  # already reported, or the schema is missing and it is reported below
    source = data_dir / "source" / f"{doc_id}.md"
    if tree is not None:
        found += _check_conservation(tree, name, source, bag_dir)
        config = source.with_suffix(".toml")
        found += _check_bag_info(
            bag, lambda: document_info(tree, name, config if config.is_file() else None)
        )
    return found


def _check_foreign_tei(bag: bagit.Bag, data_dir: Path, master: Path) -> list[Diagnostic]:
    """TEI from another project: safe XML, valid against the bag's tei_all; bag-info."""
    from ..validate.teiall import check_tei_all

    name = f"data/tei/{master.name}"
    try:
        tree = parse_bytes(master.read_bytes(), name)
    except EditionError as exc:
        return [Diagnostic(exc.location, exc.message, "error", "E-XML")]
    found: list[Diagnostic] = []
    schema = data_dir.joinpath(*FOREIGN_SCHEMA.parts)
    if not schema.is_file():
        found.append(
            _problem(
                f"data/{FOREIGN_SCHEMA}",
                "missing: the TEI cannot be validated against the bag's schema",
            )
        )
    else:
        found += check_tei_all([master], schema=schema, required=True)
    # the date is the build's, which only bag-info states; the other values are the header's
    dates = bag.info.get("Bagging-Date", [])
    stated = normalise_space(dates[0] if isinstance(dates, list) and dates else str(dates or ""))
    if is_full_date(stated):
        found += _check_bag_info(bag, lambda: foreign_document_info(tree, name, stated))
    elif stated:  # absent: the profile check says so
        found.append(
            _problem("bag-info.txt", f"Bagging-Date is '{stated}', not a date as YYYY-MM-DD")
        )
    return found


def _relative(diagnostic: Diagnostic, bag_dir: Path) -> Diagnostic:
    """A diagnostic naming its file relative to the bag (checks that read files from disk
    give absolute paths of the temporary copy)."""
    location = diagnostic.location
    path = location.path.removeprefix(f"{bag_dir}/")
    return Diagnostic(
        Location(path, location.line, location.col),
        _relative_text(diagnostic.message, bag_dir),
        diagnostic.severity,
        diagnostic.code,
    )


def _check_conservation(
    tree: etree._ElementTree, name: str, source: Path, bag_dir: Path
) -> list[Diagnostic]:
    from ..validate.conservation import check_conservation

    if not source.is_file():
        return [
            _problem(
                f"data/source/{source.name}",
                "missing: the TEI cannot be checked against its transcript",
            )
        ]
    try:
        return check_conservation(tree, name, source)
    except EditionError as exc:
        return [Diagnostic(exc.location, exc.message, "error", "E-CONSERVATION")]


def _check_bag_info(bag: bagit.Bag, expected_info: Callable[[], DocumentInfo]) -> list[Diagnostic]:
    """bag-info.txt says what the teiHeader (and the .toml's contact) say."""
    try:
        expected = expected_info().described()
    except EditionError as exc:
        return [Diagnostic(exc.location, exc.message)]
    problems = []
    for label, values in expected.items():
        found = bag.info.get(label, [])
        found_values = [normalise_space(v) for v in (found if isinstance(found, list) else [found])]
        if found_values != values:
            shown = "; ".join(found_values) or "absent"
            problems.append(
                _problem(
                    "bag-info.txt",
                    f"{label} is '{shown}' but the TEI master says "
                    f"'{'; '.join(values) or 'nothing'}'",
                )
            )
    return problems


def _check_readme(bag: bagit.Bag, data_dir: Path) -> list[Diagnostic]:
    readme = data_dir / README_NAME
    name = f"data/{README_NAME}"
    if not readme.is_file():
        return [_problem(name, "missing: a deposit describes its files")]
    text = readme.read_bytes()
    lines = text.decode("utf-8", errors="replace").splitlines()
    # Against the manifests (what the bag says it holds): a file missing on disk or not in
    # the manifests is already reported by the completeness check.
    payload = sorted(bag.payload_entries())
    problems = [
        _problem(name, f"does not describe {path}")
        for path in payload
        if not any(line.startswith(f"{path} ") for line in lines)
    ]
    problems += [
        _problem(name, f"describes {path}, which is not in the bag")
        for path in listed_files(text)
        if path not in payload
    ]
    return problems
