"""Shared fixtures: the project root, the seed transcript and its converted TEI."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any, NoReturn

import pytest
from lxml import etree

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "tei" / "source" / "tactics-and-tasks.md"
TEI_NS = {"tei": "http://www.tei-c.org/ns/1.0"}
IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")


#: Debian's Chromium, which .ci/run installs; the browser tests drive it with playwright.
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]


def need(reason: str) -> NoReturn:
    """A test's tool is missing: skip locally, fail in CI (where it must exist)."""
    if IN_CI:
        pytest.fail(f"{reason} (required when CI=true)")
    pytest.skip(reason)


def require_tool(name: str) -> str:
    """Path of a system tool; skip locally when absent, fail in CI (where it must exist)."""
    path = shutil.which(name)
    if path is None:
        need(f"{name} is not installed")
    return path


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """One headless Chromium for every browser test."""
    if not (Path(CHROMIUM).exists() or shutil.which("chromium")):
        need(f"no Chromium at {CHROMIUM}")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        need("playwright is not installed")
    with sync_playwright() as p:
        launched = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture(scope="session")
def axe() -> Any:
    """axe-core, run in a page by axe-playwright-python."""
    try:
        from axe_playwright_python.sync_playwright import Axe
    except ImportError:
        need("axe-playwright-python is not installed")
    return Axe()


@pytest.fixture(scope="session")
def seed_result():
    from pipeline.convert import convert_file

    return convert_file(SEED)


@pytest.fixture(scope="session")
def seed_tei(seed_result) -> etree._Element:
    return etree.fromstring(seed_result.tei)


class BrowserPage:
    """A page opened in the test browser, and every error it logged (console errors,
    uncaught exceptions, failed requests). ``url``: a URL, or a file to open."""

    def __init__(self, browser: Any, url: str | Path, width: int = 1200) -> None:
        self.page = browser.new_page(viewport={"width": width, "height": 900})
        self.errors: list[str] = []
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("requestfailed", lambda r: self.errors.append(f"request failed: {r.url}"))
        self.page.goto(url.as_uri() if isinstance(url, Path) else url)

    def close(self) -> None:
        self.page.close()
