"""Every publication format of one TEI master, written into its output directory.

    index.html        the HTML reading edition          (xslt/html.xsl)
    <doc>.txt         the plain-text edition            (xslt/text.xsl)
    print.html        the print edition, paged-media CSS (xslt/print.xsl)
    <doc>.pdf         print.html typeset by WeasyPrint, PDF/A-3b with the TEI attached
"""

from __future__ import annotations

from pathlib import Path

from ..files import write_if_changed
from .xslt import render

OUTPUT_NAMES = {"html": "index.html", "text": "{doc}.txt", "print": "print.html", "pdf": "{doc}.pdf"}


def render_all(tei: bytes, doc_id: str, out_dir: Path, formats: tuple[str, ...]) -> tuple[list[Path], list[str]]:
    """Render ``formats`` (html, text, pdf) of ``tei`` into ``out_dir``; (files, warnings)."""
    written: list[Path] = []
    warnings: list[str] = []
    for fmt in ("html", "text"):
        if fmt in formats:
            result = render(fmt, tei)
            path = out_dir / OUTPUT_NAMES[fmt].format(doc=doc_id)
            write_if_changed(path, result.output)
            written.append(path)
            warnings.extend(f"{fmt}: {w}" for w in result.warnings)
    if "pdf" in formats:
        from .pdf import write_pdf

        result = render("print", tei)
        print_html = out_dir / OUTPUT_NAMES["print"]
        write_if_changed(print_html, result.output)
        warnings.extend(f"print: {w}" for w in result.warnings)
        pdf_path = out_dir / OUTPUT_NAMES["pdf"].format(doc=doc_id)
        write_if_changed(pdf_path, write_pdf(result.output, print_html, tei, doc_id))
        written.extend([print_html, pdf_path])
    return written, warnings
