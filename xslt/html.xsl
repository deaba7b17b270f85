<?xml version="1.0" encoding="UTF-8"?>
<!--
  html.xsl: the HTML reading edition (index.html), one self-contained HTML5 file with its
  CSS and JavaScript inlined; no network access.

  Imports common.xsl for every shared meaning (note numbers, ids, labels, safe links,
  brackets) and renders the shared modes m:block, m:inline, m:register and m:apparatus.

  Hooks for print.xsl (which imports this stylesheet and overrides only what differs):
    t:head-assets      the <style>/<script> of the page
    t:title-page       the <header> built from the teiHeader
    t:toc              the <nav> table of contents
    t:reading-controls the bracket switch
    t:note-anchor      what a note anchor becomes in the text (link + popover here;
                       print.xsl: an inline footnote)
    t:notes-section    the endnotes section
    t:note-item        one endnote
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
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:f="urn:x-edition:function"
    xmlns:fp="urn:x-edition:function:private"
    xmlns:m="urn:x-edition:mode"
    xmlns:mp="urn:x-edition:mode:private"
    xmlns:t="urn:x-edition:template"
    exclude-result-prefixes="#all">

  <xsl:import href="common.xsl"/>
  <xsl:import href="html-other-tei.xsl"/>

  <!-- Directory (URI) holding base.css, edition.css and edition.js, which are inlined into the page.
       Default: assets/ beside this stylesheet. print.xsl may point elsewhere. -->
  <xsl:param name="assets-base" as="xs:string" select="resolve-uri('assets/', static-base-uri())"/>

  <!-- Indented for readable diffs of the expected outputs, but never inside elements
       holding running text, where added line breaks would change the text. -->
  <xsl:output method="html" html-version="5" encoding="UTF-8" indent="yes"
      include-content-type="no"
      suppress-indentation="p h1 h2 h3 h4 h5 h6 li dt dd summary a span cite q b i sup code label title script style"/>

  <!-- ============================================================== page -->

  <xsl:template match="document-node()[not(tei:TEI)]">
    <xsl:message terminate="yes" select="'NOT-TEI: the root element is ' || f:element-name(*[1])
                                         || ', not tei:TEI'"/>
  </xsl:template>

  <xsl:template match="/tei:TEI">
    <html lang="{(@xml:lang, 'en')[1]}">
      <head>
        <meta charset="utf-8"/>
        <meta name="viewport" content="width=device-width, initial-scale=1"/>
        <title><xsl:value-of select="f:main-title(.)"/></title>
        <meta name="generator" content="edition-pipeline (XSLT 3.0)"/>
        <xsl:call-template name="t:head-meta"/>
        <xsl:call-template name="t:head-assets"/>
      </head>
      <body class="{if ($editorial-brackets) then 'brackets-on' else 'brackets-off'}">
        <a class="skip-link" href="#main">Skip to the text</a>
        <xsl:call-template name="t:title-page"/>
        <xsl:call-template name="t:toc"/>
        <main id="main">
          <xsl:call-template name="t:reading-controls"/>
          <xsl:apply-templates select="tei:text/(tei:front, tei:body, tei:back)/*" mode="m:block"/>
          <xsl:call-template name="t:registers"/>
        </main>
        <xsl:call-template name="t:cite-dialog"/>
        <xsl:call-template name="t:page-footer"/>
      </body>
    </html>
  </xsl:template>

  <!-- Citation metadata read from the teiHeader, for reference managers and library
       harvesters: Highwire Press tags (citation_*) and Dublin Core (DC.*). -->
  <xsl:template name="t:head-meta">
    <xsl:variable name="h" select="/tei:TEI/tei:teiHeader"/>
    <xsl:variable name="fd" select="$h/tei:fileDesc"/>
    <xsl:variable name="web" select="$fd/tei:sourceDesc/tei:bibl[@type = 'web'][1]"/>
    <xsl:variable name="published" select="($web/tei:date/@when, $fd/tei:publicationStmt/tei:date/@when)[1]"/>
    <meta name="citation_title" content="{f:main-title(.)}"/>
    <xsl:for-each select="$fd/tei:titleStmt/tei:author">
      <meta name="citation_author" content="{f:plain(.)}"/>
    </xsl:for-each>
    <xsl:for-each select="$published">
      <meta name="citation_publication_date" content="{translate(., '-', '/')}"/>
    </xsl:for-each>
    <xsl:for-each select="($web/tei:publisher, $fd/tei:publicationStmt/tei:publisher)[1]">
      <meta name="citation_publisher" content="{f:plain(.)}"/>
    </xsl:for-each>
    <meta name="citation_language" content="{(/tei:TEI/@xml:lang, 'en')[1]}"/>
    <xsl:if test="normalize-space($edition-url)">
      <meta name="citation_public_url" content="{$edition-url}"/>
    </xsl:if>
    <link rel="schema.DC" href="http://purl.org/dc/elements/1.1/"/>
    <meta name="DC.title" content="{f:main-title(.)}"/>
    <xsl:for-each select="$fd/tei:titleStmt/tei:author">
      <meta name="DC.creator" content="{f:plain(.)}"/>
    </xsl:for-each>
    <xsl:for-each select="$h/tei:profileDesc/tei:creation/tei:date/@when[1]">
      <meta name="DC.date" content="{.}"/>
    </xsl:for-each>
    <xsl:for-each select="$fd/tei:publicationStmt/tei:publisher[1]">
      <meta name="DC.publisher" content="{f:plain(.)}"/>
    </xsl:for-each>
    <meta name="DC.language" content="{(/tei:TEI/@xml:lang, 'en')[1]}"/>
    <meta name="DC.type" content="Text"/>
    <meta name="DC.format" content="text/html"/>
    <xsl:for-each select="$fd/tei:publicationStmt/tei:idno[1]">
      <meta name="DC.identifier" content="{f:plain(.)}"/>
    </xsl:for-each>
    <xsl:for-each select="$web">
      <meta name="DC.source" content="{f:plain(.)}"/>
    </xsl:for-each>
    <xsl:for-each select="$fd/tei:publicationStmt/tei:availability[1]">
      <meta name="DC.rights" content="{f:plain(.)}"/>
    </xsl:for-each>
    <xsl:for-each select="$h/tei:profileDesc/tei:abstract[normalize-space()][1]">
      <meta name="DC.description" content="{f:plain(.)}"/>
    </xsl:for-each>
  </xsl:template>

  <xsl:template name="t:head-assets">
    <style>
      <xsl:value-of select="('base.css', 'edition.css') ! unparsed-text(resolve-uri(., $assets-base), 'UTF-8')"
                    separator="&#10;"/>
    </style>
    <script>
      <xsl:value-of select="unparsed-text(resolve-uri('edition.js', $assets-base), 'UTF-8')"/>
    </script>
  </xsl:template>

  <!-- The element's own xml:id as the HTML id, except in copies (popovers, variant
       readings) where an id would be duplicated. -->
  <xsl:template match="@xml:id" mode="mp:id">
    <xsl:param name="no-ids" as="xs:boolean" tunnel="yes" select="false()"/>
    <xsl:if test="not($no-ids)">
      <xsl:attribute name="id" select="."/>
    </xsl:if>
  </xsl:template>

  <!-- ============================================================== title page -->

  <xsl:template name="t:title-page">
    <xsl:variable name="h" select="/tei:TEI/tei:teiHeader"/>
    <xsl:variable name="fd" select="$h/tei:fileDesc"/>
    <header class="title-page">
      <h1><xsl:value-of select="f:main-title(.)"/></h1>
      <xsl:for-each select="$fd/tei:titleStmt/tei:title[@type = 'sub']">
        <p class="subtitle"><xsl:apply-templates mode="m:inline"/></p>
      </xsl:for-each>
      <xsl:for-each select="$fd/tei:titleStmt/tei:author">
        <p class="author"><xsl:apply-templates mode="m:inline"/></p>
      </xsl:for-each>
      <dl class="facts">
        <xsl:apply-templates select="$h/tei:profileDesc/tei:abstract" mode="mp:facts"/>
        <xsl:apply-templates select="$h/tei:profileDesc/tei:creation" mode="mp:facts"/>
        <xsl:apply-templates select="$fd/tei:sourceDesc/tei:bibl" mode="mp:facts"/>
        <xsl:apply-templates select="$fd/tei:titleStmt/tei:respStmt" mode="mp:facts"/>
        <xsl:apply-templates select="$fd/tei:publicationStmt" mode="mp:facts"/>
        <xsl:apply-templates select="$fd/tei:publicationStmt/tei:availability" mode="mp:facts"/>
        <xsl:apply-templates select="$fd/tei:sourceDesc/tei:listWit" mode="mp:facts"/>
      </dl>
      <section class="how-to-cite">
        <h2>How to cite</h2>
        <p class="citation"><xsl:value-of select="f:citation(.)"/></p>
        <xsl:for-each select="(/tei:TEI/tei:text/tei:body//tei:p[@xml:id])[1]">
          <p class="cite-passage">To cite a passage, link to its identifier: every section and
            paragraph has one, for example <a href="#{@xml:id}"><code>#<xsl:value-of select="@xml:id"/></code></a>.</p>
        </xsl:for-each>
      </section>
      <xsl:apply-templates select="$h/tei:encodingDesc[tei:projectDesc | tei:editorialDecl]" mode="mp:facts"/>
    </header>
  </xsl:template>

  <xsl:mode name="mp:facts" on-no-match="shallow-skip"/>

  <xsl:template match="tei:abstract" mode="mp:facts">
    <dt>Summary</dt>
    <dd><xsl:apply-templates select="*" mode="mp:rights"/></dd>
  </xsl:template>

  <xsl:template match="tei:creation" mode="mp:facts">
    <dt>Written</dt>
    <dd>
      <xsl:value-of select="string-join((f:date-text(tei:date[1]), tei:placeName ! f:plain(.)), ', ')"/>
    </dd>
  </xsl:template>

  <xsl:template match="tei:sourceDesc/tei:bibl[@type = 'original']" mode="mp:facts" priority="2">
    <dt>Original</dt>
    <dd><xsl:apply-templates select="@xml:id" mode="mp:id"/><xsl:apply-templates select="." mode="mp:bibl"/></dd>
  </xsl:template>

  <xsl:template match="tei:sourceDesc/tei:bibl[@type = 'web']" mode="mp:facts" priority="2">
    <dt>Web publication</dt>
    <dd><xsl:apply-templates select="@xml:id" mode="mp:id"/><xsl:apply-templates select="." mode="mp:bibl"/></dd>
  </xsl:template>

  <xsl:template match="tei:sourceDesc/tei:bibl" mode="mp:facts">
    <dt>Source</dt>
    <dd><xsl:apply-templates select="@xml:id" mode="mp:id"/><xsl:apply-templates select="." mode="mp:bibl"/></dd>
  </xsl:template>

  <xsl:template match="tei:respStmt" mode="mp:facts">
    <dt><xsl:value-of select="f:plain(tei:resp)"/></dt>
    <dd><xsl:value-of select="string-join((tei:name | tei:orgName | tei:persName) ! f:plain(.), ', ')"/></dd>
  </xsl:template>

  <xsl:template match="tei:publicationStmt" mode="mp:facts">
    <dt>This edition</dt>
    <dd>
      <xsl:value-of select="string-join((
          tei:publisher ! f:plain(.),
          f:date-text(tei:date[1]),
          ../tei:editionStmt/tei:edition[@n][1] ! ('version ' || @n),
          tei:idno ! ('identifier ' || normalize-space(.))), ', ')"/>
    </dd>
  </xsl:template>

  <xsl:template match="tei:availability" mode="mp:facts">
    <dt>Rights</dt>
    <dd class="rights"><xsl:apply-templates select="*" mode="mp:rights"/></dd>
  </xsl:template>

  <xsl:mode name="mp:rights" on-no-match="shallow-skip"/>
  <xsl:template match="tei:p" mode="mp:rights">
    <p><xsl:apply-templates mode="m:inline"/></p>
  </xsl:template>
  <xsl:template match="tei:licence" mode="mp:rights">
    <p class="licence">
      <xsl:apply-templates select="." mode="mp:link"/>
    </p>
  </xsl:template>

  <xsl:template match="tei:listWit" mode="mp:facts">
    <dt>Witnesses of the notes</dt>
    <dd>
      <ul class="witnesses">
        <xsl:for-each select="tei:witness">
          <li><xsl:apply-templates select="@xml:id" mode="mp:id"/><span class="siglum"><xsl:value-of select="f:witness-siglum(.)"/></span>: <xsl:apply-templates mode="m:inline"/></li>
        </xsl:for-each>
      </ul>
    </dd>
  </xsl:template>

  <xsl:template match="tei:encodingDesc" mode="mp:facts">
    <details class="about">
      <summary>About this edition</summary>
      <xsl:for-each select="tei:projectDesc/tei:p, tei:editorialDecl//tei:p">
        <p>
          <xsl:if test="not(parent::tei:projectDesc or parent::tei:editorialDecl)">
            <strong><xsl:value-of select="f:declaration-label(..)"/>. </strong>
          </xsl:if>
          <xsl:apply-templates mode="m:inline"/>
        </p>
      </xsl:for-each>
    </details>
  </xsl:template>

  <xsl:function name="fp:capitalise" as="xs:string">
    <xsl:param name="s" as="xs:string"/>
    <xsl:sequence select="upper-case(substring($s, 1, 1)) || substring($s, 2)"/>
  </xsl:function>

  <!-- A bibliographic description. Element-only: its parts joined with commas;
       mixed content: as written. -->
  <xsl:mode name="mp:bibl" on-no-match="shallow-skip"/>
  <xsl:template match="tei:bibl | tei:biblStruct" mode="mp:bibl">
    <xsl:for-each select="*">
      <xsl:if test="position() gt 1">, </xsl:if>
      <xsl:apply-templates select="." mode="m:inline"/>
    </xsl:for-each>
  </xsl:template>
  <xsl:template match="tei:bibl[text()[normalize-space()]]" mode="mp:bibl">
    <xsl:apply-templates mode="m:inline"/>
  </xsl:template>

  <!-- ============================================================== contents -->

  <xsl:template name="t:toc">
    <xsl:variable name="divs" select="/tei:TEI/tei:text/(tei:front, tei:body, tei:back)/tei:div[tei:head]"/>
    <nav class="toc" aria-label="Contents">
      <h2>Contents</h2>
      <ol>
        <xsl:apply-templates select="$divs" mode="mp:toc"/>
        <xsl:for-each select="/tei:TEI/tei:text/tei:back/tei:div[@type = 'notes'][not(tei:head)]">
          <li><a href="#{f:id(.)}">Notes</a></li>
        </xsl:for-each>
        <xsl:if test="/tei:TEI/tei:standOff/*[*]">
          <li><a href="#registers">Registers</a></li>
        </xsl:if>
      </ol>
    </nav>
  </xsl:template>

  <xsl:mode name="mp:toc" on-no-match="shallow-skip"/>
  <xsl:template match="tei:div" mode="mp:toc">
    <li>
      <a href="#{f:id(.)}">
        <xsl:for-each select="f:div-label(.)"><span class="label"><xsl:value-of select="."/></span><xsl:text> </xsl:text></xsl:for-each>
        <xsl:apply-templates select="tei:head[1]/node()" mode="mp:toc-text"/>
      </a>
      <xsl:if test="tei:div[tei:head]">
        <ol><xsl:apply-templates select="tei:div[tei:head]" mode="mp:toc"/></ol>
      </xsl:if>
    </li>
  </xsl:template>

  <!-- A heading's text in the contents: no links, ids or note anchors; editorial brackets
       as in the text, so that the bracket switch applies here too. -->
  <xsl:mode name="mp:toc-text" on-no-match="text-only-copy"/>
  <xsl:template match="tei:rdg | tei:note | tei:ref[@type = 'noteAnchor']" mode="mp:toc-text"/>
  <xsl:template match="tei:lb" mode="mp:toc-text">
    <xsl:text> </xsl:text>
  </xsl:template>
  <xsl:template match="tei:ex | tei:supplied" mode="mp:toc-text">
    <xsl:variable name="b" select="f:brackets(.)"/>
    <span class="editorial {local-name()}">
      <span class="bracket"><xsl:value-of select="$b[1]"/></span>
      <xsl:apply-templates mode="mp:toc-text"/>
      <span class="bracket"><xsl:value-of select="$b[2]"/></span>
    </span>
  </xsl:template>

  <!-- ============================================================== reading controls -->

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

  <!-- ============================================================== blocks -->

  <!-- The title page in front is printed from the teiHeader (t:title-page). -->
  <xsl:template match="tei:titlePage" mode="m:block"/>

  <xsl:template match="tei:div" mode="m:block">
    <section id="{f:id(.)}" class="{string-join(('div', @type, @rend ! ('rend-' || .)), ' ')}">
      <xsl:apply-templates mode="m:block"/>
    </section>
  </xsl:template>

  <xsl:template match="tei:div/tei:head" mode="m:block">
    <xsl:element name="h{f:heading-level(..)}">
      <xsl:apply-templates select="@xml:id" mode="mp:id"/>
      <xsl:for-each select="f:div-label(..)">
        <span class="label"><xsl:value-of select="."/></span>
        <xsl:text> </xsl:text>
      </xsl:for-each>
      <xsl:apply-templates mode="m:inline"/>
      <xsl:for-each select="parent::tei:div[@xml:id]">
        <xsl:call-template name="t:cite-link"/>
      </xsl:for-each>
    </xsl:element>
  </xsl:template>

  <xsl:template match="tei:p" mode="m:block">
    <p>
      <xsl:apply-templates select="@xml:id" mode="mp:id"/>
      <xsl:apply-templates mode="m:inline"/>
      <xsl:call-template name="t:cite-link"/>
    </p>
    <xsl:call-template name="t:apparatus"/>
  </xsl:template>

  <xsl:template match="tei:p[normalize-space(@n)]" mode="m:block">
    <p class="thesis">
      <xsl:apply-templates select="@xml:id" mode="mp:id"/>
      <span class="thesis-num"><xsl:value-of select="f:thesis-label(.)"/></span>
      <xsl:text> </xsl:text>
      <xsl:apply-templates mode="m:inline"/>
      <xsl:call-template name="t:cite-link"/>
    </p>
    <xsl:call-template name="t:apparatus"/>
  </xsl:template>

  <!-- "Cite this passage": a permalink to the element's id (its citation without
       script); edition.js turns a click into a dialog with the citation string and URL.
       Only elements with an xml:id in the text are citable; copies (popovers) get none. -->
  <xsl:template name="t:cite-link">
    <xsl:param name="no-ids" as="xs:boolean" tunnel="yes" select="false()"/>
    <xsl:if test="@xml:id and not($no-ids) and ancestor::tei:text">
      <xsl:text> </xsl:text>
      <a class="cite-link" href="#{f:id(.)}" data-citation="{f:passage-citation(.)}"
         aria-label="Cite this passage ({f:passage-label(.)})">cite</a>
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

  <!-- Unhandled element in block position: a div that keeps the text. -->
  <xsl:template name="t:unhandled-block">
    <div class="unhandled" data-tei="{local-name()}">
      <xsl:apply-templates select="." mode="mp:unhandled-content"/>
    </div>
  </xsl:template>
  <xsl:mode name="mp:unhandled-content" on-no-match="shallow-skip"/>
  <xsl:template match="*" mode="mp:unhandled-content">
    <xsl:apply-templates mode="m:block"/>
  </xsl:template>
  <xsl:template match="*[text()[normalize-space()]]" mode="mp:unhandled-content">
    <xsl:apply-templates mode="m:inline"/>
  </xsl:template>

  <xsl:template name="t:unhandled-inline">
    <span class="unhandled" data-tei="{local-name()}">
      <xsl:apply-templates mode="m:inline"/>
    </span>
  </xsl:template>

  <!-- ============================================================== inline -->

  <xsl:template match="tei:lb" mode="m:inline">
    <br/>
  </xsl:template>

  <xsl:template match="tei:hi[@rend = 'italic']" mode="m:inline">
    <i><xsl:apply-templates mode="m:inline"/></i>
  </xsl:template>
  <xsl:template match="tei:hi[@rend = 'bold']" mode="m:inline">
    <b><xsl:apply-templates mode="m:inline"/></b>
  </xsl:template>
  <xsl:template match="tei:hi[@rend = ('sup', 'superscript')]" mode="m:inline">
    <sup><xsl:apply-templates mode="m:inline"/></sup>
  </xsl:template>
  <xsl:template match="tei:hi[@rend = ('sub', 'subscript')]" mode="m:inline">
    <sub><xsl:apply-templates mode="m:inline"/></sub>
  </xsl:template>
  <xsl:template match="tei:hi[@rend = ('smallcaps', 'small-caps')]" mode="m:inline">
    <span class="smallcaps"><xsl:apply-templates mode="m:inline"/></span>
  </xsl:template>
  <xsl:template match="tei:hi[@rend = 'code']" mode="m:inline">
    <code><xsl:apply-templates mode="m:inline"/></code>
  </xsl:template>
  <xsl:template match="tei:hi[@rend = 'underline']" mode="m:inline">
    <u><xsl:apply-templates mode="m:inline"/></u>
  </xsl:template>
  <xsl:template match="tei:hi[@rend = 'strikethrough']" mode="m:inline">
    <s><xsl:apply-templates mode="m:inline"/></s>
  </xsl:template>
  <xsl:template match="tei:hi" mode="m:inline" priority="-1">
    <xsl:message select="'UNHANDLED: tei:hi[@rend=' || @rend || '] near #' || f:id(ancestor::*[@xml:id][1])"/>
    <span class="hi"><xsl:apply-templates mode="m:inline"/></span>
  </xsl:template>

  <xsl:template match="tei:q | tei:quote" mode="m:inline">
    <q class="{local-name()}"><xsl:apply-templates mode="m:inline"/></q>
  </xsl:template>
  <xsl:template match="tei:foreign" mode="m:inline">
    <span class="foreign">
      <xsl:if test="@xml:lang"><xsl:attribute name="lang" select="@xml:lang"/></xsl:if>
      <xsl:apply-templates mode="m:inline"/>
    </span>
  </xsl:template>
  <xsl:template match="tei:date | tei:num | tei:author | tei:editor | tei:publisher | tei:pubPlace
                       | tei:biblScope | tei:name | tei:resp | tei:idno | tei:textLang | tei:edition
                       | tei:forename | tei:surname | tei:addName | tei:roleName" mode="m:inline">
    <span class="{local-name()}"><xsl:apply-templates mode="m:inline"/></span>
  </xsl:template>

  <!-- "signed by Trotsky, Zinoviev" -->
  <xsl:template match="tei:respStmt" mode="m:inline">
    <span class="respStmt">
      <xsl:apply-templates select="tei:resp" mode="m:inline"/>
      <xsl:for-each select="* except tei:resp">
        <xsl:value-of select="if (position() eq 1) then ' ' else ', '"/>
        <xsl:apply-templates select="." mode="m:inline"/>
      </xsl:for-each>
    </span>
  </xsl:template>

  <!-- editorial interventions: brackets visible or hidden by the body class -->
  <xsl:template match="tei:expan" mode="m:inline">
    <span class="expan"><xsl:apply-templates mode="m:inline"/></span>
  </xsl:template>
  <xsl:template match="tei:abbr" mode="m:inline">
    <abbr><xsl:apply-templates mode="m:inline"/></abbr>
  </xsl:template>
  <xsl:template match="tei:ex | tei:supplied" mode="m:inline">
    <xsl:variable name="b" select="f:brackets(.)"/>
    <span class="editorial {local-name()}">
      <span class="bracket"><xsl:value-of select="$b[1]"/></span>
      <xsl:apply-templates mode="m:inline"/>
      <span class="bracket"><xsl:value-of select="$b[2]"/></span>
    </span>
  </xsl:template>

  <!-- apparatus in running text: the lemma only -->
  <xsl:template match="tei:app" mode="m:inline">
    <span class="app"><xsl:apply-templates select="tei:lem" mode="m:inline"/></span>
  </xsl:template>
  <xsl:template match="tei:lem" mode="m:inline">
    <span class="lem"><xsl:apply-templates mode="m:inline"/></span>
  </xsl:template>
  <xsl:template match="tei:rdg" mode="m:inline"/>

  <!-- bibliographic citations in notes -->
  <xsl:template match="tei:bibl" mode="m:inline">
    <span class="bibl"><xsl:apply-templates select="@xml:id" mode="mp:id"/><xsl:apply-templates mode="m:inline"/></span>
  </xsl:template>
  <xsl:template match="tei:bibl[not(text()[normalize-space()])][count(*) gt 1]" mode="m:inline">
    <span class="bibl"><xsl:apply-templates select="@xml:id" mode="mp:id"/><xsl:apply-templates select="." mode="mp:bibl"/></span>
  </xsl:template>
  <xsl:template match="tei:bibl/tei:note | tei:sourceDesc//tei:note" mode="m:inline">
    <span class="bibl-note"><xsl:apply-templates mode="m:inline"/></span>
  </xsl:template>
  <xsl:template match="tei:title[not(@ref)]" mode="m:inline">
    <cite class="title"><xsl:apply-templates mode="m:inline"/></cite>
  </xsl:template>
  <xsl:template match="tei:title[not(@ref)][@level = ('a', 'u')]" mode="m:inline" priority="1">
    <span class="title level-{@level}"><xsl:apply-templates mode="m:inline"/></span>
  </xsl:template>

  <!-- links: live only for safe targets (common.xsl f:is-safe-target) -->
  <xsl:template match="tei:ref[@target]" mode="m:inline" priority="1">
    <xsl:apply-templates select="." mode="mp:link"/>
  </xsl:template>
  <xsl:template match="tei:ref" mode="m:inline">
    <span class="ref"><xsl:apply-templates mode="m:inline"/></span>
  </xsl:template>

  <!-- A link: live when its target is safe, else its text followed by the target as text. -->
  <xsl:mode name="mp:link" on-no-match="fail"/>
  <xsl:template match="*[f:is-safe-target(., normalize-space(@target))]" mode="mp:link" priority="1">
    <a href="{normalize-space(@target)}" class="ref">
      <xsl:apply-templates select="." mode="mp:link-text"/>
    </a>
  </xsl:template>
  <xsl:template match="*" mode="mp:link">
    <xsl:variable name="target" select="normalize-space(@target)"/>
    <xsl:message select="'UNSAFE-LINK: ' || $target || ' shown as text near #'
                         || f:id((ancestor::*[@xml:id][1], .)[1])"/>
    <span class="ref unsafe-link">
      <xsl:apply-templates select="." mode="mp:link-text"/>
      <xsl:if test="normalize-space(.) and normalize-space(.) ne $target">
        <xsl:text> </xsl:text>
        <span class="link-target">(<xsl:value-of select="$target"/>)</span>
      </xsl:if>
    </span>
  </xsl:template>

  <xsl:mode name="mp:link-text" on-no-match="fail"/>
  <xsl:template match="*" mode="mp:link-text">
    <xsl:apply-templates mode="m:inline"/>
  </xsl:template>
  <xsl:template match="*[not(normalize-space())]" mode="mp:link-text">
    <xsl:value-of select="normalize-space(@target)"/>
  </xsl:template>

  <!-- entity mentions: links to their register entry, each with a citable id -->
  <xsl:template match="(tei:persName | tei:orgName | tei:placeName | tei:title | tei:rs)
                       [starts-with(normalize-space(@ref), '#')][exists(f:entity(.))]" mode="m:inline" priority="2">
    <xsl:param name="no-ids" as="xs:boolean" tunnel="yes" select="false()"/>
    <xsl:variable name="entry" select="f:entity(.)"/>
    <a href="#{$entry/@xml:id}" class="entity {f:entity-kind($entry)} {local-name()}{@level ! (' level-' || .)}">
      <xsl:if test="not($no-ids) and ancestor::tei:text and not(ancestor::tei:rdg)">
        <xsl:attribute name="id" select="f:mention-id(.)"/>
      </xsl:if>
      <xsl:apply-templates mode="m:inline"/>
    </a>
  </xsl:template>
  <xsl:template match="(tei:persName | tei:orgName | tei:placeName | tei:title | tei:rs)
                       [starts-with(normalize-space(@ref), '#')]" mode="m:inline" priority="1.5">
    <xsl:message select="f:broken-message(., string(@ref))"/>
    <span class="{local-name()} broken-ref"><xsl:apply-templates mode="m:inline"/></span>
  </xsl:template>
  <xsl:template match="tei:persName | tei:orgName | tei:placeName | tei:rs" mode="m:inline">
    <span class="{local-name()}"><xsl:apply-templates mode="m:inline"/></span>
  </xsl:template>

  <!-- ============================================================== note anchors -->

  <xsl:template match="tei:ref[@type = 'noteAnchor'][exists(f:anchor-note(.))]" mode="m:inline" priority="4">
    <xsl:call-template name="t:note-anchor">
      <xsl:with-param name="note" select="f:anchor-note(.)"/>
    </xsl:call-template>
  </xsl:template>

  <xsl:template match="tei:ref[@type = 'noteAnchor']" mode="m:inline" priority="3">
    <xsl:message select="f:broken-message(., string(@target))"/>
    <sup class="note-ref broken-ref"><xsl:apply-templates mode="m:inline"/></sup>
  </xsl:template>

  <!-- A note anchor: the number links to the endnote; a button opens the note in place
       (HTML popover: keyboard operable, Esc closes). Copies (inside a popover) get no ids
       and no nested popover. -->
  <xsl:template name="t:note-anchor">
    <xsl:param name="note" as="element(tei:note)"/>
    <xsl:param name="no-ids" as="xs:boolean" tunnel="yes" select="false()"/>
    <xsl:variable name="num" select="f:note-number($note)"/>
    <xsl:variable name="aid" select="f:anchor-id(.)"/>
    <span class="note-anchor">
      <a class="note-ref" href="#{f:note-id($note)}">
        <xsl:if test="not($no-ids)"><xsl:attribute name="id" select="$aid"/></xsl:if>
        <span class="vh">Note </span><sup><xsl:value-of select="$num"/></sup>
      </a>
      <xsl:if test="not($no-ids)">
        <button type="button" class="note-peek" popovertarget="{$aid}-pop"
                aria-label="Show note {$num}"><span aria-hidden="true">i</span></button>
        <span id="{$aid}-pop" class="note-popover" popover="auto" role="note" aria-label="Note {$num}">
          <span class="popover-head">
            <span class="popover-title">Note <xsl:value-of select="$num"/></span>
            <a href="#{f:note-id($note)}">Go to the note</a>
            <button type="button" class="popover-close" popovertarget="{$aid}-pop"
                    popovertargetaction="hide">Close</button>
          </span>
          <span class="popover-body">
            <xsl:apply-templates select="$note/node()" mode="m:inline">
              <xsl:with-param name="no-ids" select="true()" tunnel="yes"/>
            </xsl:apply-templates>
          </span>
        </span>
      </xsl:if>
    </span>
  </xsl:template>

  <!-- paragraphs of a multi-paragraph note, inside a popover -->
  <xsl:template match="tei:note/tei:p" mode="m:inline">
    <span class="para"><xsl:apply-templates mode="m:inline"/></span>
  </xsl:template>

  <!-- ============================================================== notes -->

  <xsl:template match="tei:div[@type = 'notes']" mode="m:block">
    <xsl:call-template name="t:notes-section"/>
  </xsl:template>

  <xsl:template name="t:notes-section">
    <section id="{f:id(.)}" class="notes">
      <xsl:if test="not(tei:head)"><h2>Notes</h2></xsl:if>
      <xsl:apply-templates select="tei:head" mode="m:block"/>
      <ol class="notes-list">
        <xsl:apply-templates select="tei:note" mode="m:block"/>
      </ol>
      <xsl:apply-templates select="* except (tei:head | tei:note)" mode="m:block"/>
    </section>
  </xsl:template>

  <xsl:template match="tei:div[@type = 'notes']/tei:note" mode="m:block">
    <xsl:call-template name="t:note-item"/>
  </xsl:template>

  <xsl:template name="t:note-item">
    <xsl:variable name="anchors" select="f:note-anchors(.)"/>
    <li id="{f:note-id(.)}" class="note{if (empty($anchors)) then ' unanchored' else ''}">
      <span class="note-num"><xsl:value-of select="f:note-number(.)"/>.</span>
      <xsl:text> </xsl:text>
      <xsl:apply-templates select="." mode="mp:note-flag"/>
      <div class="note-text">
        <xsl:apply-templates select="." mode="mp:note-text"/>
      </div>
      <xsl:call-template name="t:cite-link"/>
      <xsl:call-template name="t:apparatus"/>
    </li>
  </xsl:template>

  <!-- back-links to each anchor; a visible flag for a note without one -->
  <xsl:mode name="mp:note-flag" on-no-match="shallow-skip"/>
  <xsl:template match="tei:note" mode="mp:note-flag">
    <xsl:variable name="anchors" select="f:note-anchors(.)"/>
    <xsl:variable name="num" select="f:note-number(.)"/>
    <span class="backrefs">
      <xsl:for-each select="$anchors">
        <a class="backref" href="#{f:anchor-id(.)}"
           aria-label="Back to the text{if (count($anchors) gt 1) then ' (reference ' || position() || ')' else ''} of note {$num}">
          <span aria-hidden="true">↩<xsl:if test="count($anchors) gt 1"><xsl:value-of select="position()"/></xsl:if></span>
        </a>
        <xsl:text> </xsl:text>
      </xsl:for-each>
    </span>
  </xsl:template>
  <xsl:template match="tei:note[empty(f:note-anchors(.))]" mode="mp:note-flag">
    <span class="flag">no anchor in the text</span>
  </xsl:template>

  <xsl:mode name="mp:note-text" on-no-match="shallow-skip"/>
  <xsl:template match="tei:note" mode="mp:note-text">
    <p><xsl:apply-templates mode="m:inline"/></p>
  </xsl:template>
  <xsl:template match="tei:note[tei:p]" mode="mp:note-text">
    <xsl:apply-templates mode="m:block"/>
  </xsl:template>

  <!-- ============================================================== apparatus -->

  <!-- Variant readings of the apps in the current block (not those of a nested note,
       which lists its own). -->
  <xsl:template name="t:apparatus">
    <xsl:variable name="host" select="."/>
    <xsl:variable name="apps" select="
      .//tei:app[not(ancestor::tei:app)][(ancestor::tei:note | ancestor::tei:p)[last()] is $host]"/>
    <xsl:if test="$show-apparatus and $apps[tei:rdg]">
      <details class="apparatus">
        <summary>Variant readings (<xsl:value-of select="count($apps[tei:rdg])"/>)</summary>
        <ul>
          <xsl:apply-templates select="$apps[tei:rdg]" mode="m:apparatus">
            <xsl:with-param name="no-ids" select="true()" tunnel="yes"/>
          </xsl:apply-templates>
        </ul>
      </details>
    </xsl:if>
  </xsl:template>

  <xsl:template match="tei:app" mode="m:apparatus">
    <li class="app-entry">
      <xsl:apply-templates select="tei:lem, tei:rdg" mode="m:apparatus"/>
    </li>
  </xsl:template>

  <xsl:template match="tei:lem" mode="m:apparatus">
    <span class="lem"><xsl:apply-templates mode="m:inline"/></span>
    <xsl:text> </xsl:text>
    <xsl:call-template name="t:witnesses"/>
    <span class="sep" aria-hidden="true">]</span>
  </xsl:template>
  <xsl:template match="tei:lem[not(node())]" mode="m:apparatus">
    <span class="lem empty">(not in the text)</span>
    <xsl:text> </xsl:text>
    <xsl:call-template name="t:witnesses"/>
    <span class="sep" aria-hidden="true">]</span>
  </xsl:template>

  <xsl:template match="tei:rdg" mode="m:apparatus">
    <xsl:text> </xsl:text>
    <span class="rdg{@type ! (' ' || .)}"><xsl:apply-templates mode="m:inline"/></span>
    <xsl:text> </xsl:text>
    <xsl:call-template name="t:witnesses"/>
  </xsl:template>
  <xsl:template match="tei:rdg[not(node())]" mode="m:apparatus">
    <xsl:text> </xsl:text>
    <span class="rdg omitted">omitted</span>
    <xsl:text> </xsl:text>
    <xsl:call-template name="t:witnesses"/>
  </xsl:template>

  <!-- the witnesses of a reading, each siglum linked to its description on the title page -->
  <xsl:template name="t:witnesses">
    <span class="wit">
      <xsl:text>(</xsl:text>
      <xsl:variable name="here" select="."/>
      <xsl:for-each select="tokenize(normalize-space(@wit), ' ')">
        <xsl:if test="position() gt 1">, </xsl:if>
        <xsl:variable name="w" select="f:resolve($here, .)[self::tei:witness]"/>
        <xsl:apply-templates select="$w" mode="mp:siglum"/>
        <xsl:value-of select="replace(., '^#', '')[empty($w)]"/>
      </xsl:for-each>
      <xsl:for-each select="@type">; <xsl:value-of select="."/></xsl:for-each>
      <xsl:text>)</xsl:text>
    </span>
  </xsl:template>

  <xsl:mode name="mp:siglum" on-no-match="fail"/>
  <xsl:template match="tei:witness[@xml:id]" mode="mp:siglum">
    <a class="siglum" href="#{@xml:id}"><xsl:value-of select="f:witness-siglum(.)"/></a>
  </xsl:template>
  <xsl:template match="tei:witness" mode="mp:siglum">
    <span class="siglum"><xsl:value-of select="f:witness-siglum(.)"/></span>
  </xsl:template>

  <!-- ============================================================== registers -->

  <xsl:template name="t:registers">
    <xsl:variable name="lists" select="/tei:TEI/tei:standOff/(tei:listPerson | tei:listOrg | tei:listPlace | tei:listBibl)[*]"/>
    <xsl:if test="$lists">
      <section id="registers" class="registers">
        <h2>Registers</h2>
        <xsl:apply-templates select="$lists" mode="m:register"/>
      </section>
    </xsl:if>
  </xsl:template>

  <xsl:template match="tei:listPerson" mode="m:register">
    <xsl:call-template name="t:register">
      <xsl:with-param name="title" select="'Index of persons'"/>
    </xsl:call-template>
  </xsl:template>
  <xsl:template match="tei:listOrg" mode="m:register">
    <xsl:call-template name="t:register">
      <xsl:with-param name="title" select="'Index of organisations'"/>
    </xsl:call-template>
  </xsl:template>
  <xsl:template match="tei:listPlace" mode="m:register">
    <xsl:call-template name="t:register">
      <xsl:with-param name="title" select="'Index of places'"/>
    </xsl:call-template>
  </xsl:template>
  <xsl:template match="tei:listBibl" mode="m:register">
    <xsl:call-template name="t:register">
      <xsl:with-param name="title" select="'Bibliography of works cited'"/>
    </xsl:call-template>
  </xsl:template>

  <xsl:template name="t:register">
    <xsl:param name="title" as="xs:string"/>
    <section class="register {local-name()}">
      <xsl:apply-templates select="@xml:id" mode="mp:id"/>
      <h3><xsl:value-of select="(tei:head ! f:plain(.), $title)[1]"/></h3>
      <ul>
        <xsl:apply-templates select="* except tei:head" mode="m:register">
          <xsl:sort select="f:sort-key(.)"/>
        </xsl:apply-templates>
      </ul>
    </section>
  </xsl:template>

  <xsl:template match="tei:person | tei:personGrp | tei:org | tei:place" mode="m:register">
    <li class="entry {f:entity-kind(.)}">
      <xsl:apply-templates select="@xml:id" mode="mp:id"/>
      <span class="entry-name"><xsl:value-of select="f:entity-label(.)"/></span>
      <xsl:for-each select="f:life-dates(.)"> (<xsl:value-of select="."/>)</xsl:for-each>
      <xsl:text>.</xsl:text>
      <xsl:call-template name="t:entry-details"/>
    </li>
  </xsl:template>

  <!-- A work: authors, title, imprint and date, other titles, description, links. -->
  <xsl:template match="tei:bibl | tei:biblStruct" mode="m:register">
    <xsl:variable name="title" select="f:entry-name(.)"/>
    <xsl:variable name="imprint" select="* except (f:entry-names(.) | tei:author | tei:editor | tei:note
                                                   | tei:ref | tei:idno)"/>
    <li class="entry work">
      <xsl:apply-templates select="@xml:id" mode="mp:id"/>
      <span class="entry-name">
        <xsl:for-each select="tei:author | tei:editor">
          <xsl:apply-templates select="." mode="m:inline"/>
          <xsl:text>, </xsl:text>
        </xsl:for-each>
        <xsl:apply-templates select="$title" mode="mp:work-title"/>
      </span>
      <xsl:for-each select="$imprint">
        <xsl:text>, </xsl:text>
        <xsl:apply-templates select="." mode="m:inline"/>
      </xsl:for-each>
      <xsl:text>.</xsl:text>
      <xsl:call-template name="t:entry-details">
        <xsl:with-param name="rest" select="()"/>
      </xsl:call-template>
    </li>
  </xsl:template>
  <!-- mixed content: the citation as written -->
  <xsl:template match="tei:bibl[text()[normalize-space()]]" mode="m:register">
    <li class="entry work">
      <xsl:apply-templates select="@xml:id" mode="mp:id"/>
      <xsl:apply-templates mode="m:inline"/>
      <xsl:call-template name="t:occurrences"/>
    </li>
  </xsl:template>

  <xsl:mode name="mp:work-title" on-no-match="fail"/>
  <xsl:template match="tei:title" mode="mp:work-title">
    <cite class="title"><xsl:apply-templates mode="m:inline"/></cite>
  </xsl:template>
  <xsl:template match="tei:title[@level = ('a', 'u')]" mode="mp:work-title">
    <span class="title level-{@level}">“<xsl:apply-templates mode="m:inline"/>”</span>
  </xsl:template>

  <!-- Everything of an entry beyond its name, dates and imprint: other names,
       descriptions, links and authority identifiers; then where it is mentioned. -->
  <xsl:template name="t:entry-details">
    <!-- the parts no other rule prints (for works: none, their imprint has them) -->
    <xsl:param name="rest" as="element()*" select="* except (f:entry-names(.) | tei:birth | tei:death
                                                   | fp:entry-description(.) | fp:entry-links(.) | tei:sex)"/>
    <xsl:variable name="variants" select="f:entry-names(.) except f:entry-name(.)"/>
    <xsl:variable name="described" select="fp:entry-description(.)"/>
    <xsl:variable name="links" select="fp:entry-links(.)"/>
    <xsl:if test="$variants">
      <xsl:text> </xsl:text>
      <span class="alt-names">Also: <xsl:for-each select="$variants">
          <xsl:if test="position() gt 1">, </xsl:if>
          <xsl:apply-templates mode="m:inline"/>
        </xsl:for-each>
        <xsl:if test="not(ends-with(f:plain($variants[last()]), '.'))">.</xsl:if>
      </span>
    </xsl:if>
    <xsl:for-each select="$described | $rest">
      <xsl:text> </xsl:text>
      <xsl:apply-templates select="." mode="mp:entry-part"/>
    </xsl:for-each>
    <xsl:for-each select="$links">
      <xsl:text> </xsl:text>
      <xsl:apply-templates select="." mode="mp:entry-part"/>
    </xsl:for-each>
    <xsl:call-template name="t:occurrences"/>
  </xsl:template>

  <xsl:function name="fp:entry-description" as="element()*">
    <xsl:param name="entry" as="element()"/>
    <xsl:sequence select="$entry/(tei:note | tei:desc | tei:occupation | tei:affiliation | tei:residence
                                  | tei:location | tei:settlement | tei:country)"/>
  </xsl:function>
  <xsl:function name="fp:entry-links" as="element()*">
    <xsl:param name="entry" as="element()"/>
    <xsl:sequence select="$entry/(tei:ref | tei:idno)"/>
  </xsl:function>

  <xsl:mode name="mp:entry-part" on-no-match="fail"/>
  <xsl:template match="*" mode="mp:entry-part">
    <xsl:apply-templates select="." mode="m:inline"/>
  </xsl:template>
  <xsl:template match="tei:note | tei:desc | tei:occupation | tei:affiliation | tei:residence
                       | tei:location | tei:settlement | tei:country" mode="mp:entry-part">
    <span class="{local-name()}"><xsl:apply-templates mode="m:inline"/></span>
    <xsl:value-of select="f:full-stop(.)"/>
  </xsl:template>
  <xsl:template match="tei:ref" mode="mp:entry-part">
    <xsl:apply-templates select="." mode="m:inline"/>
  </xsl:template>
  <xsl:template match="tei:idno" mode="mp:entry-part">
    <span class="idno"><xsl:value-of select="(@type, 'id')[1]"/>: <xsl:value-of select="normalize-space(.)"/></span>
  </xsl:template>
  <xsl:template match="tei:idno[@type = 'wikidata'][matches(normalize-space(.), '^Q\d+$')]" mode="mp:entry-part">
    <a class="idno" href="https://www.wikidata.org/wiki/{normalize-space(.)}">Wikidata <xsl:value-of select="normalize-space(.)"/></a>
  </xsl:template>
  <xsl:template match="tei:idno[@type = 'URI'][matches(normalize-space(.), '^https?://\S+$')]" mode="mp:entry-part">
    <a class="idno" href="{normalize-space(.)}"><xsl:value-of select="normalize-space(.)"/></a>
  </xsl:template>

  <xsl:template name="t:occurrences">
    <xsl:variable name="mentions" select="f:mentions-of(.)"/>
    <xsl:if test="$mentions">
      <span class="occurrences">
        <xsl:text> — mentioned in </xsl:text>
        <xsl:for-each-group select="$mentions" group-adjacent="f:location-label(.)">
          <xsl:if test="position() gt 1">, </xsl:if>
          <xsl:for-each select="current-group()">
            <a href="#{f:mention-id(.)}">
              <xsl:value-of select="current-grouping-key() || (if (position() gt 1) then '&#xA0;#' || position() else '')"/>
            </a>
            <xsl:if test="position() lt last()">, </xsl:if>
          </xsl:for-each>
        </xsl:for-each-group>
      </span>
    </xsl:if>
  </xsl:template>

  <!-- ============================================================== footer -->

  <xsl:template name="t:page-footer">
    <xsl:variable name="h" select="/tei:TEI/tei:teiHeader"/>
    <footer class="page-footer">
      <p>
        <xsl:value-of select="string-join((
            f:main-title(.),
            $h/tei:fileDesc/tei:publicationStmt/tei:publisher ! f:plain(.),
            $h/tei:fileDesc/tei:editionStmt/tei:edition[@n][1] ! ('version ' || @n),
            $build-date[normalize-space()] ! ('built ' || .)), ' · ')"/>
      </p>
      <p>Generated from the TEI master<xsl:for-each select="$h/tei:fileDesc/tei:publicationStmt/tei:idno[1]">
          <xsl:text> </xsl:text><code><xsl:value-of select="normalize-space(.)"/>.xml</code></xsl:for-each>
        by XSLT 3.0. See the title page for rights.</p>
    </footer>
  </xsl:template>

</xsl:stylesheet>
