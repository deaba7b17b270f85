"""TEI-XML digital edition pipeline: convert, validate, render, deposit."""

__version__ = "0.1.0"
