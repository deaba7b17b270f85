<?xml version="1.0" encoding="UTF-8"?>
<!--
  blocks.xsl: the block-level text of the HTML edition (mode m:block). Divisions as
  <section>, headings with their labels, paragraphs and numbered theses, each citable one
  with its "cite" link; element ids; what an element no template handles becomes.
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

  <xsl:template match="tei:div" mode="m:block">
    <section id="{f:id(.)}" class="{fp:div-class(.)}">
      <xsl:apply-templates mode="m:block"/>
    </section>
  </xsl:template>

  <!-- The classes of a division's <section>: div, its type, its rendition. -->
  <xsl:function name="fp:div-class" as="xs:string">
    <xsl:param name="div" as="element(tei:div)"/>
    <xsl:sequence select="string-join(('div', $div/@type, $div/@rend ! ('rend-' || .)), ' ')"/>
  </xsl:function>

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
    <xsl:call-template name="t:apparatus"/>
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

  <!-- The element's own xml:id as the HTML id, except in copies (popovers, variant
       readings) where an id would be duplicated. -->
  <xsl:template match="@xml:id" mode="mp:id">
    <xsl:param name="no-ids" as="xs:boolean" tunnel="yes" select="false()"/>
    <xsl:if test="not($no-ids)">
      <xsl:attribute name="id" select="."/>
    </xsl:if>
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

</xsl:stylesheet>
