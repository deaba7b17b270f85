"""Interchange: the edition as linked data, annotations, CSV, citation files and a teiCorpus.

One module per job:

- :mod:`.document` reads a TEI master and its .toml once (header, entries, mentions);
- :mod:`.entries` reads standOff entries; :mod:`.mentions` finds tagged names and the
  passage text they are quoted from; :mod:`.links` makes every IRI (``--base-url``);
- :mod:`.jsonld` (registers, schema.org), :mod:`.annotations` (W3C Web Annotations),
  :mod:`.csv_export`, :mod:`.citation` (CSL-JSON, BibTeX, CITATION.cff) and
  :mod:`.corpus` (teiCorpus) format them;
- :mod:`.run` writes them all; :mod:`.command` is the ``edition export`` command.

``dist/data/README.md`` (:mod:`.readme`) documents the formats for their users.

Importing this package (as ``pipeline/cli.py`` does, for the command) stays cheap: the
exporters and their libraries (rdflib, bibtexparser, PyYAML) load when the command runs.
The API is ``pipeline.export.run.export_project``.
"""

from .command import export_command

__all__ = ["export_command"]
