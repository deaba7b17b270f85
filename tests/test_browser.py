"""The HTML reading edition in a real browser: headless Chromium driven by Playwright.

Pages are rendered from the fixtures (and the project's masters) into tmp_path and
loaded from file://. Checks: internal links resolve in the live DOM, the note popover
opens by click and by keyboard (Tab + Enter), the bracket switch changes the visible
text, no console errors, zero axe-core violations. Screenshots are saved in tmp_path.

Chromium is the system one (/usr/bin/chromium); no browser is ever downloaded. Without
it (or without playwright) the tests skip, except when CI=true, where they fail.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from conftest import BrowserPage
from regenerate_expected import ROOT, Fixture, fixtures

from pipeline.render import xslt

pytestmark = pytest.mark.browser


FIXTURES = fixtures()
MASTERS = sorted((ROOT / "tei").glob("*.xml"))
PAGES = [pytest.param(f.path, f.params, id=f.name) for f in FIXTURES] + [
    pytest.param(m, {"build-date": "2000-01-01"}, id=m.name) for m in MASTERS
]


def render_page(tmp_path: Path, tei: Path, params: dict[str, str]) -> Path:
    result = xslt.render("html", tei, params)
    out = tmp_path / f"{tei.stem}.html"
    out.write_bytes(result.output)
    return out


def open_page(browser: Any, tmp_path: Path, name: str) -> BrowserPage:
    fixture: Fixture = next(f for f in FIXTURES if f.name == name)
    return BrowserPage(browser, render_page(tmp_path, fixture.path, fixture.params))


@pytest.mark.parametrize(("tei", "params"), PAGES)
def test_links_resolve_no_errors_no_axe_violations(
    browser: Any, axe: Any, tmp_path: Path, tei: Path, params: dict[str, str]
) -> None:
    view = BrowserPage(browser, render_page(tmp_path, tei, params))
    try:
        dangling = view.page.evaluate(
            """() => [...document.querySelectorAll('a[href^="#"]')]
                     .map(a => a.getAttribute('href').slice(1))
                     .filter(id => !document.getElementById(decodeURIComponent(id)))"""
        )
        assert dangling == []
        results = axe.run(view.page)
        violations = [
            (v["id"], [n["target"] for n in v["nodes"]][:3]) for v in results.response["violations"]
        ]
        assert violations == []
        view.page.screenshot(path=str(tmp_path / f"{tei.stem}.png"), full_page=True)
        assert view.errors == []
    finally:
        view.close()


def test_popover_opens_on_click_and_shows_the_note(browser: Any, tmp_path: Path) -> None:
    view = open_page(browser, tmp_path, "notes.001")
    try:
        popover = view.page.locator("#n1-ref-pop")
        assert not popover.is_visible()
        view.page.locator("button.note-peek[popovertarget='n1-ref-pop']").click()
        assert popover.is_visible()
        assert "issued by 46 leading Old Bolsheviks" in popover.inner_text()
        view.page.screenshot(path=str(tmp_path / "popover.png"))
        view.page.locator("#n1-ref-pop button.popover-close").click()
        assert not popover.is_visible()
        assert view.errors == []
    finally:
        view.close()


def test_popover_opens_with_the_keyboard(browser: Any, tmp_path: Path) -> None:
    view = open_page(browser, tmp_path, "notes.001")
    try:
        view.page.focus("#n2-ref")  # the note number link; the popover button follows it
        view.page.keyboard.press("Tab")
        focused = view.page.evaluate("() => document.activeElement.getAttribute('popovertarget')")
        assert focused == "n2-ref-pop"
        view.page.keyboard.press("Enter")
        popover = view.page.locator("#n2-ref-pop")
        assert popover.is_visible()
        assert "series of articles by Trotsky" in popover.inner_text()
        view.page.keyboard.press("Escape")
        assert not popover.is_visible()
    finally:
        view.close()


def test_note_link_and_back_link_move_the_reader(browser: Any, tmp_path: Path) -> None:
    view = open_page(browser, tmp_path, "notes.001")
    try:
        view.page.click("#n3-ref")
        assert view.page.evaluate("() => location.hash") == "#n3"
        view.page.click("#n3 a.backref")
        assert view.page.evaluate("() => location.hash") == "#n3-ref"
    finally:
        view.close()


def test_bracket_switch_changes_the_visible_text(browser: Any, tmp_path: Path) -> None:
    view = open_page(browser, tmp_path, "editorial.001")
    try:
        paragraph = view.page.locator("#sec-1-p1")
        switch = view.page.locator("#toggle-brackets")
        assert switch.is_visible() and switch.is_checked()
        assert "B[olshevik]-L[eninists]" in paragraph.inner_text()
        switch.click()
        assert not switch.is_checked()
        shown = paragraph.inner_text()
        assert "Bolshevik-Leninists" in shown and "[" not in shown
        view.page.screenshot(path=str(tmp_path / "brackets-off.png"))
        switch.press("Space")  # the keyboard works too
        assert "B[olshevik]" in paragraph.inner_text()
    finally:
        view.close()


def test_brackets_off_by_parameter(browser: Any, tmp_path: Path) -> None:
    view = open_page(browser, tmp_path, "editorial.002")
    try:
        assert not view.page.locator("#toggle-brackets").is_checked()
        assert "Bolshevik-Leninists" in view.page.locator("#sec-1-p1").inner_text()
    finally:
        view.close()


def test_variant_readings_open_on_demand(browser: Any, tmp_path: Path) -> None:
    view = open_page(browser, tmp_path, "apparatus.001")
    try:
        readings = view.page.locator("#n2 details.apparatus li").first
        assert not readings.is_visible()
        view.page.locator("#n2 details.apparatus summary").click()
        assert "expelled being immediately" in readings.inner_text()
    finally:
        view.close()


def test_readable_on_a_phone(browser: Any, tmp_path: Path) -> None:
    fixture = next(f for f in FIXTURES if f.name == "entities.001")
    view = BrowserPage(browser, render_page(tmp_path, fixture.path, fixture.params), width=375)
    try:
        overflow = view.page.evaluate(
            "() => document.documentElement.scrollWidth - window.innerWidth"
        )
        assert overflow <= 0
        view.page.screenshot(path=str(tmp_path / "phone.png"), full_page=True)
    finally:
        view.close()


def test_the_axe_check_can_fail(browser: Any, axe: Any, tmp_path: Path) -> None:
    """axe really runs: a page with a known violation reports it."""
    bad = tmp_path / "bad.html"
    bad.write_text(
        "<!DOCTYPE html><html><head><title>x</title></head><body><main>"
        '<input type="text"></main></body></html>',
        encoding="utf-8",
    )
    view = BrowserPage(browser, bad)
    try:
        ids = {v["id"] for v in axe.run(view.page).response["violations"]}
        assert "label" in ids and "html-has-lang" in ids
    finally:
        view.close()


def test_cite_link_opens_a_dialog_with_the_citation_and_url(browser: Any, tmp_path: Path) -> None:
    master = ROOT / "tei" / "tactics-and-tasks.xml"
    view = BrowserPage(browser, render_page(tmp_path, master, {"build-date": "2000-01-01"}))
    try:
        dialog = view.page.locator("#cite-dialog")
        assert not dialog.is_visible()
        view.page.locator("#sec-2-A-p3 a.cite-link").click()
        assert dialog.is_visible()
        text = view.page.locator("#cite-text").inner_text()
        assert text.startswith(
            "Soviet Bolshevik-Leninists, “The Tactics and Tasks of the Leninist Opposition”"
        )
        assert "§2.A\u00a0¶3 (#sec-2-A-p3)." in text
        assert (
            view.page.locator("#cite-url")
            .inner_text()
            .endswith("tactics-and-tasks.html#sec-2-A-p3")
        )
        assert view.page.evaluate("() => location.hash") == "#sec-2-A-p3"
        view.page.screenshot(path=str(tmp_path / "cite.png"))
        view.page.keyboard.press("Escape")
        assert not dialog.is_visible()
        assert view.errors == []
    finally:
        view.close()
