"""Where things live in a project: transcripts, masters, registries, outputs.

A project is a directory with ``tei/source/<doc>.md`` (+ ``.toml``); the converter writes
``tei/<doc>.xml`` and the renderers ``dist/<doc>/``. Every command takes ``--root``
(default: the current directory) so the layout is never guessed from where a file is.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .errors import EditionError, Location


@dataclass(frozen=True)
class Project:
    root: Path

    @property
    def source_dir(self) -> Path:
        return self.root / "tei" / "source"

    @property
    def tei_dir(self) -> Path:
        return self.root / "tei"

    @property
    def authority_dir(self) -> Path:
        return self.root / "tei" / "authority"

    @property
    def dist_dir(self) -> Path:
        return self.root / "dist"

    def transcripts(self) -> list[Path]:
        """Every transcript of the project, in a stable (sorted) order."""
        if not self.source_dir.is_dir():
            raise EditionError(
                Location(str(self.source_dir)),
                "no tei/source/ directory here (run from the project root or pass --root)",
            )
        return sorted(self.source_dir.glob("*.md"))

    def foreign_masters(self) -> list[Path]:
        """TEI documents in tei/ that came without a transcript (another project's TEI, to be
        published as it is), sorted. Registers and corpus files (TEI without ``text``, or
        ``teiCorpus``) are not documents; a file that cannot be read is listed, so that the
        build reports why instead of passing over it."""
        from .xmlsafe import parse_file, tei

        known = {t.stem for t in self.transcripts()}
        found: list[Path] = []
        for path in sorted(self.tei_dir.glob("*.xml")):
            if path.stem in known:
                continue
            try:
                root = parse_file(path).getroot()
            except EditionError:
                found.append(path)
                continue
            has_text = root.find(tei("text")) is not None or root.find(tei("sourceDoc")) is not None
            if root.tag == tei("TEI") and has_text:
                found.append(path)
        return found

    def select(
        self, names: tuple[str, ...] | list[str] = (), *, foreign: bool = False
    ) -> list[Path]:
        """The transcripts named (by document id, in the order given), or all of them; with
        ``foreign``, the TEI documents that came without a transcript too. An unknown name or
        an empty project is an error."""
        transcripts = self.transcripts() + (self.foreign_masters() if foreign else [])
        if names:
            known = {t.stem: t for t in transcripts}
            missing = [n for n in names if n not in known]
            if missing:
                raise EditionError(
                    Location(str(self.source_dir)), f"no transcript named {', '.join(missing)}"
                )
            return [known[n] for n in names]
        if not transcripts:
            what = "transcripts (*.md) or TEI documents" if foreign else "transcripts (*.md)"
            raise EditionError(Location(str(self.source_dir)), f"no {what} to build")
        return transcripts

    def master_for(self, transcript: Path) -> Path:
        return self.tei_dir / f"{transcript.stem}.xml"

    def transcript_for(self, master: Path) -> Path | None:
        """The transcript a master was converted from, if the project has it."""
        candidate = self.source_dir / f"{master.stem}.md"
        return candidate if candidate.is_file() else None

    def output_dir(self, doc_id: str) -> Path:
        return self.dist_dir / doc_id
