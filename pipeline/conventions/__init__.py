"""The project's TEI conventions, each written down once, for every Python layer.

==========================  ==============================================================
convention                  where it lives
==========================  ==============================================================
kinds of authority entry    :mod:`.kinds` (files, lists, entry and name elements, schema.org)
external identifiers        :mod:`.identifiers` (idno schemes, forms, URIs; @type any case)
id scheme                   :mod:`.ids` (sections, paragraphs, notes, witnesses, registry entries)
main title, authors, date   :mod:`.header` (``title[@type='main']``, else the first; an
                            author's name without its idno; publicationStmt/date)
text of an element          :mod:`.text` (whitespace-normalised; brackets dropped)
ISO dates                   :mod:`.dates` (YYYY, YYYY-MM, YYYY-MM-DD)
==========================  ==============================================================

The stylesheets have their one place in ``xslt/common.xsl``; where Python and XSLT must
agree, one computes and the other reads.
"""
