<?xml version="1.0" encoding="UTF-8"?>
<!--
  contents.xsl: the table of contents of the HTML edition. The divisions with a heading,
  each with its label and its heading's text, then the back matter of the page.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:f="urn:x-edition:function"
    xmlns:mp="urn:x-edition:mode:private"
    xmlns:t="urn:x-edition:template"
    exclude-result-prefixes="#all">

  <xsl:template name="t:toc">
    <nav class="toc" aria-label="Contents">
      <h2>Contents</h2>
      <ol>
        <xsl:apply-templates select="/tei:TEI/tei:text/(tei:front, tei:body, tei:back)/tei:div[tei:head]" mode="mp:toc"/>
        <xsl:call-template name="t:toc-back"/>
      </ol>
    </nav>
  </xsl:template>

  <!-- After the divisions: the parts of the page that have no heading in the TEI. -->
  <xsl:template name="t:toc-back">
    <xsl:for-each select="/tei:TEI/tei:text/tei:back/tei:div[@type = 'notes'][not(tei:head)]">
      <li><a href="#{f:id(.)}">Notes</a></li>
    </xsl:for-each>
    <xsl:if test="/tei:TEI/tei:standOff/*[*]">
      <li><a href="#registers">Registers</a></li>
    </xsl:if>
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
       as in the text (inlines.xsl renders them in this mode too), so that the bracket
       switch applies here as well. -->
  <xsl:mode name="mp:toc-text" on-no-match="text-only-copy"/>
  <xsl:template match="tei:rdg | tei:note | tei:ref[@type = 'noteAnchor']" mode="mp:toc-text"/>
  <xsl:template match="tei:lb" mode="mp:toc-text">
    <xsl:text> </xsl:text>
  </xsl:template>

</xsl:stylesheet>
