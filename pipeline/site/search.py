"""The corpus search index, ``dist/pagefind/``: the reading editions indexed by Pagefind.

:func:`index_search` brings the search index of the documents' reading editions up to
date with Pagefind: in shards of a few dozen pages, each a Pagefind bundle, which
``dist/pagefind/pagefind.js`` merges in the browser; only the shards whose pages changed
are indexed again, and Pagefind's memory is that of one shard.

How the search index is made, since html.xsl (shared, finished) cannot be given Pagefind's
``data-pagefind-*`` attributes: Pagefind is told what to index from the command line.
``--glob '*/index.html'`` takes only the reading editions (not print.html, not the site
page); ``--root-selector main`` indexes the text, the notes and nothing of the title page
or contents; ``--exclude-selectors`` drops what would repeat or pollute the text (the note
pop-ups, which copy each note; the note numbers; the registers; the variant-reading
boxes; the bracket switch; the editorial brackets themselves, so that ``part[y]`` is
indexed as the word ``party``). Pagefind records every element with an id and the word
position where it starts (its "anchors"), so the search script (``xslt/assets/site.js``)
links each hit to the passage that holds it (``index.html#sec-2-A-p3``), not only to the
page; Pagefind's own sub-results would need ids on the headings, which html.xsl puts on
the sections instead.

Each shard is indexed from a staging site of links to its pages (Pagefind takes a
directory, not a list of files), so the URLs are those of the whole site. Every shard
of a corpus with several also indexes a page of the whole corpus's words, which the
search never shows (:func:`vocabulary_pages` says why).
"""

from __future__ import annotations

import gzip
import hashlib
import importlib.metadata
import json
import os
import shutil
import subprocess
import sys
import tempfile
import unicodedata
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from html import escape as html_escape
from pathlib import Path

from ..errors import EditionError, Location
from ..files import write_if_changed

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
#: Pagefind needs about 1.6 MB of memory a page (64 pages: 1.8 s, 120 MB).
SHARD_PAGES = 64
#: Pagefind runs at once, when several shards are to be indexed (each uses more than a core).
PAGEFIND_JOBS = 2
#: Each shard's pages of the corpus vocabulary: <this>-<language>/index.html (vocabulary_pages).
VOCABULARY_DIR = "_vocabulary"
#: dist/pagefind/<this>: the shards of the last run and the ids of their vocabulary pages.
SHARD_MANIFEST = "shards.json"
#: Pagefind's ready-made search interfaces, which the site does not use (site.js calls
#: pagefind.js directly): removed from the bundle (about 420 KB).
PAGEFIND_UNUSED = (
    "pagefind-ui.js",
    "pagefind-ui.css",
    "pagefind-modular-ui.js",
    "pagefind-modular-ui.css",
    "pagefind-component-ui.js",
    "pagefind-component-ui.css",
    "pagefind-highlight.js",
)


def pagefind_command(site: Path, output: Path) -> list[str]:
    """The Pagefind run that indexes the reading editions under ``site`` into ``output``."""
    command = [
        sys.executable,
        "-m",
        "pagefind",
        "--site",
        str(site),
        "--glob",
        "*/index.html",
        "--root-selector",
        "main",
        "--keep-index-url",
        "--output-path",
        str(output),
        "--quiet",
    ]
    for selector in PAGEFIND_EXCLUDE:
        command += ["--exclude-selectors", selector]
    return command


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
    relative to dist) and the name of its directory under ``dist/pagefind/``, a digest of
    everything that makes it (the pages' bytes, Pagefind's version and options): a shard
    whose directory exists is up to date and is not indexed again."""

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
    options = "\0".join([_pagefind_version(), *pagefind_command(Path("site"), Path("out"))[3:]])
    shards: list[Shard] = []
    for number, pages in enumerate(members):
        if not pages:
            continue
        digest = hashlib.sha256(f"search-shard\0{options}\0{number}/{count}\0".encode())
        for page in pages:
            digest.update(page.encode("utf-8") + b"\0")
            digest.update(hashlib.sha256((dist / page).read_bytes()).digest())
        shards.append(Shard(f"{number:03d}-{digest.hexdigest()[:16]}", tuple(pages)))
    return shards


#: A language's words, as Pagefind's content of the pages has them: language -> words.
Vocabulary = dict[str, set[str]]


def _fragments(bundle: Path) -> Iterator[tuple[str, dict[str, object]]]:
    """The pages a Pagefind bundle holds: (result id, fragment data) of each, the id being
    the fragment's file name ("en_6dc4de8", its language before the last "_")."""
    for path in sorted((bundle / "fragment").glob("*.pf_fragment")):
        raw = gzip.decompress(path.read_bytes())  # "pagefind_dcd" then the JSON
        yield path.name.removesuffix(".pf_fragment"), json.loads(raw[raw.index(b"{") :])


def _language(result_id: str) -> str:
    return result_id.rpartition("_")[0] or "unknown"


def _is_vocabulary(data: dict[str, object]) -> bool:
    return str(data.get("url", "")).startswith(f"/{VOCABULARY_DIR}-")


def _words(content: str) -> set[str]:
    """The distinct words of a page's content, as Pagefind will index them: in lower case,
    without the punctuation around them ("(Lenin's," -> "lenin's"), which Pagefind drops."""
    found = set()
    for token in content.split():
        start, end = 0, len(token)
        while start < end and unicodedata.category(token[start]).startswith("P"):
            start += 1
        while end > start and unicodedata.category(token[end - 1]).startswith("P"):
            end -= 1
        if start < end:
            found.add(token[start:end].lower())
    return found


def _page_words(bundle: Path) -> Vocabulary:
    """The words of the reading editions a bundle indexes (its vocabulary pages left out)."""
    words: Vocabulary = {}
    for result_id, data in _fragments(bundle):
        if not _is_vocabulary(data):
            words.setdefault(_language(result_id), set()).update(
                _words(str(data.get("content", "")))
            )
    return words


def _vocabulary_ids(bundle: Path) -> list[str]:
    """The result ids of a bundle's vocabulary pages (which the search never shows)."""
    return [result_id for result_id, data in _fragments(bundle) if _is_vocabulary(data)]


def _vocabulary_of(bundle: Path, ids: list[str]) -> Vocabulary:
    """The words of a bundle's vocabulary pages (their ids from the manifest)."""
    words: Vocabulary = {}
    for result_id in ids:
        raw = gzip.decompress((bundle / "fragment" / f"{result_id}.pf_fragment").read_bytes())
        data = json.loads(raw[raw.index(b"{") :])
        words.setdefault(_language(result_id), set()).update(_words(str(data.get("content", ""))))
    return words


def _merge(into: Vocabulary, other: Vocabulary) -> Vocabulary:
    for language, words in other.items():
        into.setdefault(language, set()).update(words)
    return into


def _covers(vocabulary: Vocabulary, words: Vocabulary) -> bool:
    return all(found <= vocabulary.get(language, set()) for language, found in words.items())


def vocabulary_pages(vocabulary: Vocabulary) -> dict[str, bytes]:
    """The pages that give a shard the words of the whole corpus, one per language
    (``_vocabulary-en/index.html``), sorted, deterministic.

    Why: where a search word is in none of its pages, Pagefind searches for the longest
    prefix of the word that it has (Pagefind/pagefind#780, not configurable): one index of
    the whole corpus does that only for a word in no document, but a shard without the word
    would answer "Besedovsky" with the pages that say "be". With these pages every shard
    has every word of the corpus; the search (pagefind.js) never shows them."""
    pages: dict[str, bytes] = {}
    for language, words in sorted(vocabulary.items()):
        if not words:
            continue
        lang = f' lang="{html_escape(language)}"' if language != "unknown" else ""
        text = html_escape(" ".join(sorted(words)))
        pages[f"{VOCABULARY_DIR}-{language}/index.html"] = (
            f'<!DOCTYPE html>\n<html{lang}><head><meta charset="utf-8"><title>Vocabulary</title></head>'
            f"<body><main>{text}</main></body></html>\n"
        ).encode()
    return pages


def _run_pagefind(dist: Path, shard: Shard, extra: dict[str, bytes]) -> None:
    """Index one shard (and the ``extra`` pages, by path) into ``dist/pagefind/<shard.name>/``,
    replacing what is there. Pagefind reads a staging site of links to the shard's pages
    (same relative paths, so the same URLs) and writes into a temporary directory, renamed
    into place when complete."""
    staging = Path(tempfile.mkdtemp(prefix=".pagefind-", dir=dist))
    try:
        site = staging / "site"
        for page in shard.pages:
            target = site / page
            target.parent.mkdir(parents=True, exist_ok=True)
            try:
                os.link(dist / page, target)
            except OSError:  # a file system without hard links
                shutil.copyfile(dist / page, target)
        for page, data in extra.items():
            if (site / page).exists():  # a document named like a vocabulary page
                raise EditionError(
                    Location(str(dist / page)),
                    f"a document may not be named {page.split('/')[0]}: the search index uses the name",
                )
            (site / page).parent.mkdir(parents=True, exist_ok=True)
            (site / page).write_bytes(data)
        output = staging / "out"
        try:
            run = subprocess.run(
                # run in the staging directory, so that no pagefind.yml of the caller's
                # working directory changes what is indexed
                pagefind_command(site.resolve(), output.resolve()),
                cwd=staging,
                capture_output=True,
                text=True,
                timeout=600,
                check=False,
            )
        except (OSError, subprocess.TimeoutExpired) as exc:
            raise EditionError(Location(str(dist)), f"pagefind could not run: {exc}") from None
        if run.returncode != 0:
            detail = " ".join((run.stderr or run.stdout).split())[:500]
            if "No module named pagefind" in detail:
                detail = "the Python package pagefind[extended] is not installed"
            raise EditionError(Location(str(dist)), f"pagefind failed: {detail}")
        if not (output / "pagefind.js").is_file():
            raise EditionError(
                Location(str(dist)),
                "pagefind wrote no pagefind.js: no reading edition (*/index.html) to index?",
            )
        for name in PAGEFIND_UNUSED:
            (output / name).unlink(missing_ok=True)
        target = dist / PAGEFIND_DIR / shard.name
        if target.exists():
            shutil.rmtree(target)
        output.rename(target)
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def _index_shards(dist: Path, shards: list[Shard], vocabulary: Vocabulary) -> None:
    """Index ``shards``, each with the vocabulary pages of ``vocabulary``, some at once."""
    extra = vocabulary_pages(vocabulary)
    workers = max(1, min(PAGEFIND_JOBS, os.cpu_count() or 1, len(shards)))
    if workers == 1:
        for shard in shards:
            _run_pagefind(dist, shard, extra)
        return
    with ThreadPoolExecutor(max_workers=workers) as pool:
        for done in [pool.submit(_run_pagefind, dist, shard, extra) for shard in shards]:
            done.result()


def pagefind_entry(shards: list[Shard], hidden: list[str]) -> bytes:
    """``dist/pagefind/pagefind.js``: the module site.js imports. It re-exports Pagefind's
    API from the first shard and merges the other shards into it (Pagefind's mergeIndex)
    before the first search, with the options given to the first (site.js sets baseUrl),
    so the page searches every shard as one index and gets every result in one form; the
    ``hidden`` results (the shards' vocabulary pages) are left out of every answer."""
    first, others = shards[0].name, [shard.name for shard in shards[1:]]
    return f"""\
// The corpus search index in {len(shards)} Pagefind bundle(s) (written by pipeline/site.py):
// Pagefind's API from the first; the others merged into it before the first search, with
// the options given before it (baseUrl: every result's URL in the same form). Each bundle
// has a page of the words of the whole corpus, never shown, so that no bundle answers a
// word it lacks with the pages of a prefix of it (see vocabulary_pages in site.py).
import * as pagefind from "./{first}/pagefind.js";
export * from "./{first}/pagefind.js";

const others = {json.dumps(others)};
const hidden = new Set({json.dumps(sorted(set(hidden)))});
const settings = {{}};
let merging = null;

export async function options(values) {{
  Object.assign(settings, values);
  return pagefind.options(values);
}}

function merged() {{
  if (!merging) {{
    merging = Promise.all(others.map((name) =>
      pagefind.mergeIndex(new URL(name + "/", import.meta.url).href, {{ ...settings }})));
  }}
  return merging;
}}

function shown(response) {{
  if (!response || !hidden.size) return response;  // null: a debounced search superseded
  return {{ ...response, results: response.results.filter((result) => !hidden.has(result.id)) }};
}}

export async function search(term, values) {{
  await merged();
  return shown(await pagefind.search(term, values));
}}

export async function debouncedSearch(term, values, timeout) {{
  await merged();
  return shown(await pagefind.debouncedSearch(term, values, timeout));
}}

export async function filters() {{
  await merged();
  return pagefind.filters();
}}
""".encode()


def _read_manifest(root: Path) -> dict[str, list[str]]:
    """The shards the last run left (name -> the result ids of its vocabulary pages)."""
    try:
        data = json.loads((root / SHARD_MANIFEST).read_text("utf-8"))
        return {str(name): [str(i) for i in ids] for name, ids in data["shards"].items()}
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return {}


def index_search(dist: Path, doc_ids: list[str], per_shard: int = SHARD_PAGES) -> list[Path]:
    """Bring ``dist/pagefind/`` up to date with the reading editions of ``doc_ids``
    (``dist/<doc>/index.html``); the files of the index.

    The index is split into shards of a few dozen pages (:func:`plan_shards`), each a
    Pagefind bundle of its own, which the page's pagefind.js merges
    (:func:`pagefind_entry`). Pagefind holds a whole bundle in memory while it writes it
    (about 1.6 MB a reading edition), so shards bound the memory at any size of corpus, and
    a rebuild indexes again only the shards whose pages changed.

    With more than one shard, every shard also holds the words of the whole corpus
    (:func:`vocabulary_pages`). The invariant kept: every shard's vocabulary covers the
    words of every page. Shards whose pages changed are indexed with the vocabulary the
    others hold; if their pages bring words some shard lacks, those shards are indexed
    again with them (a corpus indexed from nothing is indexed twice: first to learn its
    words). Words no page has any longer stay in the vocabulary: a search for one finds
    nothing, where one index would have answered with the pages of a prefix of it.

    Nothing else survives in ``dist/pagefind/``: shards no longer current and stray files
    are removed. ``shards.json`` records each shard's vocabulary pages.
    """
    shards = plan_shards(dist, doc_ids, per_shard)
    if not shards:
        raise EditionError(Location(str(dist)), "no reading edition (*/index.html) to index")
    root = dist / PAGEFIND_DIR
    if root.is_file() or root.is_symlink():
        root.unlink()
    root.mkdir(parents=True, exist_ok=True)
    manifest = _read_manifest(root)
    held: dict[str, Vocabulary] = {}  # the vocabulary each shard has
    for shard in shards:
        if shard.name in manifest and (root / shard.name / "pagefind.js").is_file():
            try:
                held[shard.name] = _vocabulary_of(root / shard.name, manifest[shard.name])
            except (OSError, ValueError, EOFError):  # damaged: indexed again
                pass
    changed = [s for s in shards if s.name not in held]
    hidden: dict[str, list[str]]  # shard -> the result ids of its vocabulary pages
    if len(shards) == 1:
        _index_shards(dist, changed, {})
        hidden = {shards[0].name: []}
    else:
        known: Vocabulary = {}
        for vocabulary in held.values():
            _merge(known, vocabulary)
        _index_shards(dist, changed, known)
        for shard in changed:
            held[shard.name] = {language: set(words) for language, words in known.items()}
        brought: Vocabulary = {}
        for shard in changed:
            _merge(brought, _page_words(root / shard.name))
        stale = [s for s in shards if not _covers(held[s.name], brought)]
        _index_shards(dist, stale, _merge(known, brought))
        hidden = {
            s.name: _vocabulary_ids(root / s.name)
            if s in changed or s in stale
            else manifest[s.name]
            for s in shards
        }
    write_if_changed(
        root / SHARD_MANIFEST,
        (json.dumps({"shards": hidden}, indent=1, sort_keys=True) + "\n").encode("utf-8"),
    )
    write_if_changed(
        root / "pagefind.js", pagefind_entry(shards, [i for ids in hidden.values() for i in ids])
    )
    keep = {"pagefind.js", SHARD_MANIFEST, *(shard.name for shard in shards)}
    for path in root.iterdir():
        if path.name not in keep:
            if path.is_dir() and not path.is_symlink():
                shutil.rmtree(path)
            else:
                path.unlink()
    for directory in (root, *(root / shard.name for shard in shards)):
        directory.chmod(0o755)  # mkdtemp made them private; a web server must read them
    return sorted(p for p in root.rglob("*") if p.is_file())
