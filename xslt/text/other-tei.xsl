<?xml version="1.0" encoding="UTF-8"?>
<!--
  other-tei.xsl: the plain text of common TEI elements that the edition's own masters do
  not use but TEI from other projects does. Imported by text.xsl after common.xsl; the
  HTML counterpart is html/other-tei.xsl. Choice and its readings, gaps, unclear and
  deleted or added text, page breaks, lists, verse, tables, letter openers and closers,
  block quotations, figures. Blocks are finished strings (lines joined by LF), as in
  text.xsl; inline templates return pieces of text. Elements neither module handles still
  fall back to their text (common.xsl, UNHANDLED:).
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:f="urn:x-edition:function"
    xmlns:fp="urn:x-edition:function:private"
    xmlns:m="urn:x-edition:mode"
    xmlns:mp="urn:x-edition:mode:private"
    exclude-result-prefixes="#all">

  <xsl:include href="other-tei/structure.xsl"/>
  <xsl:include href="other-tei/performance.xsl"/>
  <xsl:include href="other-tei/phrases.xsl"/>

  <!-- ============================================================== inline -->

  <!-- choice: the editor's reading only (the HTML names the others in a tooltip) -->
  <xsl:template match="tei:choice" mode="m:inline">
    <xsl:variable name="shown" select="f:choice-reading(.)"/>
    <xsl:for-each select="(* except $shown)[normalize-space()]">
      <xsl:message select="f:omitted-message(., 'the other reading of a choice: the HTML shows it on demand')"/>
    </xsl:for-each>
    <xsl:apply-templates select="$shown/node()" mode="m:inline"/>
  </xsl:template>

  <xsl:template match="tei:sic[not(parent::tei:choice)]" mode="m:inline">
    <xsl:apply-templates mode="m:inline"/>
    <xsl:sequence select="' [sic]'"/>
  </xsl:template>

  <xsl:template match="tei:gap" mode="m:inline">
    <xsl:sequence select="'[…]'"/>
  </xsl:template>

  <xsl:template match="tei:del" mode="m:inline">
    <xsl:sequence select="'[deleted: ' || f:inline(node()) || ']'"/>
  </xsl:template>

  <xsl:template match="tei:emph | tei:term | tei:mentioned | tei:gloss" mode="m:inline">
    <xsl:sequence select="'*' || f:inline(node()) || '*'"/>
  </xsl:template>

  <xsl:template match="tei:soCalled" mode="m:inline">
    <xsl:sequence select="'“' || f:inline(node()) || '”'"/>
  </xsl:template>

  <xsl:template match="tei:pb[normalize-space(@n)]" mode="m:inline">
    <xsl:sequence select="' [p. ' || normalize-space(@n) || '] '"/>
  </xsl:template>
  <xsl:template match="tei:pb[normalize-space(@n)]" mode="m:block">
    <xsl:sequence select="'[p. ' || normalize-space(@n) || ']'"/>
  </xsl:template>

  <xsl:template match="tei:space" mode="m:inline">
    <xsl:sequence select="' '"/>
  </xsl:template>

  <!-- unclear, added text and address lines: their text as it stands -->
  <xsl:template match="tei:unclear | tei:add | tei:addrLine" mode="m:inline">
    <xsl:apply-templates mode="m:inline"/>
  </xsl:template>

  <!-- ============================================================== blocks -->

  <!-- items with a hanging indent: "- " or "1. " -->
  <xsl:template match="tei:list" mode="m:block">
    <xsl:variable name="ordered" select="@type = ('ordered', 'numbered') or @rend = ('numbered', 'ordered')"/>
    <xsl:variable name="lines" as="xs:string*">
      <xsl:apply-templates select="tei:head" mode="m:block"/>
      <xsl:for-each select="tei:item">
        <xsl:variable name="marker" select="if ($ordered) then position() || '. ' else '- '"/>
        <xsl:sequence select="string-join((f:wrap(f:inline((f:breaks-before(.), node(), f:breaks-after(.))), $marker, string-join((1 to string-length($marker)) ! ' ')),
                                           fp:apparatus-of(.)), '&#10;')"/>
      </xsl:for-each>
    </xsl:variable>
    <xsl:sequence select="string-join($lines, '&#10;')"/>
  </xsl:template>

  <!-- a list inside an item: its own lines after the item's text -->
  <xsl:template match="tei:item/tei:list" mode="m:inline">
    <xsl:sequence select="'&#x2028;'"/>
    <xsl:apply-templates select="tei:item" mode="m:inline"/>
  </xsl:template>
  <xsl:template match="tei:item/tei:list/tei:item" mode="m:inline">
    <xsl:sequence select="'- ' || f:inline(node()) || '&#x2028;'"/>
  </xsl:template>

  <xsl:template match="tei:list/tei:head | tei:lg/tei:head | tei:figure/tei:head" mode="m:block">
    <xsl:sequence select="string-join((f:wrap(f:inline(node()), '', ''), fp:apparatus-of(.)), '&#10;')"/>
  </xsl:template>

  <!-- a table: a row per line, cells separated by " | " -->
  <xsl:template match="tei:table" mode="m:block">
    <xsl:variable name="lines" as="xs:string*">
      <xsl:for-each select="tei:head[1]">
        <xsl:sequence select="f:wrap(f:inline(node()), '', '')"/>
      </xsl:for-each>
      <xsl:for-each select="tei:row">
        <xsl:sequence select="f:wrap(string-join(for $row in ., $cell in tei:cell return normalize-space(f:inline((
                                       f:breaks-before($row)[$cell is $row/tei:cell[1]], $cell/node(),
                                       f:breaks-after($row)[$cell is $row/tei:cell[last()]]))), ' | '), '', '    ')"/>
        <xsl:sequence select="tei:cell ! fp:apparatus-of(.)"/>
      </xsl:for-each>
    </xsl:variable>
    <xsl:sequence select="string-join($lines, '&#10;')"/>
  </xsl:template>

  <xsl:template match="tei:opener | tei:closer | tei:postscript | tei:argument | tei:epigraph
                       | tei:quote[tei:p | tei:lg | tei:l | tei:list] | tei:figure" mode="m:block">
    <xsl:variable name="blocks" as="xs:string*">
      <xsl:apply-templates select="." mode="mp:block-content"/>
    </xsl:variable>
    <xsl:sequence select="string-join($blocks[normalize-space()], '&#10;&#10;')"/>
  </xsl:template>
  <xsl:template match="tei:figure/tei:figDesc" mode="m:block">
    <xsl:sequence select="f:wrap('[Figure: ' || normalize-space(f:inline(node())) || ']', '', '')"/>
  </xsl:template>

  <xsl:template match="tei:dateline | tei:salute | tei:signed | tei:signature | tei:ab | tei:byline | tei:docAuthor
                       | tei:docDate | tei:trailer | tei:quote | tei:q | tei:cit" mode="m:block">
    <xsl:sequence select="string-join((f:wrap(f:inline(node()), '', ''), fp:apparatus-of(.)), '&#10;')"/>
  </xsl:template>

  <xsl:template match="tei:address" mode="m:block">
    <xsl:sequence select="string-join(tei:addrLine ! f:wrap(f:inline(node()), '', ''), '&#10;')"/>
  </xsl:template>

  <!-- mixed content: a paragraph of its text; element content: its blocks -->
  <xsl:template match="*" mode="mp:block-content">
    <xsl:apply-templates mode="m:block"/>
  </xsl:template>
  <xsl:template match="*[text()[normalize-space()]]" mode="mp:block-content">
    <xsl:sequence select="f:wrap(f:inline(node()), '', '')"/>
  </xsl:template>

</xsl:stylesheet>
