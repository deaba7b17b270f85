<?xml version="1.0" encoding="UTF-8"?>
<!--
  site.xsl: the corpus site's home page (dist/index.html).

  Input: a corpus wrapper made by pipeline/site.py, one <s:document> per TEI master of the
  edition, each holding the outputs that exist for it; the masters themselves come as the
  parameter $documents, in the same order, each a document node of its own (the documents
  share ids, which one XML tree cannot hold twice):

    <s:site xmlns:s="urn:x-edition:site">
      <s:document id="tactics-and-tasks" master="tei/tactics-and-tasks.xml">
        <s:output kind="html" href="tactics-and-tasks/index.html" bytes="215512"/>
        <s:output kind="epub" href="tactics-and-tasks/tactics-and-tasks.epub" bytes="60112"/>
      </s:document>
    </s:site>

  Output: one HTML5 page with its CSS and script inlined:
    - the documents: title, author, dates, summary (teiHeader abstract), links to each output;
    - full-text search (site.js on Pagefind's index in pagefind/, built by site.py): each hit
      links to its passage, documents/<doc>/index.html#sec-2-A-p3;
    - corpus registers: persons, organisations, places and works of every document, each
      with links to its mentions in each document's reading edition (the ids html.xsl gives
      them, f:mention-id).

  Each master is a document node of its own, so
  the keys and ids of common.xsl (f:mention-id, f:mentions-of, f:resolve) work per
  document, exactly as when html.xsl renders it alone: the same ids, the same labels.

  Imports html.xsl for its inline rendering (m:inline) and common.xsl's functions.

  Parameters: those of common.xsl and html.xsl (assets-base: where site.css and site.js are
  read from), and one of its own:
    site-title   xs:string   the heading of the site; empty: the publisher the documents
                             share, else "The edition"
    documents    document-node()*  the TEI masters, in the order of the wrapper's records
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:fn="http://www.w3.org/2005/xpath-functions"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:f="urn:x-edition:function"
    xmlns:fp="urn:x-edition:function:private"
    xmlns:m="urn:x-edition:mode"
    xmlns:mp="urn:x-edition:mode:private"
    xmlns:t="urn:x-edition:template"
    xmlns:s="urn:x-edition:site"
    exclude-result-prefixes="#all">

  <xsl:import href="html.xsl"/>

  <!-- The site's heading. Empty: the publisher every document names, else "The edition". -->
  <xsl:param name="site-title" as="xs:string" select="''"/>
  <!-- The masters, one document node each, in the order of the s:document records. -->
  <xsl:param name="documents" as="document-node()*" select="()"/>

  <xsl:output method="html" html-version="5" encoding="UTF-8" indent="yes"
      include-content-type="no"
      suppress-indentation="p h1 h2 h3 h4 li dt dd a span script style"/>

  <!-- The register kinds, in the order the site lists them. -->
  <xsl:variable name="fp:kinds" as="map(xs:string, xs:string)*" select="
      map { 'kind': 'person', 'id': 'persons', 'title': 'Persons' },
      map { 'kind': 'org', 'id': 'organisations', 'title': 'Organisations' },
      map { 'kind': 'place', 'id': 'places', 'title': 'Places' },
      map { 'kind': 'work', 'id': 'works', 'title': 'Works' }"/>

  <!-- The output kinds site.py reports, in the order they are listed. -->
  <xsl:variable name="fp:format-order" as="xs:string*" select="('html', 'text', 'pdf', 'epub')"/>

  <!-- ============================================================== page -->

  <xsl:template match="document-node()[not(s:site)]" priority="2">
    <xsl:message terminate="yes" select="'NOT-SITE: site.xsl renders the corpus wrapper of pipeline/site.py, not '
                                         || f:element-name(*[1])"/>
  </xsl:template>

  <xsl:template match="document-node()[s:site]" priority="2">
    <!-- every master in a tree of its own, in the wrapper's order -->
    <xsl:variable name="docs" as="document-node()*" select="$documents"/>
    <xsl:if test="count($docs) ne count(s:site/s:document)">
      <xsl:message terminate="yes" select="'SITE: ' || count(s:site/s:document) || ' records but '
                                           || count($docs) || ' documents'"/>
    </xsl:if>
    <xsl:variable name="records" select="s:site/s:document"/>
    <xsl:variable name="publishers" select="distinct-values($docs/tei:TEI/tei:teiHeader/tei:fileDesc/tei:publicationStmt/tei:publisher ! f:plain(.))"/>
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
          <xsl:value-of select="unparsed-text(resolve-uri('site.css', $assets-base), 'UTF-8')"/>
        </style>
      </head>
      <body>
        <a class="skip-link" href="#main">Skip to the content</a>
        <header class="site-header">
          <h1><xsl:value-of select="$title"/></h1>
          <p class="tagline">
            <xsl:variable name="kinds" select="$fp:format-order[. = $records/s:output/@kind]"/>
            <xsl:value-of select="count($docs) || (if (count($docs) eq 1) then ' document' else ' documents')
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
            <xsl:for-each select="$docs">
              <xsl:sort select="fp:sort-date(.)"/>
              <xsl:sort select="f:main-title(.)" lang="en"/>
              <xsl:variable name="i" select="fp:index($docs, .)"/>
              <xsl:apply-templates select="tei:TEI" mode="mp:site-document">
                <xsl:with-param name="record" select="$records[$i]"/>
              </xsl:apply-templates>
            </xsl:for-each>
          </section>
          <xsl:call-template name="fp:registers">
            <xsl:with-param name="docs" select="$docs"/>
            <xsl:with-param name="records" select="$records"/>
          </xsl:call-template>
        </main>
        <footer class="site-footer">
          <p>Generated from the TEI masters by XSLT 3.0. The rights in each text are stated on
            its title page. Search runs in the browser on a static index (Pagefind); it needs
            the site to be served over HTTP, not opened as a file.</p>
        </footer>
        <script type="application/json" id="search-data">
          <xsl:value-of select="xml-to-json(fp:search-data($docs, $records))"/>
        </script>
        <script>
          <xsl:value-of select="unparsed-text(resolve-uri('site.js', $assets-base), 'UTF-8')"/>
        </script>
      </body>
    </html>
  </xsl:template>

  <!-- Documents are listed by the date of the text (teiHeader creation), then by title. -->
  <xsl:function name="fp:sort-date" as="xs:string">
    <xsl:param name="doc" as="document-node()"/>
    <xsl:variable name="date" select="$doc/tei:TEI/tei:teiHeader/tei:profileDesc/tei:creation/tei:date[1]"/>
    <xsl:sequence select="string(($date/@when, $date/@notBefore, $date/@from, '9999')[1])"/>
  </xsl:function>

  <!-- The position of a document among all (node identity, so nothing is generated). -->
  <xsl:function name="fp:index" as="xs:integer">
    <xsl:param name="docs" as="document-node()*"/>
    <xsl:param name="doc" as="document-node()"/>
    <xsl:sequence select="(for $k in 1 to count($docs) return $k[$docs[$k] is $doc])[1]"/>
  </xsl:function>

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
       reading edition, its title and every citable passage (id, label, section), in
       document order. The labels are common.xsl's (f:location-label), as in the registers. -->
  <xsl:function name="fp:search-data" as="element(fn:map)">
    <xsl:param name="docs" as="document-node()*"/>
    <xsl:param name="records" as="element(s:document)*"/>
    <fn:map>
      <xsl:for-each select="$docs">
        <xsl:variable name="i" select="position()"/>
        <xsl:variable name="html" select="fp:output($records[$i], 'html')"/>
        <xsl:if test="$html">
          <fn:map key="{$html}">
            <fn:string key="title"><xsl:value-of select="f:main-title(.)"/></fn:string>
            <fn:array key="passages">
              <xsl:for-each select="tei:TEI/tei:text//*[@xml:id][self::tei:p or self::tei:div or self::tei:note[parent::tei:div[@type = 'notes']]]
                                    [not(ancestor::tei:note or ancestor::tei:titlePage or ancestor::tei:rdg)]">
                <fn:array>
                  <fn:string><xsl:value-of select="@xml:id"/></fn:string>
                  <fn:string><xsl:value-of select="fp:passage-label(.)"/></fn:string>
                  <fn:string><xsl:value-of select="fp:passage-section(.)"/></fn:string>
                </fn:array>
              </xsl:for-each>
            </fn:array>
          </fn:map>
        </xsl:if>
      </xsl:for-each>
    </fn:map>
  </xsl:function>

  <xsl:function name="fp:passage-label" as="xs:string">
    <xsl:param name="e" as="element()"/>
    <xsl:sequence select="
        if ($e/self::tei:div[tei:head]) then f:location-label($e/tei:head[1])
        else if ($e/self::tei:div[@type = 'notes']) then 'Notes'
        else if ($e/self::tei:div) then (($e//tei:p)[1] ! replace(f:location-label(.), '&#xA0;¶\d+$', ''), string($e/@xml:id))[1]
        else f:location-label($e)"/>
  </xsl:function>

  <!-- The top-level division a passage belongs to, as a heading ("IV. The struggle for the
       masses"), "Introduction", or "Notes". -->
  <xsl:function name="fp:passage-section" as="xs:string">
    <xsl:param name="e" as="element()"/>
    <xsl:variable name="top" select="$e/ancestor-or-self::tei:div[parent::tei:body or parent::tei:front or parent::tei:back][1]"/>
    <xsl:sequence select="
        if ($top[@type = 'notes'][not(tei:head)]) then 'Notes'
        else if ($top/tei:head) then string-join((f:div-label($top), f:plain($top/tei:head[1])), ' ')
        else if ($top/@type = 'introduction') then 'Introduction'
        else ''"/>
  </xsl:function>

  <!-- ============================================================== documents -->

  <xsl:mode name="mp:site-document" on-no-match="fail"/>
  <xsl:template match="tei:TEI" mode="mp:site-document">
    <xsl:param name="record" as="element(s:document)"/>
    <xsl:variable name="h" select="tei:teiHeader"/>
    <xsl:variable name="html" select="fp:output($record, 'html')"/>
    <article class="document" id="doc-{$record/@id}" aria-labelledby="doc-{$record/@id}-title">
      <h3 id="doc-{$record/@id}-title">
        <xsl:choose>
          <xsl:when test="$html"><a href="{$html}"><xsl:value-of select="f:main-title(.)"/></a></xsl:when>
          <xsl:otherwise><xsl:value-of select="f:main-title(.)"/></xsl:otherwise>
        </xsl:choose>
      </h3>
      <xsl:for-each select="$h/tei:fileDesc/tei:titleStmt/tei:author">
        <p class="author"><xsl:value-of select="f:plain(.)"/></p>
      </xsl:for-each>
      <dl class="doc-facts">
        <xsl:call-template name="fp:fact">
          <xsl:with-param name="term" select="'Written'"/>
          <xsl:with-param name="parts" select="$h/tei:profileDesc/tei:creation/(f:date-text(tei:date[1]), tei:placeName ! f:plain(.))"/>
        </xsl:call-template>
        <xsl:call-template name="fp:fact">
          <xsl:with-param name="term" select="'Published'"/>
          <xsl:with-param name="parts" select="$h/tei:fileDesc/tei:sourceDesc/tei:bibl[@type = 'web'][1]/(tei:publisher ! f:plain(.), f:date-text(tei:date[1]))"/>
        </xsl:call-template>
        <xsl:call-template name="fp:fact">
          <xsl:with-param name="term" select="'This edition'"/>
          <xsl:with-param name="parts" select="$h/tei:fileDesc/tei:publicationStmt/(f:date-text(tei:date[1]),
              ../tei:editionStmt/tei:edition[@n][1] ! ('version ' || @n))"/>
        </xsl:call-template>
      </dl>
      <xsl:for-each select="$h/tei:profileDesc/tei:abstract[normalize-space()]">
        <div class="summary">
          <xsl:for-each select="tei:p">
            <p><xsl:apply-templates mode="m:inline"><xsl:with-param name="no-ids" select="true()" tunnel="yes"/></xsl:apply-templates></p>
          </xsl:for-each>
          <xsl:if test="not(tei:p)"><p><xsl:value-of select="f:plain(.)"/></p></xsl:if>
        </div>
      </xsl:for-each>
      <ul class="formats" aria-label="Formats of {f:main-title(.)}">
        <xsl:for-each select="$record/s:output">
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

  <!-- One fact of a document (a dt and its dd), only when there is something to say. -->
  <xsl:template name="fp:fact">
    <xsl:param name="term" as="xs:string"/>
    <xsl:param name="parts" as="xs:string*"/>
    <xsl:if test="exists($parts[normalize-space()])">
      <dt><xsl:value-of select="$term"/></dt>
      <dd><xsl:value-of select="string-join($parts[normalize-space()], ', ')"/></dd>
    </xsl:if>
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

  <!-- Corpus registers: every entry of every document's standOff, once per id (the
       registries give an entry the same id in every document that uses it), with its
       mentions in each document. -->
  <xsl:template name="fp:registers">
    <xsl:param name="docs" as="document-node()*"/>
    <xsl:param name="records" as="element(s:document)*"/>
    <xsl:variable name="entries" select="$docs/tei:TEI/tei:standOff/(tei:listPerson/(tei:person | tei:personGrp)
        | tei:listOrg/tei:org | tei:listPlace/tei:place | tei:listBibl/(tei:bibl | tei:biblStruct))[@xml:id]"/>
    <section id="registers" aria-labelledby="registers-title">
      <h2 id="registers-title">Registers</h2>
      <p>Persons, organisations, places and works named in the documents, with links to
        every mention in each reading edition.</p>
      <xsl:for-each select="$fp:kinds">
        <xsl:variable name="kind" select="."/>
        <xsl:variable name="of-kind" select="$entries[f:entity-kind(.) = $kind?kind]"/>
        <xsl:if test="$of-kind">
          <section id="{$kind?id}" class="register" aria-labelledby="{$kind?id}-title">
            <h3 id="{$kind?id}-title"><xsl:value-of select="$kind?title"/></h3>
            <ul>
              <xsl:for-each-group select="$of-kind" group-by="string(@xml:id)">
                <xsl:sort select="fp:sort-key(current-group()[1])" lang="en"/>
                <xsl:call-template name="fp:entry">
                  <xsl:with-param name="entries" select="current-group()"/>
                  <xsl:with-param name="docs" select="$docs"/>
                  <xsl:with-param name="records" select="$records"/>
                </xsl:call-template>
              </xsl:for-each-group>
            </ul>
          </section>
        </xsl:if>
      </xsl:for-each>
    </section>
  </xsl:template>

  <!-- Persons by surname where the name has one; everything without a leading article. -->
  <xsl:function name="fp:sort-key" as="xs:string">
    <xsl:param name="entry" as="element()"/>
    <xsl:variable name="surname" select="(f:entry-name($entry)//tei:surname)[1]"/>
    <xsl:sequence select="lower-case(replace(
        if ($surname) then f:plain($surname) || ' ' || f:entity-label($entry) else f:entity-label($entry),
        '^(the|a|an)\s+', '', 'i'))"/>
  </xsl:function>

  <!-- One entry: its name (from the first document that has it), life dates or kind, and
       per document the mentions, each linking to its id in that reading edition. -->
  <xsl:template name="fp:entry">
    <xsl:param name="entries" as="element()+"/>
    <xsl:param name="docs" as="document-node()*"/>
    <xsl:param name="records" as="element(s:document)*"/>
    <xsl:variable name="entry" select="$entries[1]"/>
    <li id="{$entry/@xml:id}" class="entry {f:entity-kind($entry)}">
      <span class="entry-name"><xsl:value-of select="f:entity-label($entry)"/></span>
      <xsl:for-each select="f:life-dates($entry)"> (<xsl:value-of select="."/>)</xsl:for-each>
      <xsl:for-each select="$entry[self::tei:place]/@type"> (<xsl:value-of select="."/>)</xsl:for-each>
      <xsl:for-each select="$entries">
        <xsl:variable name="doc" select="root(.)"/>
        <xsl:variable name="i" select="fp:index($docs, $doc)"/>
        <xsl:variable name="html" select="fp:output($records[$i], 'html')"/>
        <xsl:variable name="mentions" select="f:mentions-of(.)"/>
        <div class="mentions">
          <xsl:choose>
            <xsl:when test="$html">
              <a class="doc-ref" href="{$html}#{@xml:id}"><xsl:value-of select="f:main-title($doc)"/></a>
            </xsl:when>
            <xsl:otherwise>
              <span class="doc-ref"><xsl:value-of select="f:main-title($doc)"/></span>
            </xsl:otherwise>
          </xsl:choose>
          <xsl:text>: </xsl:text>
          <xsl:choose>
            <xsl:when test="empty($mentions)"><span class="none">listed, no mention in the text</span></xsl:when>
            <xsl:otherwise>
              <xsl:for-each-group select="$mentions" group-adjacent="f:location-label(.)">
                <xsl:if test="position() gt 1">, </xsl:if>
                <xsl:for-each select="current-group()">
                  <xsl:variable name="label" select="current-grouping-key() || (if (position() gt 1) then '&#xA0;#' || position() else '')"/>
                  <xsl:choose>
                    <xsl:when test="$html"><a href="{$html}#{f:mention-id(.)}"><xsl:value-of select="$label"/></a></xsl:when>
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
