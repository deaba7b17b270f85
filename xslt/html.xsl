<?xml version="1.0" encoding="UTF-8"?>
<!--
  html.xsl: the HTML reading edition (index.html), one self-contained HTML5 file with its
  CSS and JavaScript inlined; no network access.

  Imports common.xsl for every shared meaning (note numbers, ids, labels, safe links,
  brackets) and renders the shared modes m:block, m:inline, m:register and m:apparatus.
  This file only declares the parameter and the output; the rendering is in one module a
  concern, under html/ (included, so they are one stylesheet with this one):

    html/page.xsl        the page: <html>, <head>, the order of <body>, its furniture
    html/metadata.xsl    citation metadata in <head> (Highwire citation_*, Dublin Core)
    html/title-page.xsl  the title page from the teiHeader (also print's and epub's)
    html/contents.xsl    the table of contents
    html/blocks.xsl      divisions, headings, paragraphs, cite links, element ids
    html/inlines.xsl     the running text: renditions, quotations, brackets, titles
    html/links.xsl       links, live only for safe targets
    html/notes.xsl       note anchors and the notes list, linked both ways
    html/apparatus.xsl   the variant readings after their block
    html/registers.xsl   entity mentions and the registers, linked both ways
    html/other-tei.xsl   TEI of other projects (imported: lower precedence than the above)

  Hooks for print.xsl and epub.xsl (which import this stylesheet and override only what
  differs):
    t:head-assets      the <style>/<script> of the page
    t:title-page       the <header> built from the teiHeader, around fp:title-page-parts
                       (its parameters: html/title-page.xsl)
    t:cite-example     how the title page says to cite a passage
    t:toc              the <nav> table of contents
    t:toc-back         its entries after the divisions (notes without a heading, registers)
    t:reading-controls the bracket switch
    t:note-anchor      what a note anchor becomes in the text (link + popover here;
                       print.xsl: an inline footnote)
    t:notes-section    the endnotes section
    t:note-item        one endnote
    t:apparatus        the variant readings after a block that has them
    t:witnesses        the witnesses of a reading
    t:registers        the registers section
    t:page-footer      the <footer>
    t:head-meta        citation metadata in <head> (Highwire citation_*, Dublin Core)
    t:cite-link        the "cite this passage" link after a citable paragraph, heading or note
    t:cite-dialog      the dialog those links fill in

  Parameters: those of common.xsl (editorial-brackets, build-date, show-apparatus,
  edition-url); this stylesheet declares one of its own:
    assets-base        xs:string  where base.css, edition.css and edition.js are read from
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    exclude-result-prefixes="#all">

  <xsl:import href="common.xsl"/>
  <xsl:import href="html/other-tei.xsl"/>

  <!-- Directory (URI) holding base.css, edition.css and edition.js, which are inlined into the page.
       Default: assets/ beside this stylesheet. print.xsl may point elsewhere. -->
  <xsl:param name="assets-base" as="xs:string" select="resolve-uri('assets/', static-base-uri())"/>

  <!-- Indented for readable diffs of the expected outputs, but never inside elements
       holding running text, where added line breaks would change the text. -->
  <xsl:output method="html" html-version="5" encoding="UTF-8" indent="yes"
      include-content-type="no"
      suppress-indentation="p h1 h2 h3 h4 h5 h6 li dt dd summary a span cite q b i sup code label title script style"/>

  <!-- in the order of the page -->
  <xsl:include href="html/page.xsl"/>
  <xsl:include href="html/metadata.xsl"/>
  <xsl:include href="html/title-page.xsl"/>
  <xsl:include href="html/contents.xsl"/>
  <xsl:include href="html/blocks.xsl"/>
  <xsl:include href="html/inlines.xsl"/>
  <xsl:include href="html/links.xsl"/>
  <xsl:include href="html/notes.xsl"/>
  <xsl:include href="html/apparatus.xsl"/>
  <xsl:include href="html/registers.xsl"/>

</xsl:stylesheet>
