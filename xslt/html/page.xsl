<?xml version="1.0" encoding="UTF-8"?>
<!--
  page.xsl: the page of the HTML reading edition. The document as <html>, its <head>
  with the CSS and script inlined, the order of the parts of <body>, and the furniture
  around the text (bracket switch, the citation dialog, the footer).
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:f="urn:x-edition:function"
    xmlns:fp="urn:x-edition:function:private"
    xmlns:m="urn:x-edition:mode"
    xmlns:t="urn:x-edition:template"
    exclude-result-prefixes="#all">

  <xsl:template match="/tei:TEI">
    <html lang="{f:language(.)}">
      <head>
        <meta charset="utf-8"/>
        <meta name="viewport" content="width=device-width, initial-scale=1"/>
        <title><xsl:value-of select="f:main-title(.)"/></title>
        <meta name="generator" content="edition-pipeline (XSLT 3.0)"/>
        <xsl:call-template name="t:head-meta"/>
        <xsl:call-template name="t:head-assets"/>
      </head>
      <body class="{$fp:brackets-class}">
        <a class="skip-link" href="#main">Skip to the text</a>
        <xsl:call-template name="t:title-page"/>
        <xsl:call-template name="t:toc"/>
        <main id="main">
          <xsl:call-template name="t:reading-controls"/>
          <xsl:for-each select="tei:text/@xml:id"><span id="{.}"></span></xsl:for-each>
          <xsl:apply-templates select="f:text-parts(.)" mode="m:block"/>
          <xsl:call-template name="t:placed-notes"/>
          <xsl:call-template name="t:registers"/>
        </main>
        <xsl:call-template name="t:cite-dialog"/>
        <xsl:call-template name="t:page-footer"/>
      </body>
    </html>
  </xsl:template>

  <!-- The class of <body> that shows or hides the editorial brackets (edition.css; the
       switch of edition.js changes it). -->
  <xsl:variable name="fp:brackets-class" as="xs:string"
      select="if ($editorial-brackets) then 'brackets-on' else 'brackets-off'"/>

  <xsl:template name="t:head-assets">
    <style>
      <xsl:value-of select="('base.css', 'edition.css', 'other-tei.css'[not(f:own-master(current()))])
                            ! unparsed-text(resolve-uri(., $assets-base), 'UTF-8')"
                    separator="&#10;"/>
    </style>
    <script>
      <xsl:value-of select="unparsed-text(resolve-uri('edition.js', $assets-base), 'UTF-8')"/>
    </script>
  </xsl:template>

  <xsl:template name="t:reading-controls">
    <xsl:if test="/tei:TEI/tei:text//(tei:ex | tei:supplied)">
      <div class="reading-controls" hidden="">
        <input type="checkbox" id="toggle-brackets">
          <xsl:if test="$editorial-brackets"><xsl:attribute name="checked" select="'checked'"/></xsl:if>
        </input>
        <label for="toggle-brackets">Show editorial additions in [brackets]</label>
      </div>
    </xsl:if>
  </xsl:template>

  <!-- The one dialog the cite links fill in (edition.js); hidden until used. -->
  <xsl:template name="t:cite-dialog">
    <dialog id="cite-dialog" class="cite-dialog" aria-labelledby="cite-dialog-title">
      <h2 id="cite-dialog-title">Cite this passage</h2>
      <p class="cite-text" id="cite-text"></p>
      <p><a class="cite-url" id="cite-url" href="#main">#main</a></p>
      <form method="dialog">
        <button type="button" id="cite-copy">Copy citation</button>
        <xsl:text> </xsl:text>
        <button type="submit">Close</button>
      </form>
    </dialog>
  </xsl:template>

  <xsl:template name="t:page-footer">
    <xsl:variable name="h" select="/tei:TEI/tei:teiHeader"/>
    <footer class="page-footer">
      <p><xsl:value-of select="fp:imprint(.)"/></p>
      <p>Generated from the TEI master<xsl:for-each select="$h/tei:fileDesc/tei:publicationStmt/tei:idno[1]">
          <xsl:text> </xsl:text><code><xsl:value-of select="normalize-space(.)"/>.xml</code></xsl:for-each>
        by XSLT 3.0. See the title page for rights.</p>
    </footer>
  </xsl:template>

  <!-- The footer's first line, print.xsl's colophon's too: title · publisher · version ·
       build date. -->
  <xsl:function name="fp:imprint" as="xs:string">
    <xsl:param name="doc" as="node()"/>
    <xsl:sequence select="string-join((
        f:main-title($doc),
        root($doc)/tei:TEI/tei:teiHeader/tei:fileDesc/tei:publicationStmt/tei:publisher ! f:plain(.),
        f:version($doc),
        $build-date[normalize-space()] ! ('built ' || .)), ' · ')"/>
  </xsl:function>

</xsl:stylesheet>
