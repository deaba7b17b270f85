<?xml version="1.0" encoding="UTF-8"?>
<!--
  print.xsl: the print edition (print.html), HTML for CSS paged media, typeset into
  PDF/A by WeasyPrint (pipeline/render/pdf.py).

  print.xsl = html.xsl + overrides. Everything that means something (note numbers, ids,
  labels, brackets, the citation) comes from common.xsl through html.xsl; this stylesheet
  overrides only the notes and the page furniture, through the hooks html.xsl provides:

    t:head-assets      print.css inlined; metadata for the PDF (author, description,
                       keywords, dates from the teiHeader); no script
    t:title-page       html.xsl's title page with the running title, without the summary,
                       the witnesses and "About this edition" (sections at the end)
    t:cite-example     a passage is cited by its identifier, not by a link
    t:toc-back         the contents list the back matter printed here, the notes division
                       only as its notes without an anchor; page numbers from CSS
                       target-counter()
    t:reading-controls none: paper has no switches
    t:head-meta, t:cite-link, t:cite-dialog
                       none: the PDF's metadata is t:head-assets', paper cites by page
    t:note-anchor      the first anchor of a note becomes an inline span that CSS floats
                       to the foot of its page (float: footnote), numbered by the note's
                       own number (data-n), never by a CSS counter; further anchors of
                       the same note refer to it
    t:notes-section    only the notes that have no anchor in the text (they cannot be
                       footnotes), flagged as such
    t:note-item        one such note
    t:apparatus        the variant readings are not printed where they occur but in one
                       section at the end; a block with variants points to it
    t:witnesses        witnesses by their sigla (legend in the apparatus section)
    t:registers        the variant readings, "About this edition", then the registers,
                       each register entry with the pages of its mentions
    t:page-footer      a colophon

  and adds three things html.xsl does not have: an empty marker before each heading of a
  top-level division carrying the running-head text (so that a note in a heading never
  leaks into the running head); the URL after a link whose text is not the URL; and a last
  pass over the page (mode mp:spaces) that moves a space ending a text run into the
  inline element that follows it, working around a WeasyPrint line-breaking bug.
  (The links are html.xsl's private mode mp:link, which print.xsl extends all the same.)

  Parameters: those of common.xsl (editorial-brackets, build-date, show-apparatus,
  edition-url) and html.xsl (assets-base: where print.css is read from). This
  stylesheet declares none of its own.

  Fonts: print.css names the family "Edition Serif"; its @font-face rules live in
  assets/fonts/fonts.css, which pdf.py adds (so that print.html holds no file paths).
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

  <xsl:import href="html.xsl"/>

  <!-- ============================================================== page -->

  <!-- The page html.xsl builds, passed through one clean-up pass for the typesetter. -->
  <xsl:template match="/tei:TEI">
    <xsl:variable name="page" as="element()">
      <xsl:next-match/>
    </xsl:variable>
    <xsl:apply-templates select="$page" mode="mp:spaces"/>
  </xsl:template>

  <!-- WeasyPrint (up to 70 at least) mis-breaks a line whose text run ends in a space
       just before an inline element, when the run fits the line only without that
       space: it puts the run's first word alone on the line ("Only" / "the advancement
       ... [based on]"). Moving such a space from the end of the run to the start of the
       element renders the same text and avoids the case. Footnotes and anchors keep
       their spacing. -->
  <xsl:mode name="mp:spaces" on-no-match="shallow-copy"/>

  <xsl:function name="fp:takes-space" as="xs:boolean">
    <xsl:param name="node" as="node()?"/>
    <xsl:sequence select="exists($node[self::*]
        [local-name() = ('a', 'span', 'i', 'b', 'em', 'strong', 'cite', 'q', 'code', 'abbr', 'sup', 'sub', 'small')]
        [not(tokenize(@class) = ('footnote', 'note-anchor', 'para'))])"/>
  </xsl:function>

  <xsl:template match="text()[fp:gives-space(.)]" mode="mp:spaces">
    <xsl:value-of select="replace(., '\s+$', '')"/>
  </xsl:template>

  <xsl:template match="*[fp:takes-space(.)][preceding-sibling::node()[1][fp:gives-space(.)]]" mode="mp:spaces">
    <xsl:apply-templates select="." mode="mp:lead-space"/>
  </xsl:template>

  <!-- A text run ending in white space before an element that takes it. -->
  <xsl:function name="fp:gives-space" as="xs:boolean">
    <xsl:param name="node" as="node()"/>
    <xsl:sequence select="exists($node[self::text()][matches(., '\s$')]
                                      [fp:takes-space(following-sibling::node()[1])])"/>
  </xsl:function>

  <!-- The moved space goes down to the element's first text, so that no run inside
       the element ends in a space before an inline element either. -->
  <xsl:mode name="mp:lead-space" on-no-match="fail"/>
  <xsl:template match="*" mode="mp:lead-space">
    <xsl:copy>
      <xsl:apply-templates select="@*" mode="mp:spaces"/>
      <xsl:apply-templates select="node()[1]" mode="mp:lead-space"/>
      <xsl:apply-templates select="node() except node()[1]" mode="mp:spaces"/>
    </xsl:copy>
  </xsl:template>
  <xsl:template match="*[not(fp:takes-space(.))]" mode="mp:lead-space" priority="1">
    <xsl:text> </xsl:text>
    <xsl:apply-templates select="." mode="mp:spaces"/>
  </xsl:template>
  <xsl:template match="*[not(node())]" mode="mp:lead-space" priority="2">
    <xsl:copy-of select="."/>
    <xsl:text> </xsl:text>
  </xsl:template>
  <xsl:template match="text()" mode="mp:lead-space">
    <xsl:value-of select="' ' || (if (fp:gives-space(.)) then replace(., '\s+$', '') else .)"/>
  </xsl:template>

  <!-- ============================================================== head -->

  <!-- The print stylesheet, and the document's metadata as HTML <meta>: WeasyPrint
       copies author, description (the PDF's Subject), keywords and dcterms dates
       into the PDF. The date is the edition's own (publicationStmt/date), never
       the clock. -->
  <xsl:template name="t:head-assets">
    <xsl:variable name="h" select="/tei:TEI/tei:teiHeader"/>
    <xsl:for-each select="$h/tei:fileDesc/tei:titleStmt/tei:author">
      <meta name="author" content="{f:plain(.)}"/>
    </xsl:for-each>
    <xsl:for-each select="$h/tei:profileDesc/tei:abstract[normalize-space()][1]">
      <meta name="description" content="{f:plain(.)}"/>
    </xsl:for-each>
    <xsl:variable name="keywords" select="$h/tei:profileDesc/tei:textClass/tei:keywords/tei:term ! f:plain(.)"/>
    <xsl:if test="exists($keywords)">
      <meta name="keywords" content="{string-join($keywords, ', ')}"/>
    </xsl:if>
    <xsl:for-each select="$h/tei:fileDesc/tei:publicationStmt/tei:date/@when[1]">
      <meta name="dcterms.created" content="{.}"/>
      <meta name="dcterms.modified" content="{.}"/>
    </xsl:for-each>
    <style>
      <xsl:value-of select="('print.css', 'other-tei.css'[not(f:own-master(current()))])
                            ! unparsed-text(resolve-uri(., $assets-base), 'UTF-8')" separator="&#10;"/>
    </style>
  </xsl:template>

  <!-- ============================================================== title page -->

  <!-- html.xsl's title page (html/title-page.xsl), carrying the running title; "About this
       edition" is a section of the back matter. -->
  <xsl:template name="t:title-page">
    <header class="title-page" data-running-title="{f:main-title(.)}">
      <xsl:call-template name="fp:title-page-parts">
        <xsl:with-param name="title-class" select="'doc-title'"/>
        <xsl:with-param name="about" select="false()"/>
      </xsl:call-template>
    </header>
  </xsl:template>

  <!-- The summary and the witnesses open the sections "About this edition" and "Variant
       readings" at the end, not the facts of the title page. -->
  <xsl:template match="tei:abstract | tei:listWit" mode="mp:facts"/>

  <!-- Paper has no links to follow: a passage is cited by its identifier. -->
  <xsl:template name="t:cite-example">
    <p class="cite-passage">Every section and paragraph has a stable identifier in the
            TEI master and the reading edition, for example <code><xsl:value-of select="@xml:id"/></code>;
            cite a passage by it.</p>
  </xsl:template>

  <!-- ============================================================== contents -->

  <!-- html.xsl's contents (each link gets its page number from print.css,
       target-counter), with the back matter this stylesheet prints after the divisions.
       Only sections that are printed are listed, so every link resolves: the notes
       division is printed only for the notes without an anchor, listed as such. -->
  <xsl:template match="tei:text/*/tei:div[@type = 'notes']" mode="mp:toc"/>

  <xsl:template name="t:toc-back">
    <xsl:for-each select="fp:endnotes-div(.)">
      <li class="toc-back"><a href="#{f:id(.)}">Notes without an anchor in the text</a></li>
    </xsl:for-each>
    <xsl:if test="exists(fp:apparatus-hosts(.))">
      <li class="toc-back"><a href="#apparatus">Variant readings</a></li>
    </xsl:if>
    <xsl:if test="exists(fp:about-paragraphs(.))">
      <li class="toc-back"><a href="#about">About this edition</a></li>
    </xsl:if>
    <xsl:if test="exists(f:register-lists(.))">
      <li class="toc-back"><a href="#registers">Registers</a></li>
    </xsl:if>
  </xsl:template>

  <xsl:template name="t:reading-controls"/>

  <!-- ============================================================== running heads -->

  <!-- Before the heading of every top-level division: an empty marker carrying the
       running-head text as plain text (label and heading, lemma only, no note calls). -->
  <xsl:template match="tei:text/*/tei:div/tei:head[1]" mode="m:block" priority="1">
    <div class="running-head" data-head="{f:div-heading(..)}"></div>
    <xsl:next-match/>
  </xsl:template>

  <!-- ============================================================== links -->

  <!-- On paper a link is only its text: print the URL after a link whose text is not
       the URL itself. -->
  <xsl:template match="*[f:is-safe-target(., normalize-space(@target))]
                        [not(starts-with(normalize-space(@target), '#'))]
                        [normalize-space(.)][normalize-space(.) ne normalize-space(@target)]"
                mode="mp:link" priority="2">
    <xsl:next-match/>
    <xsl:text> </xsl:text>
    <span class="link-url">&lt;<xsl:value-of select="normalize-space(@target)"/>&gt;</span>
  </xsl:template>

  <!-- ============================================================== footnotes -->

  <!-- A note anchor. The first anchor of a note carries the note itself, floated to the
       foot of the page by print.css; later anchors of the same note refer to it; in a
       copy (a variant reading in the apparatus) the number is printed plain. -->
  <!-- Paper and e-books cite by page or file, not by a live link: no cite links. -->
  <xsl:template name="t:cite-link"/>
  <xsl:template name="t:cite-dialog"/>
  <!-- The PDF's metadata comes from t:head-assets below, in the terms WeasyPrint reads. -->
  <xsl:template name="t:head-meta"/>

  <xsl:template name="t:note-anchor">
    <xsl:param name="note" as="element(tei:note)"/>
    <xsl:param name="no-ids" as="xs:boolean" tunnel="yes" select="false()"/>
    <xsl:variable name="num" select="f:note-number($note)"/>
    <xsl:choose>
      <xsl:when test="$no-ids">
        <sup class="note-call copy"><xsl:value-of select="$num"/></sup>
      </xsl:when>
      <xsl:when test=". is f:note-anchors($note)[1]">
        <span class="note-anchor" id="{f:anchor-id(.)}"></span>
        <xsl:variable name="footnote" as="document-node()">
          <xsl:document>
            <xsl:apply-templates select="$note/node()" mode="m:inline"/>
            <xsl:call-template name="fp:apparatus-pointer">
              <xsl:with-param name="host" select="$note"/>
            </xsl:call-template>
          </xsl:document>
        </xsl:variable>
        <span class="footnote" id="{f:note-id($note)}" data-n="{$num}">
          <xsl:apply-templates select="$footnote/node()" mode="fp:trim-start"/>
        </span>
      </xsl:when>
      <xsl:otherwise>
        <a class="note-call repeat" id="{f:anchor-id(.)}" href="#{f:note-id($note)}"><sup><xsl:value-of select="$num"/></sup></a>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- A footnote starts at its first letter: WeasyPrint (70) fails on a footnote whose
       text begins with white space ("Got ' \n' between two lines", Kozea/WeasyPrint#472
       and its kin), which other projects' notes often do (<note>\n   <bibl>...). -->
  <xsl:mode name="fp:trim-start" on-no-match="shallow-copy"/>
  <xsl:template match="text()[not(preceding::text()[normalize-space()])]" mode="fp:trim-start">
    <xsl:value-of select="replace(., '^\s+', '')"/>
  </xsl:template>

  <!-- ============================================================== endnotes -->

  <!-- The notes division holds only the notes that cannot be footnotes: those without
       an anchor in the text. Nothing is printed when every note has an anchor. -->
  <!-- notes standing in the text are footnotes too (t:note-anchor): no list of them -->
  <xsl:template name="t:placed-notes"/>

  <xsl:template name="t:notes-section">
    <xsl:variable name="endnotes" select="tei:note[empty(f:note-anchors(.))]"/>
    <xsl:variable name="other" select="* except (tei:head | tei:note)"/>
    <xsl:if test="$endnotes or $other">
      <section id="{f:id(.)}" class="notes endnotes back-matter">
        <div class="running-head" data-head="Notes without an anchor"></div>
        <h2>Notes without an anchor in the text</h2>
        <p class="explanation">Every other note is printed as a footnote on the page that
          refers to it. The notes below have no anchor in the text; they keep their number
          in the sequence of the notes.</p>
        <ol class="notes-list">
          <xsl:apply-templates select="$endnotes" mode="m:block"/>
        </ol>
        <xsl:apply-templates select="$other" mode="m:block"/>
      </section>
    </xsl:if>
  </xsl:template>

  <xsl:template name="t:note-item">
    <xsl:variable name="num" select="f:note-number(.)"/>
    <li id="{f:note-id(.)}" class="note unanchored" data-n="{$num}">
      <span class="note-num"><xsl:value-of select="$num"/>.</span>
      <xsl:text> </xsl:text>
      <span class="flag">no anchor in the text</span>
      <xsl:text> </xsl:text>
      <span class="note-text"><xsl:apply-templates mode="m:inline"/></span>
      <xsl:call-template name="fp:apparatus-pointer">
        <xsl:with-param name="host" select="."/>
      </xsl:call-template>
    </li>
  </xsl:template>

  <!-- ============================================================== apparatus -->

  <!-- Where a paragraph has variant readings: a pointer to them (the readings
       themselves are in the apparatus section). Notes point from inside the note. -->
  <xsl:template name="t:apparatus">
    <xsl:if test="self::tei:p and (. intersect fp:apparatus-hosts(.))">
      <p class="apparatus-pointer">
        <xsl:call-template name="fp:apparatus-pointer">
          <xsl:with-param name="host" select="."/>
        </xsl:call-template>
      </p>
    </xsl:if>
  </xsl:template>

  <xsl:template name="fp:apparatus-pointer">
    <xsl:param name="host" as="element()"/>
    <xsl:if test="$host intersect fp:apparatus-hosts($host)">
      <xsl:text> (</xsl:text>
      <a class="app-ref" href="#app-{f:id($host)}">variant readings</a>
      <xsl:text>)</xsl:text>
    </xsl:if>
  </xsl:template>

  <!-- Witnesses by their sigla: abbr, @n, else the witness's id. -->
  <xsl:template name="t:witnesses">
    <span class="wit">
      <xsl:text>(</xsl:text>
      <xsl:value-of select="string-join((fp:sigla(., @wit), @type ! string(.)), '; ')"/>
      <xsl:text>)</xsl:text>
    </span>
  </xsl:template>

  <xsl:function name="fp:sigla" as="xs:string*">
    <xsl:param name="context" as="node()"/>
    <xsl:param name="wit" as="xs:string?"/>
    <xsl:for-each select="tokenize(normalize-space($wit), ' ')">
      <xsl:sequence select="fp:siglum(f:resolve($context, .)[self::tei:witness], .)"/>
    </xsl:for-each>
  </xsl:function>

  <xsl:function name="fp:siglum" as="xs:string">
    <xsl:param name="witness" as="element(tei:witness)?"/>
    <xsl:param name="pointer" as="xs:string"/>
    <xsl:sequence select="
      ($witness/tei:abbr[1] ! normalize-space(.), $witness/@n ! string(.),
       $witness/@xml:id ! string(.), replace($pointer, '^#', ''))[.][1]"/>
  </xsl:function>

  <!-- The blocks that hold variant readings, in document order: a variant belongs to
       its note (a note is printed as one footnote, whatever paragraphs it has), else to
       its paragraph. -->
  <xsl:function name="fp:apparatus-hosts" as="element()*">
    <xsl:param name="doc" as="node()"/>
    <xsl:sequence select="
      if ($show-apparatus)
      then f:text-parts($doc)//tei:app[tei:rdg][not(ancestor::tei:app)]
             [not(ancestor::tei:titlePage) or not(f:own-master($doc))]/f:app-host(.)
      else ()"/>
  </xsl:function>

  <xsl:template name="fp:apparatus-section">
    <xsl:variable name="hosts" select="fp:apparatus-hosts(.)"/>
    <xsl:if test="exists($hosts)">
      <section id="apparatus" class="apparatus-section back-matter">
        <div class="running-head" data-head="Variant readings"></div>
        <h2>Variant readings</h2>
        <p class="explanation">The text prints the reading before the bracket ]; the
          readings after it are those of the other witness. Each entry names its
          witnesses by their sigla:</p>
        <dl class="witnesses">
          <xsl:for-each select="/tei:TEI/tei:teiHeader//tei:sourceDesc/tei:listWit/tei:witness">
            <dt><xsl:value-of select="fp:siglum(., '')"/></dt>
            <dd><xsl:apply-templates mode="m:inline"/></dd>
          </xsl:for-each>
        </dl>
        <dl class="apparatus-list">
          <xsl:for-each select="$hosts">
            <dt id="app-{f:id(.)}">
              <a href="#{f:id(.)}"><xsl:value-of select="fp:host-label(.)"/></a>
            </dt>
            <dd>
              <ul>
                <xsl:apply-templates select="f:host-apps(.)" mode="m:apparatus">
                  <xsl:with-param name="no-ids" select="true()" tunnel="yes"/>
                </xsl:apply-templates>
              </ul>
            </dd>
          </xsl:for-each>
        </dl>
      </section>
    </xsl:if>
  </xsl:template>

  <xsl:function name="fp:host-label" as="xs:string">
    <xsl:param name="host" as="element()"/>
    <xsl:sequence select="
      if ($host/self::tei:note) then 'Note ' || f:note-number($host)
      else f:location-label($host)"/>
  </xsl:function>

  <!-- ============================================================== back matter -->

  <!-- html.xsl calls t:registers once, after the text: the place for all the back
       matter that is not in the TEI's back (variant readings, the edition's
       principles, the registers). -->
  <xsl:template name="t:registers">
    <xsl:call-template name="fp:apparatus-section"/>
    <xsl:call-template name="fp:about-section"/>
    <xsl:variable name="lists" select="f:register-lists(.)"/>
    <xsl:if test="$lists">
      <section id="registers" class="registers back-matter">
        <div class="running-head" data-head="Registers"></div>
        <h2>Registers</h2>
        <xsl:apply-templates select="$lists" mode="m:register"/>
      </section>
    </xsl:if>
  </xsl:template>

  <xsl:function name="fp:endnotes-div" as="element(tei:div)*">
    <xsl:param name="doc" as="node()"/>
    <xsl:sequence select="root($doc)/tei:TEI/tei:text/tei:back/tei:div[@type = 'notes']
                          [tei:note[empty(f:note-anchors(.))] or (* except (tei:head | tei:note))]"/>
  </xsl:function>

  <!-- "About this edition" on paper: the summary, then the editorial declaration. -->
  <xsl:function name="fp:about-paragraphs" as="element(tei:p)*">
    <xsl:param name="doc" as="node()"/>
    <xsl:variable name="h" select="root($doc)/tei:TEI/tei:teiHeader"/>
    <xsl:sequence select="$h/tei:profileDesc/tei:abstract/tei:p, fp:declaration-paragraphs($h/tei:encodingDesc)"/>
  </xsl:function>

  <!-- The run-in label of a paragraph of "About this edition": the summary, and each
       editorial principle by its kind ("Correction", "Segmentation" ...). -->
  <xsl:function name="fp:about-label" as="xs:string?">
    <xsl:param name="p" as="element(tei:p)"/>
    <xsl:sequence select="
      if ($p/parent::tei:abstract) then f:fact-label($p/..)
      else if ($p/parent::tei:projectDesc or $p/parent::tei:editorialDecl) then ()
      else fp:capitalise(local-name($p/..))"/>
  </xsl:function>

  <!-- The summary and the encoding description in words: the edition's principles. -->
  <xsl:template name="fp:about-section">
    <xsl:variable name="paras" select="fp:about-paragraphs(.)"/>
    <xsl:if test="exists($paras)">
      <section id="about" class="about back-matter">
        <div class="running-head" data-head="About this edition"></div>
        <h2>About this edition</h2>
        <xsl:for-each select="$paras">
          <p>
            <xsl:for-each select="fp:about-label(.)">
              <b><xsl:value-of select="."/>. </b>
            </xsl:for-each>
            <xsl:apply-templates mode="m:inline"/>
          </p>
        </xsl:for-each>
      </section>
    </xsl:if>
  </xsl:template>

  <!-- ============================================================== colophon -->

  <xsl:template name="t:page-footer">
    <xsl:variable name="h" select="/tei:TEI/tei:teiHeader"/>
    <xsl:variable name="idno" select="$h/tei:fileDesc/tei:publicationStmt/tei:idno[1] ! normalize-space(.)"/>
    <footer class="colophon">
      <p><xsl:value-of select="fp:imprint(.)"/></p>
      <p>Typeset from the TEI master<xsl:for-each select="$idno[.]"><xsl:text> </xsl:text><code><xsl:value-of select="."/>.xml</code></xsl:for-each>
        by XSLT 3.0 and WeasyPrint, in Noto Serif. The PDF file of this edition carries the
        TEI master as an attachment. See the title page for rights.</p>
    </footer>
  </xsl:template>

</xsl:stylesheet>
