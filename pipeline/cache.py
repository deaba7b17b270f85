"""Incremental builds: skip a document whose inputs and outputs have not changed.

A document's build depends on its transcript and .toml, and on everything shared by all
documents: the registries, the schema, the stylesheets and the pipeline's own code. The
shared part is hashed once per build (``environment_digest``); each document's key is the
hash of its own files plus that digest and the requested formats. After a successful build
the key and the outputs' sizes and modification times are recorded in
``.edition-cache/<doc>.json``; the next build skips the document when the key matches and
every output is still there, unmodified.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

from .files import write_atomically
from .project import Project

CACHE_VERSION = 1
PACKAGE_DIR = Path(__file__).resolve().parent


def _hash_files(digest: hashlib._Hash, files: list[Path], base: Path) -> None:
    for path in files:
        digest.update(str(path.relative_to(base)).encode("utf-8") + b"\0")
        digest.update(path.read_bytes())
        digest.update(b"\0")


def environment_digest(project: Project) -> str:
    """Hash of everything every document's build depends on besides its own files."""
    digest = hashlib.sha256(f"edition-cache-{CACHE_VERSION}".encode())
    from .render.xslt import XSLT_DIR

    groups = [
        (
            project.authority_dir,
            sorted(project.authority_dir.glob("*.xml")) if project.authority_dir.is_dir() else [],
        ),
        (
            project.root / "schema",
            sorted((project.root / "schema").glob("*.xsd"))
            if (project.root / "schema").is_dir()
            else [],
        ),
        (XSLT_DIR, sorted(p for p in XSLT_DIR.rglob("*") if p.is_file())),
        (PACKAGE_DIR, sorted(PACKAGE_DIR.rglob("*.py"))),
    ]
    for base, files in groups:
        _hash_files(digest, files, base)
    return digest.hexdigest()


def document_key(transcript: Path, environment: str, formats: tuple[str, ...]) -> str:
    digest = hashlib.sha256(environment.encode())
    digest.update(",".join(formats).encode())
    for path in (transcript, transcript.with_suffix(".toml")):
        digest.update(path.read_bytes() if path.is_file() else b"<absent>")
        digest.update(b"\0")
    return digest.hexdigest()


@dataclass
class BuildCache:
    """The record of the last successful build of each document."""

    project: Project

    @property
    def directory(self) -> Path:
        return self.project.root / ".edition-cache"

    def _record_path(self, doc_id: str) -> Path:
        return self.directory / f"{doc_id}.json"

    def is_fresh(self, doc_id: str, key: str) -> bool:
        try:
            record = json.loads(self._record_path(doc_id).read_text(encoding="utf-8"))
        except (FileNotFoundError, ValueError):
            return False
        if record.get("key") != key:
            return False
        for name, (size, mtime_ns) in record.get("outputs", {}).items():
            try:
                stat = (self.project.root / name).stat()
            except FileNotFoundError:
                return False
            if stat.st_size != size or stat.st_mtime_ns != mtime_ns:
                return False
        return True

    def record(self, doc_id: str, key: str, outputs: list[Path]) -> None:
        entries = {}
        for path in outputs:
            stat = path.stat()
            entries[str(path.resolve().relative_to(self.project.root.resolve()))] = (
                stat.st_size,
                stat.st_mtime_ns,
            )
        data = json.dumps({"key": key, "outputs": entries}, sort_keys=True, indent=1)
        write_atomically(self._record_path(doc_id), data.encode("utf-8"))

    def forget(self, doc_id: str) -> None:
        self._record_path(doc_id).unlink(missing_ok=True)
