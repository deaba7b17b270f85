"""The corpus search index, ``dist/pagefind/``: the reading editions indexed by Pagefind.

**What is indexed.** Pagefind's Python API (``pagefind.index.PagefindIndex``) is given
each reading edition, ``dist/<doc>/index.html`` (not print.html, not the site page), as
the page at ``/<doc>/index.html``. html.xsl (shared with every other output) gives the
pages no ``data-pagefind-*`` attributes, so Pagefind's configuration says what to index
(:func:`pagefind_config`): the root selector ``main`` takes the text and the notes and
nothing of the title page or contents; the excluded selectors (:data:`PAGEFIND_EXCLUDE`)
drop what would repeat or pollute the text: the note pop-ups, which copy each note; the
note numbers; the registers; the variant-reading boxes; the bracket switch; the editorial
brackets themselves, so that ``part[y]`` is indexed as the word ``party``.

**Passages.** For every result Pagefind gives the elements of the page with an id and the
word position where each starts (``anchors``) and the positions of the hits
(``locations``), the data its documentation offers for making one's own sub-results. The
search script (``xslt/assets/site.js``) links each hit to the citable passage that holds
it (``index.html#sec-2-A-p3``), not only to the page. Pagefind's ready-made sub-results
split a page at headings with ids; html.xsl puts the ids on the sections instead.

**Shards.** The index is split into shards of a few dozen pages (:func:`plan_shards`),
each a Pagefind bundle of its own, ``dist/pagefind/<shard>/``, listed in order in
``dist/pagefind/shards.json``. site.js imports the first shard's ``pagefind.js`` and
merges the others into it with Pagefind's ``mergeIndex`` (documented for searching
several sites as one), so the page gets every result in one list. Pagefind holds a whole
bundle in memory while it writes it (about 1.5 MB a reading edition), so shards bound
its memory at any size of corpus; and a shard's directory is named by a digest of
everything that makes it, so a rebuild indexes again only the shards whose pages changed
and does not touch the files of the others.

**What shards change in the results.** Where a search word is in no page of an index,
Pagefind searches for the longest prefix of the word that the index has instead
(Pagefind/pagefind#780; no option turns this off in Pagefind 1.5). One index does that
only for a word in no document of the corpus. A merged search does it in each shard on its
own, so a word that some shards have and others lack ("Besedovsky") also brings, from
the others, the pages that have a prefix of it ("be"), ranked among the right ones. Every
passage one index would find is still found; the extra results are the cost of indexing
shards apart. Up to :data:`SHARD_PAGES` reading editions the corpus is one shard and
searches as one index. (Before this module used Pagefind's Python API, every shard was
also given a hidden page of the whole corpus's words to prevent this; that took reading
Pagefind's private fragment files and re-implementing its word splitting, and was
dropped.)

**Determinism.** Pagefind numbers a bundle's pages in the order it is given them, so each
shard's pages are added one by one in order of document id: a directory walk
(``add_directory``) would give them in the file system's order, which differs between
file systems. Pagefind writes the languages of ``pagefind-entry.json`` in the order of a
hash map, different at every run; the file is rewritten with sorted keys. The same pages
give byte-identical files.

**Cost.** The Python wrapper takes one answer from Pagefind per 0.1 s (it polls the
binary's output), so each page added waits about 0.1 s. The shards to index are indexed
:data:`PAGEFIND_JOBS` at a time, each by a Pagefind process of its own, so that the waits
overlap.

Example::

    files = index_search(Path("dist"), ["tactics-and-tasks", "exile-letter"])
"""

from __future__ import annotations

import asyncio
import hashlib
import importlib.metadata
import json
import shutil
import tempfile
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import EditionError, Location
from ..files import write_if_changed

if TYPE_CHECKING:
    from pagefind.index import IndexConfig

#: What Pagefind leaves out of each reading edition (see the module docstring).
PAGEFIND_EXCLUDE = (
    ".note-anchor",  # note numbers, their pop-up copies of the notes, the pop-up buttons
    ".note-num",  # the number and back-links in front of each endnote
    ".backrefs",
    ".registers",
    ".apparatus",
    ".reading-controls",
    ".bracket",  # so that B[olshevik]-L[eninists] is indexed as the words Bolshevik-Leninists
    ".cite-link",  # the "cite" permalinks after each passage
    ".cite-dialog",
)
PAGEFIND_DIR = "pagefind"
#: Reading editions per shard of the search index, on average at most (:func:`shard_count`):
#: Pagefind needs about 1.5 MB of memory a page (210 of the test fixtures' pages: 320 MB).
SHARD_PAGES = 64
#: Shards indexed at once, each by its own Pagefind process: they mostly wait on the
#: wrapper's polling (see the module docstring), so more than the cores.
PAGEFIND_JOBS = 4
#: Seconds one shard may take before Pagefind is taken to have hung.
SHARD_TIMEOUT = 600
#: Seconds Pagefind's writes of a bundle may take to land once it has answered (_settled).
SETTLE_TIMEOUT = 30
#: dist/pagefind/<this>: the shards of the index, in order; site.js reads it.
SHARD_MANIFEST = "shards.json"
#: Each bundle's entry file, which Pagefind writes with its languages in random order.
ENTRY_FILE = "pagefind-entry.json"
#: Pagefind's ready-made search interfaces, which the site does not use (site.js calls
#: pagefind.js directly): removed from every bundle (about 420 KB).
PAGEFIND_UNUSED = (
    "pagefind-ui.js",
    "pagefind-ui.css",
    "pagefind-modular-ui.js",
    "pagefind-modular-ui.css",
    "pagefind-component-ui.js",
    "pagefind-component-ui.css",
    "pagefind-highlight.js",
)
#: Raised when how a shard is made changes in a way its digest cannot show.
SHARD_VERSION = 2


def pagefind_config() -> IndexConfig:
    """Pagefind's configuration of every shard (see the module docstring)."""
    return {"root_selector": "main", "exclude_selectors": list(PAGEFIND_EXCLUDE)}


def shard_count(pages: int, per_shard: int = SHARD_PAGES) -> int:
    """How many shards the search index of ``pages`` reading editions has: the least power
    of two that keeps the shards at ``per_shard`` pages or fewer on average. A power of two,
    so that when the corpus outgrows it each shard splits in two and a page's shard is
    still given by the same hash."""
    count = 1
    while count * per_shard < pages:
        count *= 2
    return count


def shard_of(doc_id: str, count: int) -> int:
    """The shard of a document's reading edition: by a hash of its id, so that it stays in
    its shard whatever documents are added or removed (while the count is the same)."""
    return int.from_bytes(hashlib.sha256(doc_id.encode("utf-8")).digest()[:4], "big") % count


@dataclass(frozen=True)
class Shard:
    """One Pagefind bundle of the search index: some reading editions (``<doc>/index.html``,
    relative to dist, in order of document id) and the name of its directory under
    ``dist/pagefind/``, a digest of everything that makes it (the pages' bytes, Pagefind's
    version and configuration): a shard whose directory exists is up to date."""

    name: str
    pages: tuple[str, ...]


def _pagefind_version() -> str:
    try:
        return importlib.metadata.version("pagefind")
    except importlib.metadata.PackageNotFoundError:
        return "unknown"


def plan_shards(dist: Path, doc_ids: list[str], per_shard: int = SHARD_PAGES) -> list[Shard]:
    """The shards of the search index of the reading editions of ``doc_ids``, in order."""
    count = shard_count(len(doc_ids), per_shard)
    members: list[list[str]] = [[] for _ in range(count)]
    for doc_id in sorted(doc_ids):
        members[shard_of(doc_id, count)].append(f"{doc_id}/index.html")
    made_by = json.dumps(
        [SHARD_VERSION, _pagefind_version(), pagefind_config()], sort_keys=True
    ).encode("utf-8")
    shards: list[Shard] = []
    for number, pages in enumerate(members):
        if not pages:
            continue
        digest = hashlib.sha256(b"search-shard\0" + made_by + f"\0{number}/{count}\0".encode())
        for page in pages:
            digest.update(page.encode("utf-8") + b"\0")
            digest.update(hashlib.sha256((dist / page).read_bytes()).digest())
        shards.append(Shard(f"{number:03d}-{digest.hexdigest()[:16]}", tuple(pages)))
    return shards


def _tidy_bundle(bundle: Path) -> None:
    """Remove the interfaces the site does not use, and write the entry file's keys in
    order, so that the same pages give the same bytes."""
    for name in PAGEFIND_UNUSED:
        (bundle / name).unlink(missing_ok=True)
    entry = bundle / ENTRY_FILE
    data = json.loads(entry.read_bytes())
    entry.write_bytes(
        json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode()
    )


async def _settled(bundle: Path) -> None:
    """Wait until the files Pagefind has written under ``bundle`` hold their contents.

    Pagefind (1.5.2) answers a write once it has created every file and handed each one's
    contents to tokio, which writes them in the background (its files are complete only
    once flushed, and Pagefind does not flush); the wrapper then ends the process, and a
    write still pending is lost: an empty ``pagefind-entry.json``, 4 times in 25 runs on a
    loaded machine. No file of a bundle is empty, so the writes have landed when none is
    and the sizes are the same twice running."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + SETTLE_TIMEOUT
    previous: dict[Path, int] = {}
    while True:
        sizes = {path: path.stat().st_size for path in bundle.rglob("*") if path.is_file()}
        if sizes and all(sizes.values()) and sizes == previous:
            return
        if loop.time() > deadline:
            raise EditionError(Location(str(bundle)), "pagefind left the bundle incomplete")
        previous = sizes
        await asyncio.sleep(0.02)


async def _write_bundle(dist: Path, shard: Shard, bundle: Path) -> None:
    """Index the pages of ``shard`` into a new bundle at ``bundle``."""
    from pagefind.service import PagefindService

    try:
        # the service, not PagefindIndex's context, so that the process is still there
        # while the bundle's writes land (_settled); leaving the context ends it
        async with PagefindService() as service:
            index = await service.create_index(pagefind_config())
            for page in shard.pages:  # one by one, in order: the bundle's page numbers
                try:
                    content = (dist / page).read_text("utf-8")
                except (OSError, UnicodeDecodeError) as exc:
                    raise EditionError(Location(str(dist / page)), f"unreadable: {exc}") from None
                await index.add_html_file(content=content, url=f"/{page}")
            await index.write_files(output_path=str(bundle))
            await _settled(bundle)
    except FileNotFoundError as exc:  # the wrapper's way of saying it found no binary
        raise EditionError(
            Location(str(dist)),
            f"pagefind could not run ({exc}): install the Python package pagefind[extended]",
        ) from None
    except EditionError:
        raise
    except Exception as exc:  # the wrapper raises bare Exceptions with Pagefind's message
        raise EditionError(Location(str(dist)), f"pagefind failed: {exc.args[0]}") from None


async def _index_shard(dist: Path, shard: Shard, root: Path, jobs: asyncio.Semaphore) -> None:
    """Index one shard into ``root/<shard.name>/``, replacing what is there: written into
    a temporary directory, renamed into place when complete, so that a directory with a
    shard's name is always a whole bundle."""
    async with jobs:
        staging = Path(tempfile.mkdtemp(prefix=".indexing-", dir=root))
        try:
            bundle = staging / "bundle"
            try:
                await asyncio.wait_for(_write_bundle(dist, shard, bundle), SHARD_TIMEOUT)
            except TimeoutError:
                raise EditionError(
                    Location(str(dist)),
                    f"pagefind did not finish a shard of {len(shard.pages)} pages "
                    f"in {SHARD_TIMEOUT} s",
                ) from None
            if not (bundle / "pagefind.js").is_file():
                raise EditionError(Location(str(dist)), "pagefind wrote no pagefind.js")
            _tidy_bundle(bundle)
            target = root / shard.name
            if target.exists():
                shutil.rmtree(target)
            bundle.rename(target)
        finally:
            shutil.rmtree(staging, ignore_errors=True)


def _index_shards(dist: Path, shards: list[Shard], root: Path) -> None:
    """Index ``shards``, :data:`PAGEFIND_JOBS` at a time. The first failure stops the
    others (asyncio.run cancels them, and each Pagefind process is stopped)."""

    async def index_all() -> None:
        jobs = asyncio.Semaphore(PAGEFIND_JOBS)
        await asyncio.gather(*(_index_shard(dist, shard, root, jobs) for shard in shards))

    try:
        asyncio.get_running_loop()
    except RuntimeError:  # the usual case: no event loop here, asyncio.run makes one
        asyncio.run(index_all())
        return
    # the caller runs an event loop in this thread (Playwright's sync API, a notebook),
    # in which asyncio.run may not nest: Pagefind's loop runs in a thread of its own
    with ThreadPoolExecutor(max_workers=1) as pool:
        pool.submit(lambda: asyncio.run(index_all())).result()


def index_search(dist: Path, doc_ids: list[str], per_shard: int = SHARD_PAGES) -> list[Path]:
    """Bring ``dist/pagefind/`` up to date with the reading editions of ``doc_ids``
    (``dist/<doc>/index.html``); the files of the index.

    Only the shards whose pages changed are indexed (:func:`plan_shards`); the others'
    files are left as they are. Nothing else survives in ``dist/pagefind/``: shards no
    longer current and stray files are removed. ``shards.json`` lists the shards for
    site.js, in order.
    """
    if PAGEFIND_DIR in doc_ids:  # its outputs would be where the index is, and removed
        raise EditionError(
            Location(str(dist / PAGEFIND_DIR)),
            f"a document may not be named {PAGEFIND_DIR}: the search index uses the name",
        )
    shards = plan_shards(dist, doc_ids, per_shard)
    if not shards:
        raise EditionError(Location(str(dist)), "no reading edition (*/index.html) to index")
    root = dist / PAGEFIND_DIR
    if root.is_file() or root.is_symlink():
        root.unlink()
    root.mkdir(parents=True, exist_ok=True)
    changed = [
        shard
        for shard in shards
        if not all((root / shard.name / name).is_file() for name in ("pagefind.js", ENTRY_FILE))
    ]
    if changed:
        _index_shards(dist, changed, root)
    manifest = {"shards": [shard.name for shard in shards]}
    write_if_changed(root / SHARD_MANIFEST, (json.dumps(manifest, indent=1) + "\n").encode("utf-8"))
    keep = {SHARD_MANIFEST, *(shard.name for shard in shards)}
    for path in root.iterdir():
        if path.name not in keep:
            if path.is_dir() and not path.is_symlink():
                shutil.rmtree(path)
            else:
                path.unlink()
    return sorted(p for p in root.rglob("*") if p.is_file())
