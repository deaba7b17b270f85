"""Command-line options shared by every ``edition`` command."""

from __future__ import annotations

from pathlib import Path

import click

ROOT_OPTION = click.option(
    "--root",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("."),
    show_default=True,
    help="Project root (holds tei/source/, tei/, dist/).",
)
