<?xml version="1.0" encoding="UTF-8"?>
<!--
  other-tei/performance.xsl (HTML): drama and verse. Speeches with their speaker set
  apart, stage directions (as blocks and within a speech), cast lists with their groups,
  roles and role descriptions; verse lines one to a line with every fifth line's number
  (f:line-number), turnover lines (a line the print wrapped: lb inside l) with a hanging
  indent, stanzas apart. Part of html/other-tei.xsl.
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

  <!-- ============================================================== drama -->

  <xsl:template match="tei:sp" mode="m:block">
    <div class="sp">
      <xsl:apply-templates select="@xml:id" mode="mp:id"/>
      <xsl:apply-templates mode="m:block"/>
    </div>
  </xsl:template>
  <!-- a speech of running text only: the text as one paragraph -->
  <xsl:template match="tei:sp[not(tei:speaker)][text()[normalize-space()]]" mode="m:block">
    <div class="sp">
      <xsl:apply-templates select="@xml:id" mode="mp:id"/>
      <p><xsl:apply-templates mode="m:inline"/></p>
    </div>
  </xsl:template>

  <xsl:template match="tei:speaker" mode="m:block">
    <p class="speaker">
      <xsl:apply-templates select="@xml:id" mode="mp:id"/>
      <xsl:apply-templates mode="m:inline"/>
    </p>
    <xsl:call-template name="t:apparatus"/>
  </xsl:template>

  <xsl:template match="tei:stage" mode="m:block">
    <p class="stage{@type ! (' stage-' || .)}">
      <xsl:apply-templates select="@xml:id" mode="mp:id"/>
      <xsl:apply-templates mode="m:inline"/>
    </p>
    <xsl:call-template name="t:apparatus"/>
  </xsl:template>
  <xsl:template match="tei:stage | tei:speaker" mode="m:inline">
    <span class="{local-name()}">
      <xsl:apply-templates select="@xml:id" mode="mp:id"/>
      <xsl:apply-templates mode="m:inline"/>
    </span>
  </xsl:template>

  <xsl:template match="tei:spGrp | tei:set | tei:performance | tei:prologue | tei:epilogue" mode="m:block">
    <div class="{local-name()}">
      <xsl:apply-templates select="@xml:id" mode="mp:id"/>
      <xsl:apply-templates select="." mode="mp:block-content"/>
    </div>
  </xsl:template>

  <xsl:template match="tei:castList" mode="m:block">
    <div class="castList">
      <xsl:apply-templates select="@xml:id" mode="mp:id"/>
      <xsl:apply-templates select="tei:head" mode="m:block"/>
      <ul class="cast">
        <xsl:apply-templates select="* except tei:head" mode="mp:cast"/>
      </ul>
    </div>
  </xsl:template>

  <xsl:mode name="mp:cast" on-no-match="shallow-skip"/>
  <xsl:template match="tei:castItem" mode="mp:cast">
    <li class="castItem">
      <xsl:apply-templates select="@xml:id" mode="mp:id"/>
      <xsl:apply-templates mode="m:inline"/>
    </li>
  </xsl:template>
  <xsl:template match="tei:castGroup" mode="mp:cast">
    <li class="castGroup">
      <xsl:apply-templates select="@xml:id" mode="mp:id"/>
      <xsl:apply-templates select="tei:head/node()" mode="m:inline"/>
      <ul class="cast">
        <xsl:apply-templates select="* except (tei:head | tei:roleDesc)" mode="mp:cast"/>
      </ul>
      <xsl:for-each select="tei:roleDesc">
        <span class="roleDesc"><xsl:apply-templates mode="m:inline"/></span>
      </xsl:for-each>
    </li>
  </xsl:template>
  <!-- anything else in a cast list (a note, a stage direction): its own item -->
  <xsl:template match="*" mode="mp:cast">
    <li><xsl:apply-templates select="." mode="m:inline"/></li>
  </xsl:template>

  <xsl:template match="tei:role | tei:roleDesc | tei:actor" mode="m:inline">
    <span class="{local-name()}">
      <xsl:apply-templates select="@xml:id" mode="mp:id"/>
      <xsl:apply-templates mode="m:inline"/>
    </span>
  </xsl:template>

  <!-- ============================================================== verse -->

  <xsl:template match="tei:lg" mode="m:block">
    <div class="lg{@type ! (' lg-' || .)}">
      <xsl:apply-templates select="@xml:id" mode="mp:id"/>
      <xsl:apply-templates mode="m:block"/>
    </div>
  </xsl:template>

  <!-- a verse line: its number every fifth line (a turnover, lb inside the line, only
       continues it: inlines.xsl) -->
  <xsl:template match="tei:l" mode="m:block">
    <div class="l{if (f:rend-tokens(.) = 'indent') then ' indent' else ''}{@part ! (' part-' || lower-case(.))}">
      <xsl:apply-templates select="@xml:id" mode="mp:id"/>
      <xsl:if test="f:shows-line-number(.)">
        <span class="line-num" aria-hidden="true"><xsl:value-of select="f:line-number(.)"/></span>
        <xsl:text> </xsl:text>
      </xsl:if>
      <xsl:apply-templates mode="m:inline"/>
    </div>
    <xsl:call-template name="t:apparatus"/>
  </xsl:template>
  <!-- a verse line inside running text -->
  <xsl:template match="tei:l" mode="m:inline">
    <span class="l"><xsl:apply-templates mode="m:inline"/></span><br/>
  </xsl:template>

  <xsl:template match="tei:caesura" mode="m:inline">
    <span class="caesura"><xsl:text> </xsl:text></span>
  </xsl:template>

</xsl:stylesheet>
