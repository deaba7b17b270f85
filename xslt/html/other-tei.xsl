<?xml version="1.0" encoding="UTF-8"?>
<!--
  other-tei.xsl: the HTML of common TEI elements that the edition's own masters do not
  use but TEI from other projects does. Choice and its readings, gaps, unclear and
  deleted or added text, page breaks, lists, verse, tables, letter openers and closers,
  block quotations, figures. Output is XHTML-safe (the EPUB reuses it) and needs no
  script or outside resource.

  Imported by html.xsl (hence by print.xsl and epub.xsl) after common.xsl: its rules win
  over common's (numbered page breaks), html.xsl's own modules over its. Elements neither
  this module nor html.xsl handles still fall back to their text (common.xsl, UNHANDLED:).
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:f="urn:x-edition:function"
    xmlns:m="urn:x-edition:mode"
    xmlns:mp="urn:x-edition:mode:private"
    xmlns:t="urn:x-edition:template"
    exclude-result-prefixes="#all">

  <xsl:include href="other-tei/structure.xsl"/>
  <xsl:include href="other-tei/performance.xsl"/>
  <xsl:include href="other-tei/phrases.xsl"/>

  <!-- ============================================================== inline -->

  <!-- choice: the editor's reading, the others in its title (hover, and read aloud) -->
  <xsl:template match="tei:choice" mode="m:inline">
    <xsl:variable name="shown" select="f:choice-reading(.)"/>
    <span class="choice"
          title="{string-join((* except $shown) ! (f:alternative-label(.) || ': ' || f:plain(.)), '; ')}">
      <xsl:apply-templates select="$shown/node()" mode="m:inline"/>
    </span>
  </xsl:template>

  <xsl:template match="tei:sic[not(parent::tei:choice)]" mode="m:inline">
    <xsl:apply-templates mode="m:inline"/>
    <span class="sic"> [sic]</span>
  </xsl:template>

  <xsl:template match="tei:gap" mode="m:inline">
    <span class="gap" title="{string-join(('omitted in the source', @reason, @extent ! string(.)), ': ')}">[…]</span>
  </xsl:template>

  <xsl:template match="tei:unclear" mode="m:inline">
    <span class="unclear" title="unclear in the source">
      <xsl:apply-templates mode="m:inline"/>
    </span>
  </xsl:template>

  <xsl:template match="tei:del" mode="m:inline">
    <del><xsl:apply-templates mode="m:inline"/></del>
  </xsl:template>

  <xsl:template match="tei:add" mode="m:inline">
    <ins><xsl:apply-templates mode="m:inline"/></ins>
  </xsl:template>

  <xsl:template match="tei:emph | tei:term | tei:mentioned | tei:gloss" mode="m:inline">
    <em><xsl:apply-templates mode="m:inline"/></em>
  </xsl:template>

  <xsl:template match="tei:soCalled" mode="m:inline">
    <xsl:text>“</xsl:text>
    <xsl:apply-templates mode="m:inline"/>
    <xsl:text>”</xsl:text>
  </xsl:template>

  <xsl:template match="tei:space" mode="m:inline m:block"/>

  <!-- ============================================================== blocks -->

  <xsl:template match="tei:list" mode="m:block">
    <xsl:apply-templates select="tei:head" mode="m:block"/>
    <xsl:element name="{if (@type = ('ordered', 'numbered') or @rend = ('numbered', 'ordered')) then 'ol' else 'ul'}">
      <xsl:attribute name="class" select="'list'"/>
      <xsl:apply-templates select="@xml:id" mode="mp:id"/>
      <xsl:apply-templates select="tei:item" mode="m:block"/>
    </xsl:element>
  </xsl:template>

  <xsl:template match="tei:list/tei:item" mode="m:block">
    <li>
      <xsl:apply-templates select="@xml:id" mode="mp:id"/>
      <xsl:apply-templates select="f:breaks-before(.), node(), f:breaks-after(.)" mode="m:inline"/>
      <xsl:call-template name="t:apparatus"/>
    </li>
  </xsl:template>

  <!-- nested lists inside an item keep their structure, unless the list they stand in
       is itself inside a paragraph (then phrases.xsl writes them as lines) -->
  <xsl:template match="tei:item/tei:list[not(ancestor::*[self::tei:p or self::tei:ab or self::tei:l or self::tei:head
                         or self::tei:note or self::tei:div or self::tei:body or self::tei:front or self::tei:back]
                         [1][self::tei:p or self::tei:ab or self::tei:l or self::tei:head])]" mode="m:inline">
    <xsl:apply-templates select="." mode="m:block"/>
  </xsl:template>

  <xsl:template match="tei:list/tei:head | tei:lg/tei:head | tei:figure/tei:head" mode="m:block">
    <p class="block-head"><xsl:apply-templates mode="m:inline"/></p>
    <xsl:call-template name="t:apparatus"/>
  </xsl:template>

  <xsl:template match="tei:table" mode="m:block">
    <table class="table">
      <xsl:apply-templates select="@xml:id" mode="mp:id"/>
      <xsl:for-each select="tei:head[1]">
        <caption><xsl:apply-templates mode="m:inline"/></caption>
      </xsl:for-each>
      <tbody>
        <xsl:for-each select="tei:row">
          <tr>
            <xsl:apply-templates select="@xml:id" mode="mp:id"/>
            <xsl:variable name="row" select="."/>
            <xsl:for-each select="tei:cell">
              <xsl:element name="{if (@role = 'label' or ../@role = 'label') then 'th' else 'td'}">
                <xsl:if test="normalize-space(@cols)"><xsl:attribute name="colspan" select="@cols"/></xsl:if>
                <xsl:if test="normalize-space(@rows)"><xsl:attribute name="rowspan" select="@rows"/></xsl:if>
                <xsl:apply-templates select="@xml:id" mode="mp:id"/>
                <xsl:apply-templates select="f:breaks-before($row)[current() is $row/tei:cell[1]], node(),
                                             f:breaks-after($row)[current() is $row/tei:cell[last()]]" mode="m:inline"/>
                <xsl:call-template name="t:apparatus"/>
              </xsl:element>
            </xsl:for-each>
          </tr>
        </xsl:for-each>
      </tbody>
    </table>
  </xsl:template>

  <xsl:template match="tei:opener | tei:closer | tei:postscript | tei:argument | tei:epigraph" mode="m:block">
    <div class="{local-name()}">
      <xsl:apply-templates select="@xml:id" mode="mp:id"/>
      <xsl:apply-templates select="." mode="mp:block-content"/>
    </div>
  </xsl:template>

  <xsl:template match="tei:dateline | tei:salute | tei:signed | tei:signature | tei:ab | tei:byline | tei:docAuthor
                       | tei:docDate | tei:trailer | tei:address" mode="m:block">
    <p class="{local-name()}">
      <xsl:apply-templates select="@xml:id" mode="mp:id"/>
      <xsl:apply-templates mode="m:inline"/>
    </p>
    <xsl:call-template name="t:apparatus"/>
  </xsl:template>
  <xsl:template match="tei:address/tei:addrLine" mode="m:inline">
    <xsl:if test="preceding-sibling::tei:addrLine"><br/></xsl:if>
    <xsl:apply-templates mode="m:inline"/>
  </xsl:template>

  <!-- a quotation set off from the text -->
  <xsl:template match="tei:quote[tei:p | tei:lg | tei:l | tei:list]" mode="m:block" priority="1">
    <xsl:element name="{if (parent::tei:cit) then 'div' else 'blockquote'}">
      <xsl:attribute name="class" select="local-name()"/>
      <xsl:apply-templates select="@xml:id" mode="mp:id"/>
      <xsl:apply-templates mode="m:block"/>
    </xsl:element>
  </xsl:template>
  <xsl:template match="tei:quote | tei:q" mode="m:block">
    <blockquote>
      <xsl:apply-templates select="@xml:id" mode="mp:id"/>
      <p><xsl:apply-templates mode="m:inline"/></p>
    </blockquote>
  </xsl:template>
  <!-- a quotation with its source: quoted blocks as blocks, the rest (the bibl, a short
       quotation, anchors) as paragraphs between them -->
  <xsl:template match="tei:cit" mode="m:block">
    <blockquote class="cit">
      <xsl:apply-templates select="@xml:id" mode="mp:id"/>
      <xsl:for-each-group select="node()" group-adjacent="exists(self::tei:quote[tei:p | tei:lg | tei:l | tei:list]
                                                              | self::tei:p | self::tei:lg)">
        <xsl:choose>
          <xsl:when test="current-grouping-key()">
            <xsl:apply-templates select="current-group()" mode="m:block"/>
          </xsl:when>
          <xsl:when test="current-group()/self::* or normalize-space(string-join(current-group()))">
            <p><xsl:apply-templates select="current-group()" mode="m:inline"/></p>
          </xsl:when>
        </xsl:choose>
      </xsl:for-each-group>
    </blockquote>
  </xsl:template>

  <xsl:template match="tei:figure" mode="m:block">
    <figure class="figure">
      <xsl:apply-templates select="@xml:id" mode="mp:id"/>
      <xsl:for-each select="tei:head">
        <figcaption><xsl:apply-templates mode="m:inline"/></figcaption>
      </xsl:for-each>
      <xsl:for-each select="* except tei:head">
        <xsl:choose>
          <xsl:when test="self::tei:figDesc">
            <p><xsl:apply-templates mode="m:inline"/></p>
          </xsl:when>
          <xsl:when test="self::tei:graphic or self::tei:label">
            <p><xsl:apply-templates select="." mode="m:inline"/></p>
          </xsl:when>
          <xsl:otherwise><xsl:apply-templates select="." mode="m:block"/></xsl:otherwise>
        </xsl:choose>
      </xsl:for-each>
    </figure>
  </xsl:template>
  <xsl:template match="tei:figDesc" mode="m:inline">
    <span class="figDesc"><xsl:apply-templates mode="m:inline"/></span>
  </xsl:template>

  <!-- mixed content: a paragraph of its text; element content: its blocks -->
  <xsl:template match="*" mode="mp:block-content">
    <xsl:apply-templates mode="m:block"/>
  </xsl:template>
  <xsl:template match="*[text()[normalize-space()]]" mode="mp:block-content">
    <p><xsl:apply-templates mode="m:inline"/></p>
  </xsl:template>

</xsl:stylesheet>
