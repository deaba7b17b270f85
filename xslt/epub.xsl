<?xml version="1.0" encoding="UTF-8"?>
<!--
  epub.xsl: the EPUB 3 edition of one TEI master.

  The result is one XML document, <x:files>, with one <x:file> per file of the
  publication (path relative to the container root, media type, spine and manifest
  facts); each holds the file's complete serialised text. pipeline/render/epub.py adds the
  `mimetype` file and META-INF/container.xml and writes the zip. Nothing here reads the
  clock or generates ids: the same TEI and parameters give the same files.

    EPUB/package.opf      metadata from the teiHeader (dc:title, dc:creator, dc:language,
                          dc:identifier = $book-id, dcterms:modified = $build-date at
                          T00:00:00Z, rights, schema.org accessibility metadata), manifest, spine
    EPUB/nav.xhtml        the navigation document: contents (sections, subsections, notes,
                          variant readings, registers) and landmarks
    EPUB/title.xhtml      the title page: title, author, dates, sources, rights, how to cite
    EPUB/<div-id>.xhtml   one content document per division of front and body (intro.xhtml,
                          sec-1.xhtml, sec-III.xhtml ...)
    EPUB/notes.xhtml      the notes, each an <aside epub:type="footnote"> linked both ways
                          with its note references (<a epub:type="noteref">)
    EPUB/apparatus.xhtml  the variant readings, each pointing to the passage it belongs to
    EPUB/registers.xhtml  persons, organisations, places, works, with links to each mention
    EPUB/about.xhtml      the editorial declaration (encodingDesc)
    EPUB/css/epub.css     assets/epub.css

  epub.xsl = html.xsl + overrides: the text, headings, theses, entity links, brackets,
  registers and apparatus entries are html.xsl's (through the modes m:block, m:inline,
  m:register, m:apparatus); this stylesheet overrides the hooks that differ on an e-reader:

    t:title-page       html.xsl's title page as a <section> (title.xhtml), without
                       "About this edition" (about.xhtml) or an example of a passage link
    t:note-anchor      an <a epub:type="noteref"> to the note (no popover: no script)
    t:notes-section    <section epub:type="footnotes"> of asides
    t:note-item        <aside epub:type="footnote" role="doc-footnote"> with back-links
    t:apparatus        nothing in the text: the variant readings have their own file
    t:registers        (html.xsl's, unchanged)

  html.xsl builds HTML elements in no namespace for one page. Here the pieces are built
  the same way, one "chunk" per file, and then a last pass (mode mp:epub-xhtml) moves every
  element into the XHTML namespace, renumbers the headings of each file so that it starts
  at h1, and rewrites each in-page link (#id) to the file holding that id (sec-2.xhtml#sec-2-A).
  An id that no file holds is reported (BROKEN-LINK:) and left as it is.

  Editorial brackets are shown as the parameter editorial-brackets says (no script, so
  no switch). Heading levels, ids and labels are those of the HTML edition, so a passage
  has the same id in both (sec-2-A-p3).

  Parameters: those of common.xsl (editorial-brackets, build-date, show-apparatus,
  edition-url) and html.xsl (assets-base: where epub.css is read from), and one of its own:
    book-id   xs:string   the publication's unique identifier (urn:uuid:...), computed by
                          epub.py from the document id; empty: "urn:x-edition:" + the idno
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:map="http://www.w3.org/2005/xpath-functions/map"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:f="urn:x-edition:function"
    xmlns:fp="urn:x-edition:function:private"
    xmlns:m="urn:x-edition:mode"
    xmlns:mp="urn:x-edition:mode:private"
    xmlns:t="urn:x-edition:template"
    xmlns:x="urn:x-edition:epub"
    xmlns:epub="http://www.idpf.org/2007/ops"
    exclude-result-prefixes="#all">

  <xsl:import href="html.xsl"/>

  <!-- The publication's unique identifier (dc:identifier), e.g. urn:uuid:... derived from
       the document id by epub.py. Empty: urn:x-edition: followed by the TEI's idno. -->
  <xsl:param name="book-id" as="xs:string" select="''"/>

  <xsl:output method="xml" encoding="UTF-8" indent="no"/>

  <xsl:variable name="fp:xhtml-ns" as="xs:string" select="'http://www.w3.org/1999/xhtml'"/>
  <xsl:variable name="fp:epub-ns" as="xs:string" select="'http://www.idpf.org/2007/ops'"/>

  <!-- ============================================================== the publication -->

  <xsl:template match="/tei:TEI" priority="2">
    <xsl:variable name="chunks" as="element(x:chunk)*">
      <xsl:call-template name="fp:chunks"/>
    </xsl:variable>
    <xsl:variable name="nav" as="element(x:chunk)">
      <xsl:call-template name="fp:nav-chunk">
        <xsl:with-param name="chunks" select="$chunks"/>
      </xsl:call-template>
    </xsl:variable>
    <!-- where each id lives: id -> file name (the first, should an id repeat) -->
    <xsl:variable name="where" as="map(xs:string, xs:string)" select="
        map:merge(for $c in ($nav, $chunks), $id in $c//@id return map { string($id): string($c/@href) },
                  map { 'duplicates': 'use-first' })"/>
    <xsl:for-each-group select="($nav, $chunks)//@id" group-by="string(.)">
      <xsl:if test="count(current-group()) gt 1">
        <xsl:message select="'DUPLICATE-ID: ' || current-grouping-key() || ' occurs '
                             || count(current-group()) || ' times in the EPUB'"/>
      </xsl:if>
    </xsl:for-each-group>
    <xsl:variable name="lang" select="f:language(.)"/>
    <xsl:variable name="css" select="fp:stylesheets(.)"/>
    <x:files>
      <x:file href="EPUB/package.opf" media-type="application/oebps-package+xml">
        <xsl:variable name="opf" as="document-node()">
          <xsl:document>
            <xsl:call-template name="fp:package">
              <xsl:with-param name="chunks" select="$nav, $chunks"/>
            </xsl:call-template>
          </xsl:document>
        </xsl:variable>
        <xsl:value-of select="serialize($opf, map { 'method': 'xml', 'indent': true(),
                                                    'omit-xml-declaration': false(), 'encoding': 'UTF-8' })"/>
      </x:file>
      <xsl:for-each select="$nav, $chunks">
        <x:file href="EPUB/{@href}" media-type="application/xhtml+xml">
          <xsl:value-of select="serialize(fp:xhtml-document(., $where, $lang, $css),
              map { 'method': 'xhtml', 'html-version': 5.0, 'indent': false(),
                    'omit-xml-declaration': false(), 'encoding': 'UTF-8' })"/>
        </x:file>
      </xsl:for-each>
      <xsl:for-each select="$css">
        <x:file href="EPUB/css/{.}" media-type="text/css">
          <xsl:value-of select="unparsed-text(resolve-uri(., $assets-base), 'UTF-8')"/>
        </x:file>
      </xsl:for-each>
    </x:files>
  </xsl:template>

  <!-- The stylesheets of the publication (in css/): epub.css, and for a master from
       another project other-tei.css as well (its drama, verse, page furniture ...). -->
  <xsl:function name="fp:stylesheets" as="xs:string+">
    <xsl:param name="context" as="node()"/>
    <xsl:sequence select="'epub.css', 'other-tei.css'[not(f:own-master($context))]"/>
  </xsl:function>

  <!-- ============================================================== chunks -->

  <!-- The content documents in reading order, each an <x:chunk href= title= type=>
       holding the HTML (no namespace) of its body. -->
  <xsl:template name="fp:chunks">
    <x:chunk href="title.xhtml" title="Title page" type="titlepage">
      <xsl:call-template name="t:title-page"/>
    </x:chunk>
    <!-- A division (or a text of a group, a text inside the text, a transcription of the
         document) is a file of its own; a run of other blocks between them (page breaks, a
         cast list, paragraphs) is one too: text.xhtml, then text-2.xhtml ... Our notes
         division is notes.xhtml; notes standing in another project's text are gathered
         there too. -->
    <xsl:variable name="runs" as="map(*)*">
      <xsl:for-each-group select="fp:epub-blocks(.)" group-adjacent="fp:chunk-key(.)">
        <xsl:sequence select="map { 'key': current-grouping-key(), 'items': current-group() }"/>
      </xsl:for-each-group>
    </xsl:variable>
    <xsl:for-each select="$runs">
      <xsl:variable name="at" select="position()"/>
      <xsl:variable name="key" select="?key" as="xs:string"/>
      <xsl:variable name="items" select="?items" as="element()+"/>
      <xsl:variable name="first" select="$items[1]"/>
      <xsl:variable name="unit" select="$first[not($key = ('text', 'notes'))]"/>
      <xsl:variable name="nth" select="count($runs[position() le $at][?key = 'text'])"/>
      <x:chunk href="{if ($key = 'text' and $nth gt 1) then 'text-' || $nth else $key}.xhtml"
          type="{if ($key = 'notes') then 'footnotes'
                 else if ($first/ancestor::tei:back) then 'backmatter' else 'bodymatter'}"
          div="{$unit ! f:id(.)}"
          title="{if ($key = 'notes' and not($first/tei:head)) then 'Notes'
                  else if ($unit) then fp:div-title($unit)
                  else if ($first/ancestor::tei:back) then 'Back matter' else f:main-title($first)}">
        <xsl:apply-templates select="$items" mode="m:block"/>
      </x:chunk>
    </xsl:for-each>
    <xsl:if test="exists(f:placed-notes(.))">
      <x:chunk href="{if ($runs[?key = 'notes']) then 'text-notes' else 'notes'}.xhtml"
          type="footnotes" title="Notes">
        <xsl:call-template name="t:placed-notes"/>
      </x:chunk>
    </xsl:if>
    <xsl:if test="$show-apparatus and fp:apparatus-entries(.)">
      <x:chunk href="apparatus.xhtml" title="Variant readings" type="backmatter">
        <xsl:call-template name="fp:apparatus-section"/>
      </x:chunk>
    </xsl:if>
    <xsl:if test="exists(f:register-lists(.))">
      <x:chunk href="registers.xhtml" title="Registers" type="index">
        <xsl:call-template name="t:registers"/>
      </x:chunk>
    </xsl:if>
    <xsl:if test="tei:teiHeader/tei:encodingDesc[tei:projectDesc | tei:editorialDecl]">
      <x:chunk href="about.xhtml" title="About this edition" type="colophon">
        <xsl:call-template name="fp:about"/>
      </x:chunk>
    </xsl:if>
  </xsl:template>

  <!-- The blocks the files of the text are made of, in reading order: the children of
       front, body and back, of a group and of a text of a group (their divisions, nested
       texts and the blocks between), and each sourceDoc. Our own titlePage repeats the
       header (title.xhtml); another project's is text of its source. -->
  <xsl:function name="fp:epub-blocks" as="element()*">
    <xsl:param name="doc" as="node()"/>
    <xsl:sequence select="f:text-parts($doc) ! fp:unwrap(.)
                          [not(self::tei:titlePage and f:own-master($doc))]"/>
  </xsl:function>
  <xsl:function name="fp:unwrap" as="element()*">
    <xsl:param name="e" as="element()"/>
    <xsl:sequence select="if ($e[self::tei:front or self::tei:body or self::tei:back or self::tei:group])
                          then $e/* ! fp:unwrap(.) else $e"/>
  </xsl:function>

  <!-- The file a block goes to: our notes division to notes, a division, a text or a
       transcription to the file named by its id (never one of the names the publication
       uses for its own files), anything else to the run of blocks it stands in. -->
  <xsl:function name="fp:chunk-key" as="xs:string">
    <xsl:param name="block" as="element()"/>
    <xsl:variable name="id" select="f:id($block)"/>
    <xsl:sequence select="
      if ($block[self::tei:div[@type = 'notes'][parent::tei:back]]) then 'notes'
      else if (not(f:is-div($block) or $block[self::tei:text or self::tei:sourceDoc])) then 'text'
      else if ($id = ('title', 'nav', 'notes', 'text-notes', 'apparatus', 'registers', 'about')
               or matches($id, '^text(-\d+)?$')) then 'div-' || $id
      else $id"/>
  </xsl:function>

  <!-- A division's title as plain text: its label and head, else what kind of text it is. -->
  <xsl:function name="fp:div-title" as="xs:string">
    <xsl:param name="div" as="element()"/>
    <xsl:sequence select="
      if ($div[self::tei:div]/tei:head) then f:div-heading($div)
      else if ($div/tei:head) then f:plain($div/tei:head[1])
      else if ($div/self::tei:sourceDoc) then 'Transcription of the document'
      else if ($div/self::tei:text and $div//tei:head) then f:plain(($div//tei:head)[1])
      else if ($div/@type = 'introduction') then 'Introduction'
      else if ($div/@type) then fp:capitalise(string($div/@type))
      else f:main-title($div)"/>
  </xsl:function>

  <!-- ============================================================== title page -->

  <!-- html.xsl's title page (html/title-page.xsl) as a file of its own; the editorial
       declaration is in about.xhtml. -->
  <xsl:template name="t:title-page">
    <section id="title-page" class="title-page" epub:type="titlepage">
      <xsl:call-template name="fp:title-page-parts">
        <xsl:with-param name="about" select="false()"/>
      </xsl:call-template>
    </section>
  </xsl:template>

  <!-- The editorial declaration, in full (html.xsl folds it into a <details>). -->
  <xsl:template name="fp:about">
    <section id="about" class="about" epub:type="colophon">
      <h1>About this edition</h1>
      <xsl:apply-templates select="fp:declaration-paragraphs(/tei:TEI/tei:teiHeader/tei:encodingDesc)" mode="mp:about"/>
    </section>
  </xsl:template>

  <!-- ============================================================== text -->

  <!-- Top-level divisions say what they are to reading systems and assistive technology. -->
  <xsl:template match="tei:body/tei:div | tei:front/tei:div" mode="m:block" priority="1">
    <xsl:variable name="kind" select="if (@type = 'introduction') then 'introduction' else 'chapter'"/>
    <section id="{f:id(.)}" class="{fp:div-class(.)}"
        epub:type="{$kind}" role="doc-{$kind}">
      <!-- a division without a head still needs a heading for the contents and for
           screen readers; the HTML page has its title above it -->
      <xsl:if test="not(tei:head)">
        <h2 class="implied-head"><xsl:value-of select="fp:div-title(.)"/></h2>
      </xsl:if>
      <xsl:apply-templates mode="m:block"/>
    </section>
  </xsl:template>

  <!-- No variant readings in the text: they have their own file (apparatus.xhtml). -->
  <xsl:template name="t:apparatus"/>

  <!-- A note reference: a link to the footnote, which reading systems may show as a
       pop-up. Copies (in variant readings) carry no id. -->
  <!-- Paper and e-books cite by page or file, not by a live link: no cite links. -->
  <xsl:template name="t:cite-link"/>
  <xsl:template name="t:cite-dialog"/>
  <xsl:template name="t:cite-example"/>

  <xsl:template name="t:note-anchor">
    <xsl:param name="note" as="element(tei:note)"/>
    <xsl:param name="no-ids" as="xs:boolean" tunnel="yes" select="false()"/>
    <xsl:variable name="num" select="f:note-number($note)"/>
    <a class="noteref" href="#{f:note-id($note)}" epub:type="noteref" role="doc-noteref"
        aria-label="Note {$num}">
      <xsl:if test="not($no-ids)"><xsl:attribute name="id" select="f:anchor-id(.)"/></xsl:if>
      <sup><xsl:value-of select="$num"/></sup>
    </a>
  </xsl:template>

  <!-- ============================================================== notes -->

  <xsl:template name="t:notes-section">
    <section id="{f:id(.)}" class="notes" epub:type="footnotes">
      <xsl:if test="not(tei:head)"><h2>Notes</h2></xsl:if>
      <xsl:apply-templates select="tei:head" mode="m:block"/>
      <xsl:apply-templates select="tei:note" mode="m:block"/>
      <xsl:apply-templates select="* except (tei:head | tei:note)" mode="m:block"/>
    </section>
  </xsl:template>

  <!-- Notes standing in another project's text, gathered in their own file as footnotes
       (numbered as their calls). -->
  <xsl:template name="t:placed-notes">
    <section id="notes" class="notes placed-notes" epub:type="footnotes">
      <h2>Notes</h2>
      <xsl:for-each select="f:placed-notes(.)">
        <xsl:call-template name="t:note-item"/>
      </xsl:for-each>
    </section>
  </xsl:template>

  <!-- One note: an aside whose number links back to the (first) reference in the text;
       further references get their own back-links; a note without any is flagged. -->
  <xsl:template name="t:note-item">
    <xsl:variable name="anchors" select="f:note-anchors(.)"/>
    <xsl:variable name="num" select="f:note-number(.)"/>
    <aside id="{f:note-id(.)}" class="note{if (empty($anchors)) then ' unanchored' else ''}"
        epub:type="footnote" role="doc-footnote">
      <xsl:apply-templates select="." mode="mp:epub-note-body">
        <xsl:with-param name="number" as="element()">
          <xsl:choose>
            <xsl:when test="$anchors">
              <a class="note-num" href="#{f:anchor-id($anchors[1])}" role="doc-backlink"
                  aria-label="Note {$num}, back to the text">
                <xsl:value-of select="$num"/>.</a>
            </xsl:when>
            <xsl:otherwise>
              <span class="note-num"><xsl:value-of select="$num"/>.</span>
            </xsl:otherwise>
          </xsl:choose>
        </xsl:with-param>
      </xsl:apply-templates>
      <xsl:if test="empty($anchors)">
        <p class="flag">This note has no reference in the text.</p>
      </xsl:if>
      <xsl:if test="count($anchors) gt 1">
        <p class="backlinks">Referred to
          <xsl:for-each select="$anchors">
            <xsl:if test="position() gt 1">, </xsl:if>
            <a href="#{f:anchor-id(.)}" role="doc-backlink"
                aria-label="Back to reference {position()} of note {$num}">
              <xsl:value-of select="'in ' || f:location-label(.)"/></a>
          </xsl:for-each>.</p>
      </xsl:if>
    </aside>
  </xsl:template>

  <!-- The body of a note: a note of running text is one paragraph; a note of paragraphs
       keeps them, the number in the first. -->
  <xsl:mode name="mp:epub-note-body" on-no-match="fail"/>
  <xsl:template match="tei:note" mode="mp:epub-note-body">
    <xsl:param name="number" as="element()"/>
    <p>
      <xsl:sequence select="$number"/>
      <xsl:text> </xsl:text>
      <xsl:apply-templates mode="m:inline"/>
    </p>
  </xsl:template>
  <xsl:template match="tei:note[tei:p]" mode="mp:epub-note-body">
    <xsl:param name="number" as="element()"/>
    <xsl:apply-templates select="tei:p[1]/preceding-sibling::*" mode="m:block"/>
    <xsl:for-each select="tei:p[1]">
      <p>
        <xsl:apply-templates select="@xml:id" mode="mp:id"/>
        <xsl:sequence select="$number"/>
        <xsl:text> </xsl:text>
        <xsl:apply-templates mode="m:inline"/>
      </p>
    </xsl:for-each>
    <xsl:apply-templates select="tei:p[1]/following-sibling::*" mode="m:block"/>
  </xsl:template>

  <!-- ============================================================== apparatus -->

  <!-- The apps with variant readings, in document order (not those inside a reading). -->
  <xsl:function name="fp:apparatus-entries" as="element(tei:app)*">
    <xsl:param name="doc" as="node()"/>
    <xsl:sequence select="root($doc)//tei:text//tei:app[tei:rdg][not(ancestor::tei:rdg or ancestor::tei:app)]"/>
  </xsl:function>

  <xsl:template name="fp:apparatus-section">
    <xsl:variable name="witnesses" select="/tei:TEI/tei:teiHeader//tei:listWit/tei:witness"/>
    <section id="apparatus" class="apparatus-section">
      <h2>Variant readings</h2>
      <p class="apparatus-legend">Each entry gives the place, the reading of the text (the
        lemma) with its witnesses, a bracket, then the divergent reading and its witness<xsl:if
        test="$witnesses">; the witnesses are described on the <a href="#{($witnesses/@xml:id)[1]}">title
        page</a></xsl:if>.</p>
      <ol class="apparatus-list">
        <xsl:apply-templates select="fp:apparatus-entries(.)" mode="m:apparatus">
          <xsl:with-param name="no-ids" select="true()" tunnel="yes"/>
        </xsl:apply-templates>
      </ol>
    </section>
  </xsl:template>

  <!-- an entry of the apparatus file names and links the passage it belongs to -->
  <xsl:template name="t:app-place">
    <xsl:variable name="passage" select="(ancestor::*[@xml:id][1])[ancestor::tei:text]"/>
    <xsl:choose>
      <xsl:when test="$passage">
        <a class="app-place" href="#{$passage/@xml:id}"><xsl:value-of select="f:location-label(.)"/></a>
      </xsl:when>
      <xsl:otherwise>
        <span class="app-place"><xsl:value-of select="f:location-label(.)"/></span>
      </xsl:otherwise>
    </xsl:choose>
    <xsl:text>: </xsl:text>
  </xsl:template>

  <!-- ============================================================== navigation -->

  <xsl:template name="fp:nav-chunk">
    <xsl:param name="chunks" as="element(x:chunk)*"/>
    <xsl:variable name="tei" select="/"/>
    <x:chunk href="nav.xhtml" title="Contents" type="toc">
      <nav id="toc" epub:type="toc" role="doc-toc" aria-labelledby="toc-title">
        <h1 id="toc-title">Contents</h1>
        <ol>
          <xsl:for-each select="$chunks">
            <xsl:variable name="div" select="@div ! key('f:id', ., $tei)"/>
            <xsl:choose>
              <!-- a division with a head: as in the HTML contents (label, heading with its
                   editorial brackets, subsections); its links are rewritten to the file -->
              <xsl:when test="$div[self::tei:div][tei:head]">
                <xsl:apply-templates select="$div" mode="mp:toc"/>
              </xsl:when>
              <xsl:otherwise>
                <li><a href="{@href}"><xsl:value-of select="@title"/></a></li>
              </xsl:otherwise>
            </xsl:choose>
          </xsl:for-each>
        </ol>
      </nav>
      <nav id="landmarks" epub:type="landmarks" aria-labelledby="landmarks-title" hidden="hidden">
        <h2 id="landmarks-title">Landmarks</h2>
        <ol>
          <xsl:for-each select="$chunks[@type = 'titlepage'][1]">
            <li><a epub:type="titlepage" href="{@href}">Title page</a></li>
          </xsl:for-each>
          <li><a epub:type="toc" href="#toc">Contents</a></li>
          <xsl:for-each select="$chunks[@type = 'bodymatter'][1]">
            <li><a epub:type="bodymatter" href="{@href}">Start of the text</a></li>
          </xsl:for-each>
          <xsl:for-each select="$chunks[@type = 'footnotes'][1]">
            <li><a epub:type="footnotes" href="{@href}">Notes</a></li>
          </xsl:for-each>
          <xsl:for-each select="$chunks[@type = 'index'][1]">
            <li><a epub:type="index" href="{@href}">Registers</a></li>
          </xsl:for-each>
        </ol>
      </nav>
    </x:chunk>
  </xsl:template>

  <!-- ============================================================== package -->

  <xsl:template name="fp:package">
    <xsl:param name="chunks" as="element(x:chunk)*"/>
    <xsl:variable name="h" select="/tei:TEI/tei:teiHeader"/>
    <xsl:variable name="fd" select="$h/tei:fileDesc"/>
    <xsl:variable name="lang" select="f:language(.)"/>
    <xsl:variable name="modified" select="fp:modified(.)"/>
    <xsl:variable name="translators" select="f:translators(.)"/>
    <package xmlns="http://www.idpf.org/2007/opf" version="3.0" unique-identifier="book-id"
        xml:lang="{$lang}">
      <metadata xmlns:dc="http://purl.org/dc/elements/1.1/">
        <dc:identifier id="book-id">
          <xsl:value-of select="if (normalize-space($book-id)) then normalize-space($book-id)
                                else 'urn:x-edition:' || normalize-space(($fd/tei:publicationStmt/tei:idno)[1])"/>
        </dc:identifier>
        <dc:title id="title"><xsl:value-of select="f:main-title(.)"/></dc:title>
        <meta refines="#title" property="title-type">main</meta>
        <xsl:for-each select="$fd/tei:titleStmt/tei:title[@type = 'sub']">
          <dc:title id="subtitle-{position()}"><xsl:value-of select="f:plain(.)"/></dc:title>
          <meta refines="#subtitle-{position()}" property="title-type">subtitle</meta>
        </xsl:for-each>
        <xsl:for-each select="$fd/tei:titleStmt/tei:author">
          <dc:creator id="creator-{position()}"><xsl:value-of select="f:plain(.)"/></dc:creator>
          <meta refines="#creator-{position()}" property="role" scheme="marc:relators">aut</meta>
        </xsl:for-each>
        <xsl:for-each select="$translators">
          <dc:contributor id="translator-{position()}"><xsl:value-of select="f:plain(.)"/></dc:contributor>
          <meta refines="#translator-{position()}" property="role" scheme="marc:relators">trl</meta>
        </xsl:for-each>
        <dc:language><xsl:value-of select="$lang"/></dc:language>
        <xsl:for-each select="$fd/tei:publicationStmt/tei:publisher[1]">
          <dc:publisher><xsl:value-of select="f:plain(.)"/></dc:publisher>
        </xsl:for-each>
        <xsl:for-each select="$fd/tei:publicationStmt/tei:date/@when[matches(., '^\d{4}(-\d{2}(-\d{2})?)?$')][1]">
          <dc:date><xsl:value-of select="."/></dc:date>
        </xsl:for-each>
        <xsl:for-each select="$h/tei:profileDesc/tei:abstract[normalize-space()][1]">
          <dc:description><xsl:value-of select="f:plain(.)"/></dc:description>
        </xsl:for-each>
        <!-- (an empty term, or one whose text is in its attributes only, is no subject:
             EPUB requires dc:subject to have text) -->
        <xsl:for-each select="$h/tei:profileDesc/tei:textClass/tei:keywords/tei:term[normalize-space()]">
          <dc:subject><xsl:value-of select="f:plain(.)"/></dc:subject>
        </xsl:for-each>
        <xsl:for-each select="$fd/tei:sourceDesc/tei:bibl[@type = 'web'][1]">
          <dc:source><xsl:value-of select="f:plain(.)"/></dc:source>
        </xsl:for-each>
        <xsl:for-each select="$fd/tei:publicationStmt/tei:availability[normalize-space()][1]">
          <dc:rights><xsl:value-of select="f:plain(.)"/></dc:rights>
        </xsl:for-each>
        <meta property="dcterms:modified"><xsl:value-of select="$modified"/></meta>
        <!-- Accessibility (schema.org; EPUB Accessibility 1.1). Only what is true of every
             EPUB this stylesheet makes: text only (no images, so no alternativeText claim),
             sections in the navigation document, reading order = document order, the
             registers as an index of names linked to their mentions. -->
        <meta property="schema:accessMode">textual</meta>
        <meta property="schema:accessModeSufficient">textual</meta>
        <meta property="schema:accessibilityFeature">structuralNavigation</meta>
        <meta property="schema:accessibilityFeature">tableOfContents</meta>
        <meta property="schema:accessibilityFeature">readingOrder</meta>
        <xsl:if test="$chunks[@type = 'index']">
          <meta property="schema:accessibilityFeature">index</meta>
        </xsl:if>
        <meta property="schema:accessibilityHazard">none</meta>
        <meta property="schema:accessibilitySummary">
          <xsl:value-of select="fp:accessibility-summary($chunks)"/>
        </meta>
      </metadata>
      <manifest>
        <xsl:for-each select="$chunks">
          <item id="{fp:item-id(.)}" href="{@href}" media-type="application/xhtml+xml">
            <xsl:if test="@type = 'toc'"><xsl:attribute name="properties" select="'nav'"/></xsl:if>
          </item>
        </xsl:for-each>
        <xsl:for-each select="fp:stylesheets(.)">
          <item id="{if (. = 'epub.css') then 'css' else 'css-' || substring-before(., '.css')}"
              href="css/{.}" media-type="text/css"/>
        </xsl:for-each>
      </manifest>
      <spine>
        <!-- title page, contents, text, notes, variant readings, registers, about -->
        <xsl:for-each select="$chunks[@type = 'titlepage'], $chunks[@type = 'toc'],
                              $chunks[not(@type = ('titlepage', 'toc'))]">
          <itemref idref="{fp:item-id(.)}"/>
        </xsl:for-each>
      </spine>
    </package>
  </xsl:template>

  <xsl:function name="fp:item-id" as="xs:string">
    <xsl:param name="chunk" as="element(x:chunk)"/>
    <xsl:sequence select="'item-' || replace($chunk/@href, '\.xhtml$', '')"/>
  </xsl:function>

  <!-- dcterms:modified: the build date at midnight UTC; never the clock. The date is the
       build-date parameter, else publicationStmt/date (its @when, else its text), the first
       that is an ISO date of a year, a month or a day. EPUB wants a day: a year or a month
       stands for the first day of its period (2023 is 2023-01-01, 2023-05 is 2023-05-01),
       so the same master always gives the same dcterms:modified. -->
  <xsl:function name="fp:modified" as="xs:string">
    <xsl:param name="doc" as="node()"/>
    <xsl:variable name="published" select="root($doc)/tei:TEI/tei:teiHeader/tei:fileDesc/tei:publicationStmt/tei:date"/>
    <xsl:variable name="date" select="(($build-date, $published/@when, $published/normalize-space(.)) ! string(.))
                                      [matches(., '^\d{4}(-\d{2}(-\d{2})?)?$')][1]"/>
    <xsl:if test="empty($date)">
      <xsl:message terminate="yes" select="'NO-DATE: the EPUB needs the build date (YYYY-MM-DD) for '
          || 'dcterms:modified: the build-date parameter or publicationStmt/date/@when'"/>
    </xsl:if>
    <xsl:sequence select="substring($date || '-01-01', 1, 10) || 'T00:00:00Z'"/>
  </xsl:function>

  <xsl:function name="fp:accessibility-summary" as="xs:string">
    <xsl:param name="chunks" as="element(x:chunk)*"/>
    <xsl:sequence select="string-join((
        'This publication is text only: it has no images, audio or video.',
        'The navigation document lists every section and subsection, and the reading order follows the text.',
        (if ($chunks[@type = 'footnotes']) then 'Notes are footnotes linked from their reference in the text and back.' else ()),
        (if ($chunks[@href = 'apparatus.xhtml']) then 'Variant readings are listed apart, each linked to its passage.' else ()),
        (if ($chunks[@type = 'index']) then 'Registers of persons, organisations, places and works link to every mention.' else ()),
        'Editorial additions and expansions are marked with square brackets.'), ' ')"/>
  </xsl:function>


  <!-- ============================================================== XHTML -->

  <!-- One chunk as a complete XHTML content document. -->
  <xsl:function name="fp:xhtml-document" as="document-node()">
    <xsl:param name="chunk" as="element(x:chunk)"/>
    <xsl:param name="where" as="map(xs:string, xs:string)"/>
    <xsl:param name="lang" as="xs:string"/>
    <xsl:param name="css" as="xs:string+"/>
    <xsl:variable name="levels" select="$chunk//*[matches(local-name(), '^h[1-6]$')]/xs:integer(substring(local-name(), 2))"/>
    <xsl:document>
      <xsl:element name="html" namespace="{$fp:xhtml-ns}">
        <xsl:namespace name="epub" select="$fp:epub-ns"/>
        <xsl:attribute name="lang" select="$lang"/>
        <xsl:attribute name="xml:lang" select="$lang"/>
        <xsl:element name="head" namespace="{$fp:xhtml-ns}">
          <xsl:element name="title" namespace="{$fp:xhtml-ns}">
            <xsl:value-of select="$chunk/@title"/>
          </xsl:element>
          <xsl:for-each select="$css">
            <xsl:element name="link" namespace="{$fp:xhtml-ns}">
              <xsl:attribute name="rel" select="'stylesheet'"/>
              <xsl:attribute name="type" select="'text/css'"/>
              <xsl:attribute name="href" select="'css/' || ."/>
            </xsl:element>
          </xsl:for-each>
        </xsl:element>
        <xsl:element name="body" namespace="{$fp:xhtml-ns}">
          <xsl:attribute name="class" select="$fp:brackets-class"/>
          <!-- each file's content is its main landmark, for assistive technology -->
          <xsl:element name="main" namespace="{$fp:xhtml-ns}">
            <xsl:apply-templates select="$chunk/node()" mode="mp:epub-xhtml">
              <xsl:with-param name="where" select="$where" tunnel="yes"/>
              <xsl:with-param name="file" select="string($chunk/@href)" tunnel="yes"/>
              <xsl:with-param name="shift" select="if (exists($levels)) then min($levels) - 1 else 0" tunnel="yes"/>
            </xsl:apply-templates>
          </xsl:element>
        </xsl:element>
      </xsl:element>
    </xsl:document>
  </xsl:function>

  <xsl:mode name="mp:epub-xhtml" on-no-match="shallow-copy"/>

  <xsl:template match="*" mode="mp:epub-xhtml">
    <xsl:element name="{local-name()}" namespace="{$fp:xhtml-ns}">
      <xsl:apply-templates select="@*, node()" mode="mp:epub-xhtml"/>
    </xsl:element>
  </xsl:template>

  <!-- headings renumbered so that each file starts at h1 -->
  <xsl:template match="*[matches(local-name(), '^h[1-6]$')]" mode="mp:epub-xhtml">
    <xsl:param name="shift" as="xs:integer" tunnel="yes"/>
    <xsl:element name="h{xs:integer(substring(local-name(), 2)) - $shift}" namespace="{$fp:xhtml-ns}">
      <xsl:apply-templates select="@*, node()" mode="mp:epub-xhtml"/>
    </xsl:element>
  </xsl:template>

  <!-- in-page links go to the file that holds their target -->
  <xsl:template match="@href[starts-with(., '#')]" mode="mp:epub-xhtml">
    <xsl:param name="where" as="map(xs:string, xs:string)" tunnel="yes"/>
    <xsl:param name="file" as="xs:string" tunnel="yes"/>
    <xsl:variable name="id" select="substring(., 2)"/>
    <xsl:variable name="target" select="$where($id)"/>
    <xsl:if test="empty($target)">
      <xsl:message select="'BROKEN-LINK: ' || string(.) || ' in ' || $file || ' names no element of the EPUB'"/>
    </xsl:if>
    <xsl:attribute name="href" select="
        if (empty($target) or $target eq $file) then string(.) else $target || string(.)"/>
  </xsl:template>

  <!-- html.xsl's "hidden" switch of the reading controls is not used here; the landmarks
       nav keeps its hidden attribute -->
  <xsl:template match="@*" mode="mp:epub-xhtml">
    <xsl:copy-of select="."/>
  </xsl:template>

</xsl:stylesheet>
