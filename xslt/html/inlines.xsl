<?xml version="1.0" encoding="UTF-8"?>
<!--
  inlines.xsl: the running text of the HTML edition (mode m:inline). Renditions (hi),
  quotations, names and dates as spans, editorial expansions and additions with their
  brackets, the lemma of an app, bibliographic citations and titles.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:f="urn:x-edition:function"
    xmlns:m="urn:x-edition:mode"
    xmlns:mp="urn:x-edition:mode:private"
    xmlns:t="urn:x-edition:template"
    exclude-result-prefixes="#all">

  <xsl:template match="tei:lb" mode="m:inline">
    <br/>
  </xsl:template>
  <!-- in a verse line a line break is a turnover: the print wrapped the line, which goes
       on (its hanging indent: other-tei.css) -->
  <xsl:template match="tei:l//tei:lb" mode="m:inline">
    <xsl:for-each select="@xml:id"><span id="{.}"></span></xsl:for-each>
    <xsl:if test="not(@break = 'no')"><xsl:text> </xsl:text></xsl:if>
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
  <!-- a rendition no output knows (reported by common.xsl) -->
  <xsl:template name="t:unknown-rend">
    <span class="hi"><xsl:apply-templates mode="m:inline"/></span>
  </xsl:template>

  <xsl:template match="tei:q | tei:quote" mode="m:inline">
    <q class="{local-name()}"><xsl:apply-templates select="@xml:id" mode="mp:id"/><xsl:apply-templates mode="m:inline"/></q>
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
    <span class="{local-name()}"><xsl:apply-templates select="@xml:id" mode="mp:id"/><xsl:apply-templates mode="m:inline"/></span>
  </xsl:template>

  <!-- a name of the header without the identifiers and notes it holds (as m:plain) -->
  <xsl:template match="(tei:author | tei:editor)[ancestor::tei:teiHeader]//(tei:idno | tei:note)" mode="m:inline"/>

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
  <!-- (also in the contents, mode mp:toc-text, contents.xsl) -->
  <xsl:template match="tei:ex | tei:supplied" mode="m:inline mp:toc-text">
    <xsl:variable name="b" select="f:brackets(.)"/>
    <span class="editorial {local-name()}">
      <span class="bracket"><xsl:value-of select="$b[1]"/></span>
      <xsl:apply-templates mode="#current"/>
      <span class="bracket"><xsl:value-of select="$b[2]"/></span>
    </span>
  </xsl:template>

  <!-- apparatus in running text: the lemma only -->
  <xsl:template match="tei:app" mode="m:inline">
    <span class="app"><xsl:apply-templates select="tei:lem" mode="m:inline"/></span>
  </xsl:template>
  <xsl:template match="tei:lem" mode="m:inline">
    <span class="lem"><xsl:apply-templates select="@xml:id" mode="mp:id"/><xsl:apply-templates mode="m:inline"/></span>
  </xsl:template>

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
    <cite class="title"><xsl:apply-templates select="@xml:id" mode="mp:id"/><xsl:apply-templates mode="m:inline"/></cite>
  </xsl:template>
  <xsl:template match="tei:title[not(@ref)][@level = ('a', 'u')]" mode="m:inline" priority="1">
    <span class="title level-{@level}"><xsl:apply-templates select="@xml:id" mode="mp:id"/><xsl:apply-templates mode="m:inline"/></span>
  </xsl:template>

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

</xsl:stylesheet>
