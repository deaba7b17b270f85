"""Write a document's deposit: the bag ``dist/deposit/<doc>/`` and ``dist/deposit/<doc>.tar``.

The bagit library makes the bag (payload manifests, Payload-Oxum); what it writes from the
machine is then replaced so that the same inputs give byte-identical bags:

* bagit.txt declares BagIt 1.0 (RFC 8493; the library still writes 0.97);
* bag-info.txt is written from the teiHeader (:mod:`.baginfo`), never with today's date;
* the tag manifests are rewritten in sorted order (the library lists tag files in
  directory order);
* every file gets mode 0644, every directory 0755, every mtime the build date.

The bag is assembled in a hidden temporary directory beside the target, validated with
``bagit.Bag``, then renamed into place: the target path never holds a half-written bag.

>>> result = deposit_document(Project(Path(".")), "tactics-and-tasks")
>>> result.bag_dir, result.archive
(PosixPath('dist/deposit/tactics-and-tasks'), PosixPath('dist/deposit/tactics-and-tasks.tar'))
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import os
import shutil
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import bagit

from ..config import build_date_for
from ..errors import Diagnostic, EditionError, Location
from ..files import write_atomically
from ..project import Project
from ..xmlsafe import parse_bytes
from . import fresh
from .archive import DIR_MODE, FILE_MODE, write_tar
from .baginfo import (
    SOFTWARE_AGENT,
    DocumentInfo,
    document_info,
    foreign_document_info,
    format_bag_info,
)
from .payload import Payload, collect_payload, output_paths
from .readme import README_NAME, readme_text, tei_rights, tei_title

#: Payload and tag manifests are written for each of these (RFC 8493 recommends SHA-512).
CHECKSUMS = ("sha256", "sha512")
BAGIT_TXT = b"BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n"
#: dist/<this>/ holds the deposits.
DEPOSIT_DIR = "deposit"


@dataclass
class DepositReport:
    """What depositing one document did, or why it did not."""

    doc_id: str
    bag_dir: Path | None = None
    archive: Path | None = None
    payload_files: int = 0
    payload_bytes: int = 0
    bag_bytes: int = 0
    archive_sha256: str = ""
    diagnostics: list[Diagnostic] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.bag_dir is not None and not any(d.severity == "error" for d in self.diagnostics)


@contextlib.contextmanager
def quiet_bagit() -> Iterator[None]:
    """Silence the bagit library's log (its warnings would print as bare stderr lines;
    problems are reported by the caller, one line each)."""
    logger = logging.getLogger("bagit")
    was = logger.disabled
    logger.disabled = True
    try:
        yield
    finally:
        logger.disabled = was


def build_epoch(bagging_date: str) -> int:
    """Midnight UTC of the build date, the mtime of every file of the deposit."""
    return int(datetime.strptime(bagging_date, "%Y-%m-%d").replace(tzinfo=UTC).timestamp())


def deposit_document(
    project: Project, doc_id: str, *, allow_missing_outputs: bool = False
) -> DepositReport:
    """Check the project's files for ``doc_id`` and write its bag and tar.

    Refuses (``report.ok`` false, nothing written) when the master is stale or invalid
    (TEI from another project: not valid against tei_all), an output is stale, or, unless
    ``allow_missing_outputs``, a publication format is missing. Problems are in
    ``report.diagnostics``; nothing is printed here.
    """
    report = DepositReport(doc_id)
    try:
        if doc_id == DEPOSIT_DIR:
            raise EditionError(
                Location(str(project.source_dir / f"{doc_id}.md")),
                f"a document named '{DEPOSIT_DIR}' would share dist/{DEPOSIT_DIR}/ with the "
                "deposits; rename it",
            )
        payload = collect_payload(project, doc_id)
        master = payload.origin_of(f"tei/{doc_id}.xml")
        severity = "warning" if allow_missing_outputs else "error"
        report.diagnostics.extend(
            Diagnostic(
                Location(str(p)),
                "missing output; run `edition build` first",
                severity,
                "E-DEPOSIT-MISSING",
            )
            for p in payload.missing_outputs
        )
        build_date = None  # the outputs' date: the header's, or a foreign master's build's
        if payload.foreign:
            build_date = build_date_for(master)[0]
            report.diagnostics.extend(fresh.check_foreign_master(master))
        else:
            transcript = payload.origin_of(f"source/{doc_id}.md")
            report.diagnostics.extend(fresh.check_master(transcript, master))
        if any(d.severity == "error" for d in report.diagnostics):
            return report
        tei = master.read_bytes()
        outputs = output_paths(project, doc_id)
        report.diagnostics.extend(fresh.check_outputs(tei, doc_id, outputs, build_date))
        if any(d.severity == "error" for d in report.diagnostics):
            return report
        tree = parse_bytes(tei, master)
        info = (
            foreign_document_info(tree, str(master), build_date or "")
            if payload.foreign
            else document_info(tree, str(master), project.source_dir / f"{doc_id}.toml")
        )
        readme = readme_text(
            [(f.name, f.origin) for f in payload.files],
            doc_id=doc_id,
            title=tei_title(tree),
            rights=tei_rights(tree),
            bagging_date=info.bagging_date,
            software=SOFTWARE_AGENT,
            foreign=payload.foreign,
        )
        _write(project, payload, info, readme, report)
    except EditionError as exc:
        report.diagnostics.append(Diagnostic(exc.location, exc.message, "error", "E-DEPOSIT"))
    return report


def _write(
    project: Project, payload: Payload, info: DocumentInfo, readme: bytes, report: DepositReport
) -> None:
    deposit_dir = project.dist_dir / DEPOSIT_DIR
    deposit_dir.mkdir(parents=True, exist_ok=True)
    target = deposit_dir / payload.doc_id
    archive = deposit_dir / f"{payload.doc_id}.tar"
    if target.exists() and not target.is_dir():
        raise EditionError(Location(str(target)), "exists and is not a directory")
    epoch = build_epoch(info.bagging_date)
    with tempfile.TemporaryDirectory(prefix=f".{payload.doc_id}.", dir=deposit_dir) as tmp:
        stage = Path(tmp) / payload.doc_id
        stage.mkdir()
        for item in payload.files:
            destination = stage.joinpath(*item.name.parts)
            destination.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(item.origin, destination)
        (stage / README_NAME).write_bytes(readme)
        _make_bag(stage, info)
        _fix_modes_and_times(stage, epoch)
        _validate(stage)
        tar = write_tar(stage, epoch)
        # Both are complete: swap them in. The old bag, if any, leaves with the temp dir.
        if target.exists():
            os.rename(target, Path(tmp) / "previous")
        os.rename(stage, target)
        write_atomically(archive, tar)
        archive.chmod(FILE_MODE)
        os.utime(archive, (epoch, epoch))
    payload_bytes = sum(
        (target / "data").joinpath(*f.name.parts).stat().st_size for f in payload.files
    )
    payload_bytes += (target / "data" / README_NAME).stat().st_size
    report.bag_dir = target
    report.archive = archive
    report.payload_files = len(payload.files) + 1
    report.payload_bytes = payload_bytes
    report.bag_bytes = sum(p.stat().st_size for p in target.rglob("*") if p.is_file())
    report.archive_sha256 = hashlib.sha256(tar).hexdigest()


def _make_bag(stage: Path, info: DocumentInfo) -> None:
    """bagit.make_bag for the payload manifests, then the tag files rewritten."""
    with quiet_bagit():
        try:
            # Bagging-Date and the agent are given so that not even the library's own
            # bag-info.txt, rewritten below, ever carries the machine's date or version.
            bag = bagit.make_bag(
                str(stage),
                {"Bagging-Date": info.bagging_date, "Bag-Software-Agent": SOFTWARE_AGENT},
                checksums=list(CHECKSUMS),
            )
        except (bagit.BagError, OSError, RuntimeError) as exc:
            raise EditionError(
                Location(str(stage)), f"bagit could not make the bag: {exc}"
            ) from None
    oxum = str(bag.info["Payload-Oxum"])
    payload_bytes, payload_files = (int(n) for n in oxum.split("."))
    (stage / "bagit.txt").write_bytes(BAGIT_TXT)
    manifests_size = sum((stage / f"manifest-{alg}.txt").stat().st_size for alg in CHECKSUMS)
    # Bag-Size: the payload and the tag files other than bag-info and the tag manifests
    # (an approximate size, as the RFC allows; they add well under 1%).
    bag_size = payload_bytes + len(BAGIT_TXT) + manifests_size
    (stage / "bag-info.txt").write_bytes(
        format_bag_info(
            info, payload_bytes=payload_bytes, payload_files=payload_files, bag_size=bag_size
        )
    )
    _write_tag_manifests(stage)


def _write_tag_manifests(stage: Path) -> None:
    """tagmanifest-<alg>.txt: every tag file except the tag manifests, sorted by name."""
    tag_files = sorted(
        p.name for p in stage.iterdir() if p.is_file() and not p.name.startswith("tagmanifest-")
    )
    for alg in CHECKSUMS:
        lines = [
            f"{hashlib.new(alg, (stage / name).read_bytes()).hexdigest()}  {name}\n"
            for name in tag_files
        ]
        (stage / f"tagmanifest-{alg}.txt").write_bytes("".join(lines).encode("utf-8"))


def _fix_modes_and_times(stage: Path, epoch: int) -> None:
    for path in sorted(stage.rglob("*"), reverse=True):  # contents before their directory
        path.chmod(DIR_MODE if path.is_dir() else FILE_MODE)
        os.utime(path, (epoch, epoch))
    stage.chmod(DIR_MODE)
    os.utime(stage, (epoch, epoch))


def _validate(stage: Path) -> None:
    """The library's own check of the finished bag, before it is moved into place."""
    with quiet_bagit():
        try:
            bagit.Bag(str(stage)).validate()
        except bagit.BagError as exc:
            raise EditionError(
                Location(str(stage)), f"the new bag does not validate: {exc}"
            ) from None
