<?xml version="1.0" encoding="UTF-8"?>
<!--
  site.xsl: the corpus site's home page (dist/index.html).

  Input: the corpus wrapper of pipeline/site/page.py, an empty <s:site/>, and as the
  parameter $records one document per TEI master of the edition, sorted by document id: its record
  (made from the master by site-record.xsl while the document was built, dist/<doc>/site.xml;
  see there what a record holds) with the outputs that exist for it added:

    <s:document xmlns:s="urn:x-edition:site" id="tactics-and-tasks" key="...">
      <s:title>...</s:title> ... <s:entry .../> ...
      <s:output kind="html" href="tactics-and-tasks/index.html" bytes="215512"/>
      <s:output kind="epub" href="tactics-and-tasks/tactics-and-tasks.epub" bytes="60112"/>
    </s:document>

  (Each record a document of its own: Saxon parses them one by one, which takes far less
  memory than one wrapper holding them all.)

  No master is read here: the records carry the titles, facts, summaries, passages and
  register entries with the ids and labels common.xsl gave them (f:mention-id,
  f:location-label, f:entity-label, f:life-dates), so the page stays small to make at any
  number of documents.

  Output: one HTML5 page with its CSS and script inlined:
    - the documents: title, author, dates, summary (teiHeader abstract), links to each output;
    - full-text search (site.js on Pagefind's index in pagefind/, built by
      pipeline/site/search.py): each hit links to its passage, <doc>/index.html#sec-2-A-p3;
    - corpus registers: persons, organisations, places and works of every document, merged
      by id (the registries give an entry the same id in every document that uses it), each
      with links to its mentions in each document's reading edition.

  Parameters:
    records      document-node()*  the documents' records, in order of document id
    site-title   xs:string   the heading of the site; empty: the publisher the documents
                             share, else "The edition"
    assets-base  xs:string   where base.css, site.css and site.js are read from (default: assets/
                             beside this stylesheet)
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:fn="http://www.w3.org/2005/xpath-functions"
    xmlns:fp="urn:x-edition:function:private"
    xmlns:mp="urn:x-edition:mode:private"
    xmlns:s="urn:x-edition:site"
    exclude-result-prefixes="#all">

  <!-- The documents' records (site-record.xsl, with their outputs), by document id. -->
  <xsl:param name="records" as="document-node()*" select="()"/>
  <!-- The site's heading. Empty: the publisher every document names, else "The edition". -->
  <xsl:param name="site-title" as="xs:string" select="''"/>
  <!-- Directory (URI) holding site.css and site.js, which are inlined into the page. -->
  <xsl:param name="assets-base" as="xs:string" select="resolve-uri('assets/', static-base-uri())"/>

  <xsl:output method="html" html-version="5" encoding="UTF-8" indent="yes"
      include-content-type="no"
      suppress-indentation="p h1 h2 h3 h4 li dt dd a span script style"/>

  <!-- The register kinds, in the order the site lists them. -->
  <xsl:variable name="fp:kinds" as="map(xs:string, xs:string)*" select="
      map { 'kind': 'person', 'id': 'persons', 'title': 'Persons' },
      map { 'kind': 'org', 'id': 'organisations', 'title': 'Organisations' },
      map { 'kind': 'place', 'id': 'places', 'title': 'Places' },
      map { 'kind': 'work', 'id': 'works', 'title': 'Works' }"/>

  <!-- The output kinds pipeline/site/records.py reports, in the order they are listed. -->
  <xsl:variable name="fp:format-order" as="xs:string*" select="('html', 'text', 'pdf', 'epub')"/>

  <!-- The facts of a record, in the order and with the terms the page shows them. -->
  <xsl:variable name="fp:facts" as="map(xs:string, xs:string)*" select="
      map { 'name': 'written', 'term': 'Written' },
      map { 'name': 'published', 'term': 'Published' },
      map { 'name': 'edition', 'term': 'This edition' }"/>

  <!-- ============================================================== page -->

  <xsl:template match="document-node()[not(s:site)]" priority="2">
    <xsl:message terminate="yes" select="'NOT-SITE: site.xsl renders the corpus wrapper of pipeline/site/page.py, not '
                                         || name(*[1])"/>
  </xsl:template>

  <xsl:template match="document-node()[s:site]" priority="2">
    <!-- the records, in the order of the parameter (a path would order nodes of different
         documents as the processor likes) -->
    <xsl:variable name="records" select="$records ! s:document"/>
    <xsl:variable name="publishers" select="distinct-values($records/s:publisher/string())"/>
    <xsl:variable name="title" select="
        if (normalize-space($site-title)) then normalize-space($site-title)
        else if (count($publishers) eq 1) then $publishers
        else 'The edition'"/>
    <html lang="en">
      <head>
        <meta charset="utf-8"/>
        <meta name="viewport" content="width=device-width, initial-scale=1"/>
        <title><xsl:value-of select="$title"/></title>
        <meta name="generator" content="edition-pipeline (XSLT 3.0)"/>
        <!-- no favicon request: the site is a handful of static files -->
        <link rel="icon" href="data:,"/>
        <style>
          <xsl:value-of select="('base.css', 'site.css') ! unparsed-text(resolve-uri(., $assets-base), 'UTF-8')"
                        separator="&#10;"/>
        </style>
      </head>
      <body>
        <a class="skip-link" href="#main">Skip to the content</a>
        <header class="site-header">
          <h1><xsl:value-of select="$title"/></h1>
          <p class="tagline">
            <xsl:variable name="kinds" select="$fp:format-order[. = $records/s:output/@kind]"/>
            <xsl:value-of select="count($records) || (if (count($records) eq 1) then ' document' else ' documents')
                                  || ' encoded in TEI'"/>
            <xsl:if test="exists($kinds)">
              <xsl:variable name="nouns" select="$kinds ! fp:format-noun(.)"/>
              <xsl:value-of select="', published as ' || (if (count($nouns) gt 1)
                  then string-join($nouns[position() lt last()], ', ') || ' and ' || $nouns[last()] else $nouns)"/>
            </xsl:if>
            <xsl:text>.</xsl:text>
          </p>
          <nav aria-label="Site">
            <ul>
              <li><a href="#search">Search</a></li>
              <li><a href="#documents">Documents</a></li>
              <li><a href="#registers">Registers</a></li>
            </ul>
          </nav>
        </header>
        <main id="main">
          <xsl:call-template name="fp:search"/>
          <section id="documents" aria-labelledby="documents-title">
            <h2 id="documents-title">Documents</h2>
            <xsl:apply-templates select="$records" mode="mp:site-document">
              <xsl:sort select="string(s:sort-date)"/>
              <xsl:sort select="string(s:title)" lang="en"/>
            </xsl:apply-templates>
          </section>
          <xsl:call-template name="fp:registers">
            <xsl:with-param name="records" select="$records"/>
          </xsl:call-template>
        </main>
        <footer class="site-footer">
          <p>Generated from the TEI masters by XSLT 3.0. The rights in each text are stated on
            its title page. Search runs in the browser on a static index (Pagefind); it needs
            the site to be served over HTTP, not opened as a file.</p>
        </footer>
        <script type="application/json" id="search-data">
          <xsl:value-of select="fp:search-data($records)"/>
        </script>
        <script>
          <xsl:value-of select="unparsed-text(resolve-uri('site.js', $assets-base), 'UTF-8')"/>
        </script>
      </body>
    </html>
  </xsl:template>

  <!-- The link of an output of a document, relative to the site page; empty if the build
       did not make it. -->
  <xsl:function name="fp:output" as="xs:string?">
    <xsl:param name="record" as="element(s:document)?"/>
    <xsl:param name="kind" as="xs:string"/>
    <xsl:sequence select="$record/s:output[@kind = $kind][1]/string(@href)"/>
  </xsl:function>

  <!-- ============================================================== search -->

  <xsl:template name="fp:search">
    <section id="search" aria-labelledby="search-title">
      <h2 id="search-title">Search the texts</h2>
      <form id="search-form" role="search" action="#search">
        <label for="search-input">Words to find in the texts and notes</label>
        <div class="search-row">
          <input type="search" id="search-input" name="q" autocomplete="off" spellcheck="false"/>
          <button type="submit">Search</button>
        </div>
      </form>
      <p id="search-status" class="search-status" role="status" aria-live="polite"></p>
      <ol id="search-results" class="search-results" aria-label="Search results"></ol>
      <noscript><p class="search-status">Search needs JavaScript; the documents and registers below do not.</p></noscript>
    </section>
  </xsl:template>

  <!-- What the search script needs to turn a hit into a link to its passage: for each
       reading edition, its title and every citable passage ([id, label, section], in
       document order), as one JSON object. The records hold each document's passages as
       JSON already; the object is joined from them, its keys and titles escaped by
       xml-to-json (the same text one xml-to-json of it all would give). -->
  <xsl:function name="fp:search-data" as="xs:string">
    <xsl:param name="records" as="element(s:document)*"/>
    <xsl:sequence select="'{' || string-join(
        for $record in $records[fp:output(., 'html')]
        return fp:json-string(fp:output($record, 'html')) || ':{' || fp:json-string('title') || ':'
               || fp:json-string(string($record/s:title)) || ',' || fp:json-string('passages') || ':'
               || string($record/s:passages) || '}', ',') || '}'"/>
  </xsl:function>

  <xsl:function name="fp:json-string" as="xs:string">
    <xsl:param name="value" as="xs:string"/>
    <xsl:variable name="node" as="element(fn:string)"><fn:string><xsl:value-of select="$value"/></fn:string></xsl:variable>
    <xsl:sequence select="xml-to-json($node)"/>
  </xsl:function>

  <!-- ============================================================== documents -->

  <xsl:mode name="mp:site-document" on-no-match="fail"/>
  <xsl:template match="s:document" mode="mp:site-document">
    <xsl:variable name="record" select="."/>
    <xsl:variable name="html" select="fp:output(., 'html')"/>
    <article class="document" id="doc-{@id}" aria-labelledby="doc-{@id}-title">
      <h3 id="doc-{@id}-title">
        <xsl:choose>
          <xsl:when test="$html"><a href="{$html}"><xsl:value-of select="s:title"/></a></xsl:when>
          <xsl:otherwise><xsl:value-of select="s:title"/></xsl:otherwise>
        </xsl:choose>
      </h3>
      <xsl:for-each select="s:author">
        <p class="author"><xsl:value-of select="."/></p>
      </xsl:for-each>
      <dl class="doc-facts">
        <xsl:for-each select="$fp:facts">
          <xsl:variable name="fact" select="."/>
          <xsl:for-each select="$record/s:fact[@name = $fact?name][1]">
            <dt><xsl:value-of select="$fact?term"/></dt>
            <dd><xsl:value-of select="string-join(s:part, ', ')"/></dd>
          </xsl:for-each>
        </xsl:for-each>
      </dl>
      <xsl:for-each select="s:summary">
        <div class="summary">
          <xsl:copy-of select="node()" copy-namespaces="no"/>
        </div>
      </xsl:for-each>
      <ul class="formats" aria-label="Formats of {s:title}">
        <xsl:for-each select="s:output">
          <li>
            <a href="{@href}">
              <xsl:if test="@kind = 'epub'"><xsl:attribute name="type" select="'application/epub+zip'"/></xsl:if>
              <xsl:if test="@kind = 'pdf'"><xsl:attribute name="type" select="'application/pdf'"/></xsl:if>
              <xsl:value-of select="fp:format-label(@kind)"/>
            </a>
            <xsl:if test="@bytes"><xsl:text> </xsl:text><span class="size">(<xsl:value-of select="fp:size(xs:integer(@bytes))"/>)</span></xsl:if>
          </li>
        </xsl:for-each>
      </ul>
    </article>
  </xsl:template>

  <xsl:function name="fp:format-label" as="xs:string">
    <xsl:param name="kind" as="xs:string"/>
    <xsl:sequence select="(map {
        'html': 'Reading edition (HTML)', 'text': 'Plain text', 'pdf': 'PDF (print edition)',
        'epub': 'EPUB (e-book)', 'tei': 'TEI master (XML)' }($kind), upper-case($kind))[1]"/>
  </xsl:function>

  <xsl:function name="fp:format-noun" as="xs:string">
    <xsl:param name="kind" as="xs:string"/>
    <xsl:sequence select="(map { 'html': 'reading editions', 'text': 'plain text', 'pdf': 'PDF',
                                 'epub': 'EPUB' }($kind), $kind)[1]"/>
  </xsl:function>

  <!-- "215 KB", "1.2 MB": decimal units, as file managers show them. -->
  <xsl:function name="fp:size" as="xs:string">
    <xsl:param name="bytes" as="xs:integer"/>
    <xsl:sequence select="
        if ($bytes lt 1000) then $bytes || ' bytes'
        else if ($bytes lt 1000000) then round($bytes div 1000) || ' KB'
        else format-number($bytes div 1000000, '0.0') || ' MB'"/>
  </xsl:function>

  <!-- ============================================================== registers -->

  <!-- Corpus registers: every entry of every record, once per id, with its mentions in
       each document (in the order of the records: by document id). -->
  <xsl:template name="fp:registers">
    <xsl:param name="records" as="element(s:document)*"/>
    <section id="registers" aria-labelledby="registers-title">
      <h2 id="registers-title">Registers</h2>
      <p>Persons, organisations, places and works named in the documents, with links to
        every mention in each reading edition.</p>
      <xsl:for-each select="$fp:kinds">
        <xsl:variable name="kind" select="."/>
        <xsl:variable name="of-kind" select="$records ! s:entry[@kind = $kind?kind]"/>
        <xsl:if test="$of-kind">
          <section id="{$kind?id}" class="register" aria-labelledby="{$kind?id}-title">
            <h3 id="{$kind?id}-title"><xsl:value-of select="$kind?title"/></h3>
            <ul>
              <xsl:for-each-group select="$of-kind" group-by="string(@id)">
                <xsl:sort select="string(current-group()[1]/@sort)" lang="en"/>
                <xsl:call-template name="fp:entry">
                  <xsl:with-param name="entries" select="current-group()"/>
                </xsl:call-template>
              </xsl:for-each-group>
            </ul>
          </section>
        </xsl:if>
      </xsl:for-each>
    </section>
  </xsl:template>

  <!-- One entry: its name (from the first document that has it), life dates or kind, and
       per document the mentions, each linking to its id in that reading edition. -->
  <xsl:template name="fp:entry">
    <xsl:param name="entries" as="element(s:entry)+"/>
    <xsl:variable name="entry" select="$entries[1]"/>
    <li id="{$entry/@id}" class="entry {$entry/@kind}">
      <span class="entry-name"><xsl:value-of select="$entry/@label"/></span>
      <xsl:for-each select="$entry/@dates"> (<xsl:value-of select="."/>)</xsl:for-each>
      <xsl:for-each select="$entry/@type"> (<xsl:value-of select="."/>)</xsl:for-each>
      <xsl:for-each select="$entries">
        <xsl:variable name="record" select="parent::s:document"/>
        <xsl:variable name="html" select="fp:output($record, 'html')"/>
        <div class="mentions">
          <xsl:choose>
            <xsl:when test="$html">
              <a class="doc-ref" href="{$html}#{@id}"><xsl:value-of select="$record/s:title"/></a>
            </xsl:when>
            <xsl:otherwise>
              <span class="doc-ref"><xsl:value-of select="$record/s:title"/></span>
            </xsl:otherwise>
          </xsl:choose>
          <xsl:text>: </xsl:text>
          <xsl:choose>
            <xsl:when test="empty(s:mention)"><span class="none">listed, no mention in the text</span></xsl:when>
            <xsl:otherwise>
              <xsl:for-each-group select="s:mention" group-adjacent="string(@label)">
                <xsl:if test="position() gt 1">, </xsl:if>
                <xsl:for-each select="current-group()">
                  <xsl:variable name="label" select="current-grouping-key() || (if (position() gt 1) then '&#xA0;#' || position() else '')"/>
                  <xsl:choose>
                    <xsl:when test="$html"><a href="{$html}#{@id}"><xsl:value-of select="$label"/></a></xsl:when>
                    <xsl:otherwise><xsl:value-of select="$label"/></xsl:otherwise>
                  </xsl:choose>
                  <xsl:if test="position() lt last()">, </xsl:if>
                </xsl:for-each>
              </xsl:for-each-group>
            </xsl:otherwise>
          </xsl:choose>
        </div>
      </xsl:for-each>
    </li>
  </xsl:template>

</xsl:stylesheet>
