"""Shared fixtures: the project root, the seed transcript and its converted TEI."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from lxml import etree

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "tei" / "source" / "tactics-and-tasks.md"
TEI_NS = {"tei": "http://www.tei-c.org/ns/1.0"}
IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")


def require_tool(name: str) -> str:
    """Path of a system tool; skip locally when absent, fail in CI (where it must exist)."""
    path = shutil.which(name)
    if path is None:
        if IN_CI:
            pytest.fail(f"{name} is required in CI but is not installed")
        pytest.skip(f"{name} is not installed")
    return path


@pytest.fixture(scope="session")
def seed_result():
    from pipeline.convert import convert_file

    return convert_file(SEED)


@pytest.fixture(scope="session")
def seed_tei(seed_result) -> etree._Element:
    return etree.fromstring(seed_result.tei)
