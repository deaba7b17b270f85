"""Archival deposit: a BagIt bag (RFC 8493) of one document, and its verification.

``edition deposit [DOC...]`` writes, for each document, ``dist/deposit/<doc>/`` (a bag
holding the transcript, the TEI master and registries, the schema, the stylesheets, the
publication formats and a README) and ``dist/deposit/<doc>.tar`` (the same bag as one
reproducible file). ``edition deposit --verify PATH`` checks a bag or its tar: fixity and
completeness with bagit, then the TEI inside against the schema inside. A TEI document that
came from another project without a transcript is deposited too: its bag holds that TEI as
it came, the tei_all.rng it is valid against (not this project's schema), the stylesheets
and its outputs, and its verification runs jing against that tei_all.

Modules: :mod:`.payload` (what goes in), :mod:`.baginfo` (bag-info.txt from the teiHeader),
:mod:`.readme` (data/README.txt), :mod:`.fresh` (refusing stale or invalid inputs),
:mod:`.bag` (writing), :mod:`.archive` (the tar), :mod:`.verify`, :mod:`.command` (CLI).

The entry points are ``pipeline.deposit.bag.deposit_document`` and
``pipeline.deposit.verify.verify_path``. Nothing is imported here, so that loading the
``edition`` command does not load bagit, xmlschema and the renderers.
"""
