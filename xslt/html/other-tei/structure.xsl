<?xml version="1.0" encoding="UTF-8"?>
<!--
  other-tei/structure.xsl (HTML): how other projects' TEI is built up. Texts grouped or
  nested in texts, numbered divisions (div1 ... div7), floating texts, the source's own
  title page, transcriptions of the document (sourceDoc: surfaces, zones, lines), page and
  column breaks and milestones as markers, running heads and catchwords (fw) set apart
  from the text, notes standing in the text (a call where they stand, the note in the
  notes list at the end), variant readings standing between blocks.
  Part of html/other-tei.xsl.
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

  <!-- ============================================================== texts -->

  <!-- the containers of the text keep their ids (pointers to a whole text land) -->
  <xsl:template match="(tei:front | tei:body | tei:back)[@xml:id]" mode="m:block">
    <div id="{@xml:id}" class="{local-name()}"><xsl:apply-templates mode="m:block"/></div>
  </xsl:template>

  <!-- phrases shown as they stand (common.xsl): their id on a span -->
  <xsl:template match="(tei:seg | tei:s | tei:w | tei:c | tei:pc | tei:corr | tei:reg | tei:orig | tei:sic
                       | tei:measure | tei:time | tei:geogName | tei:said | tei:cit | tei:damage | tei:surplus
                       | tei:restore | tei:secl)[@xml:id]" mode="m:inline" priority="0.4">
    <span id="{@xml:id}"><xsl:apply-templates mode="m:inline"/></span>
  </xsl:template>

  <xsl:template match="tei:group" mode="m:block">
    <div class="group">
      <xsl:apply-templates select="@xml:id" mode="mp:id"/>
      <xsl:apply-templates mode="m:block"/>
    </div>
  </xsl:template>

  <!-- a text of a group, a text inside a text, a floating text (an inset letter, a tale
       told in the story) -->
  <xsl:template match="tei:group/tei:text | tei:floatingText | tei:text[ancestor::tei:text]" mode="m:block">
    <section id="{f:id(.)}" class="text {local-name()}{@type ! (' ' || .)}">
      <xsl:apply-templates mode="m:block"/>
    </section>
  </xsl:template>

  <xsl:template match="tei:div1 | tei:div2 | tei:div3 | tei:div4 | tei:div5 | tei:div6 | tei:div7" mode="m:block">
    <section id="{f:id(.)}" class="div {local-name()}{@type ! (' ' || .)}">
      <xsl:apply-templates mode="m:block"/>
    </section>
  </xsl:template>

  <!-- the heading of a numbered division, a group, a text, a speech group ... -->
  <xsl:template match="tei:head[parent::*[f:is-div(.)] or parent::tei:group or parent::tei:text
                       or parent::tei:front or parent::tei:body or parent::tei:back or parent::tei:floatingText]"
                mode="m:block">
    <xsl:element name="h{min((count(ancestor::*[f:is-div(.) or self::tei:text[ancestor::tei:text]]) + 1, 6))}">
      <xsl:apply-templates select="@xml:id" mode="mp:id"/>
      <xsl:apply-templates mode="m:inline"/>
    </xsl:element>
    <xsl:call-template name="t:apparatus"/>
  </xsl:template>
  <!-- a head standing elsewhere (in a sp, a castList, an entry ...) -->
  <xsl:template match="tei:head" mode="m:block" priority="-1">
    <p class="block-head">
      <xsl:apply-templates select="@xml:id" mode="mp:id"/>
      <xsl:apply-templates mode="m:inline"/>
    </p>
    <xsl:call-template name="t:apparatus"/>
  </xsl:template>

  <!-- ============================================================== the source's title page -->

  <xsl:template match="tei:titlePage[not(f:own-master(.))]" mode="m:block">
    <section class="titlePage" id="{f:id(.)}" aria-label="Title page of the source">
      <xsl:apply-templates mode="m:block"/>
    </section>
  </xsl:template>

  <xsl:template match="tei:docTitle" mode="m:block">
    <div class="docTitle"><xsl:apply-templates mode="m:block"/></div>
  </xsl:template>

  <xsl:template match="tei:titlePart | tei:docImprint | tei:docEdition | tei:imprimatur | tei:titlePage/tei:docDate
                       | tei:titlePage/tei:docAuthor | tei:titlePage/tei:head" mode="m:block">
    <p class="{local-name()}{@type ! (' ' || .)}">
      <xsl:apply-templates select="@xml:id" mode="mp:id"/>
      <xsl:apply-templates mode="m:inline"/>
    </p>
    <xsl:call-template name="t:apparatus"/>
  </xsl:template>

  <xsl:template match="tei:docAuthor | tei:docDate | tei:docTitle | tei:titlePart | tei:docImprint | tei:docEdition
                       | tei:pubPlace | tei:publisher" mode="m:inline">
    <span class="{local-name()}"><xsl:apply-templates mode="m:inline"/></span>
  </xsl:template>

  <!-- ============================================================== the document transcribed -->

  <xsl:template match="tei:sourceDoc" mode="m:block">
    <section class="sourceDoc" id="{f:id(.)}" aria-label="Transcription of the document">
      <xsl:apply-templates mode="m:block"/>
    </section>
  </xsl:template>

  <xsl:template match="tei:surfaceGrp" mode="m:block">
    <div class="surfaceGrp"><xsl:apply-templates mode="m:block"/></div>
  </xsl:template>

  <!-- a page (or other surface) of the document: its label, then its zones and lines -->
  <xsl:template match="tei:surface" mode="m:block">
    <section class="surface" id="{f:id(.)}">
      <p class="surface-label">
        <xsl:value-of select="(normalize-space(@n)[.] ! ('Surface ' || .),
                               @xml:id ! ('Surface ' || .),
                               'Surface ' || (count(preceding::tei:surface) + 1))[1]"/>
      </p>
      <xsl:apply-templates select="* except (tei:graphic | tei:desc)" mode="m:block"/>
    </section>
  </xsl:template>

  <xsl:template match="tei:zone" mode="m:block">
    <div class="zone{@type ! (' zone-' || .)}">
      <xsl:apply-templates select="@xml:id" mode="mp:id"/>
      <xsl:apply-templates select="." mode="mp:block-content"/>
    </div>
  </xsl:template>

  <xsl:template match="tei:line" mode="m:block">
    <div class="line{f:rend-tokens(.)[. = 'indent'] ! ' indent'}{@rend ! (' rend-' || replace(., '\s+', '-'))}">
      <xsl:apply-templates select="@xml:id" mode="mp:id"/>
      <xsl:apply-templates mode="m:inline"/>
    </div>
    <xsl:call-template name="t:apparatus"/>
  </xsl:template>

  <xsl:template match="tei:mod | tei:retrace | tei:subst | tei:restore | tei:redo | tei:undo" mode="m:inline">
    <span class="{local-name()}"><xsl:apply-templates mode="m:inline"/></span>
  </xsl:template>
  <xsl:template match="tei:metamark" mode="m:inline m:block">
    <span class="metamark" title="a mark of the writer{@function ! (': ' || .)}"><xsl:apply-templates mode="m:inline"/></span>
  </xsl:template>

  <!-- ============================================================== the page -->

  <!-- page, column and line furniture of the source: markers, not text -->
  <xsl:template match="tei:pb" mode="m:inline">
    <span class="pb unnumbered" title="page break of the source">
      <xsl:apply-templates select="@xml:id" mode="mp:id"/>
      <xsl:text>|</xsl:text>
    </span>
  </xsl:template>
  <xsl:template match="tei:pb[normalize-space(@n)]" mode="m:inline" priority="1">
    <span class="pb" title="page {normalize-space(@n)} of the source">
      <xsl:apply-templates select="@xml:id" mode="mp:id"/>
      <xsl:text>[p. </xsl:text><xsl:value-of select="normalize-space(@n)"/><xsl:text>]</xsl:text>
    </span>
  </xsl:template>

  <xsl:template match="tei:cb" mode="m:inline">
    <span class="cb" title="column break of the source">
      <xsl:apply-templates select="@xml:id" mode="mp:id"/>
      <xsl:text>[col.</xsl:text><xsl:value-of select="normalize-space(@n)[.] ! (' ' || .)"/><xsl:text>]</xsl:text>
    </span>
  </xsl:template>

  <xsl:template match="tei:milestone[normalize-space(@n)]" mode="m:inline">
    <span class="milestone" title="{(@unit, 'milestone')[1]} {normalize-space(@n)} of the source">
      <xsl:apply-templates select="@xml:id" mode="mp:id"/>
      <xsl:text>[</xsl:text><xsl:value-of select="string-join((@unit, normalize-space(@n)), ' ')"/><xsl:text>]</xsl:text>
    </span>
  </xsl:template>

  <!-- between blocks: a line of their own -->
  <xsl:template match="tei:pb | tei:cb | tei:milestone[normalize-space(@n)] | tei:fw" mode="m:block">
    <div class="marker"><xsl:apply-templates select="." mode="m:inline"/></div>
  </xsl:template>

  <!-- elements that mark a point: their id is kept, so that pointers to them land -->
  <xsl:template match="tei:anchor[@xml:id] | tei:milestone[@xml:id] | tei:lb[@xml:id] | tei:delSpan[@xml:id]
                       | tei:addSpan[@xml:id] | tei:handShift[@xml:id]" mode="m:inline m:block">
    <span id="{@xml:id}"></span>
  </xsl:template>
  <xsl:template match="tei:delSpan | tei:addSpan | tei:damageSpan | tei:handShift | tei:move" mode="m:inline m:block"/>

  <!-- a line break at block level (between verse lines, speeches ...) has no text to break -->
  <xsl:template match="tei:lb" mode="m:block"/>

  <!-- running heads, catchwords, signatures, page numbers of the print: set apart, small -->
  <xsl:template match="tei:fw" mode="m:inline">
    <span class="fw{@type ! (' fw-' || .)}" title="{fp:fw-label(.)}">
      <xsl:apply-templates select="@xml:id" mode="mp:id"/>
      <xsl:apply-templates mode="m:inline"/>
    </span>
  </xsl:template>

  <xsl:function name="fp:fw-label" as="xs:string">
    <xsl:param name="fw" as="element(tei:fw)"/>
    <xsl:variable name="labels" select="map{'header': 'running head', 'head': 'running head', 'rh': 'running head',
        'catch': 'catchword', 'catchword': 'catchword', 'sig': 'signature', 'signature': 'signature',
        'pageNum': 'page number', 'pageno': 'page number', 'folio': 'page number', 'footer': 'footer'}"/>
    <xsl:sequence select="(string($fw/@type) ! $labels(.), 'page furniture')[1] || ' of the source'"/>
  </xsl:function>

  <!-- ============================================================== notes in the text -->

  <xsl:template match="tei:note[not(normalize-space() or *)]" mode="m:inline m:block" priority="3"/>

  <!-- A note standing in the text: its call where it stands (a link to the notes list,
       and the note in a popover, as for our own notes: t:note-anchor). -->
  <xsl:template match="tei:note[f:is-placed-note(.)]" mode="m:inline" priority="2">
    <xsl:call-template name="t:note-anchor">
      <xsl:with-param name="note" select="."/>
    </xsl:call-template>
  </xsl:template>
  <xsl:template match="tei:note[f:is-placed-note(.)]" mode="m:block" priority="2">
    <p class="note-call">
      <xsl:call-template name="t:note-anchor">
        <xsl:with-param name="note" select="."/>
      </xsl:call-template>
    </p>
  </xsl:template>

  <!-- a note inside a note or a reading: in parentheses where it stands -->
  <xsl:template match="tei:note" mode="m:inline">
    <span class="inner-note">(<xsl:apply-templates mode="m:inline"/>)</span>
  </xsl:template>

  <!-- The list of the notes that stand in the text, after it (numbered as their calls). -->
  <xsl:template name="t:placed-notes">
    <xsl:variable name="notes" select="f:placed-notes(.)"/>
    <xsl:if test="exists($notes)">
      <section id="notes" class="notes placed-notes">
        <h2>Notes</h2>
        <ol class="notes-list">
          <xsl:for-each select="$notes">
            <xsl:call-template name="t:note-item"/>
          </xsl:for-each>
        </ol>
      </section>
    </xsl:if>
  </xsl:template>

  <!-- ============================================================== variant readings between blocks -->

  <!-- An app standing where blocks stand (readings of whole paragraphs, lines, divisions):
       its lemma as blocks, then its readings. -->
  <xsl:template match="tei:app[f:app-host(.) is .]" mode="m:block">
    <div class="app-block">
      <xsl:apply-templates select="@xml:id" mode="mp:id"/>
      <xsl:apply-templates select="tei:lem/node()" mode="m:block"/>
    </div>
    <xsl:call-template name="t:apparatus"/>
  </xsl:template>
  <xsl:template match="tei:app" mode="m:block">
    <xsl:apply-templates select="tei:lem/node()" mode="m:block"/>
  </xsl:template>

  <!-- a paragraph inside a reading or a note shown inline -->
  <xsl:template match="tei:p" mode="m:inline">
    <span class="para"><xsl:apply-templates mode="m:inline"/></span>
  </xsl:template>

</xsl:stylesheet>
