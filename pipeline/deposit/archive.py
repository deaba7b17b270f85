"""The single-file form of a bag: a reproducible, safely extractable tar.

Written so that the same bag always gives the same bytes (RFC 8493, section 4: one
top-level directory named like the bag): entries sorted by path, each directory before its
contents; every mtime the build date; uid/gid 0 and no user or group names; mode 0644 for
files and 0755 for directories; POSIX (pax) format without extended headers for plain
names; no compression (gzip would add its own timestamp).

Reading one back (for ``edition deposit --verify x.tar``) refuses anything a bag never
contains: links, devices, absolute paths, ``..``, more than one top-level directory.
"""

from __future__ import annotations

import io
import tarfile
from pathlib import Path, PurePosixPath

from ..errors import EditionError, Location

FILE_MODE = 0o644
DIR_MODE = 0o755
#: Refuse archives that would unpack to more than this (a deposit is a few MB).
MAX_UNPACKED_BYTES = 4 * 1024**3


def _entries(bag_dir: Path) -> list[tuple[PurePosixPath, Path]]:
    """(name in the archive, path on disk), sorted so each directory precedes its contents."""
    top = PurePosixPath(bag_dir.name)
    found = [(top, bag_dir)]
    for path in bag_dir.rglob("*"):
        found.append((top.joinpath(*path.relative_to(bag_dir).parts), path))
    return sorted(found, key=lambda entry: entry[0].parts)


def write_tar(bag_dir: Path, mtime: int) -> bytes:
    """The tar of ``bag_dir`` (its name is the archive's top-level directory)."""
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w", format=tarfile.PAX_FORMAT) as archive:
        for name, path in _entries(bag_dir):
            if path.is_symlink() or not (path.is_dir() or path.is_file()):
                raise EditionError(
                    Location(str(path)), "a bag holds only regular files and directories"
                )
            info = tarfile.TarInfo(str(name))
            info.mtime = mtime
            info.uid = info.gid = 0
            info.uname = info.gname = ""
            if path.is_dir():
                info.type = tarfile.DIRTYPE
                info.mode = DIR_MODE
                archive.addfile(info)
            else:
                data = path.read_bytes()
                info.size = len(data)
                info.mode = FILE_MODE
                archive.addfile(info, io.BytesIO(data))
    return buffer.getvalue()


def extract_bag(archive_path: Path, into: Path) -> Path:
    """Unpack a deposit archive into the directory ``into``; return the bag directory.

    Raises :class:`EditionError` naming the archive for anything but a plain bag."""
    where = Location(str(archive_path))
    try:
        with tarfile.open(archive_path, mode="r:*") as archive:
            top = _check_members(archive.getmembers(), where)
            archive.extractall(into, filter="data")
    except (tarfile.TarError, OSError) as exc:
        raise EditionError(where, f"not a readable tar archive: {exc}") from None
    bag_dir = into / top
    if not bag_dir.is_dir():
        raise EditionError(where, "the archive's top-level entry is not a directory")
    return bag_dir


def _check_members(members: list[tarfile.TarInfo], where: Location) -> str:
    """The one top-level directory of a bag archive; refuses anything else."""
    tops: set[str] = set()
    total = 0
    for member in members:
        name = PurePosixPath(member.name)
        if name.is_absolute() or ".." in name.parts or not name.parts:
            raise EditionError(where, f"unsafe path in the archive: {member.name!r}")
        if not (member.isfile() or member.isdir()):
            raise EditionError(
                where,
                f"{member.name}: not a regular file or directory (links and devices are refused)",
            )
        tops.add(name.parts[0])
        total += member.size
    if len(tops) != 1:
        raise EditionError(where, f"a bag archive has one top-level directory; found {len(tops)}")
    if total > MAX_UNPACKED_BYTES:
        raise EditionError(
            where, f"would unpack to {total:,} bytes; the limit is {MAX_UNPACKED_BYTES:,}"
        )
    return tops.pop()
