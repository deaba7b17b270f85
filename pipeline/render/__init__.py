"""Rendering: TEI master to publication formats (XSLT 3.0 with saxonche)."""
