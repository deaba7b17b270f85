<?xml version="1.0" encoding="UTF-8"?>
<!--
  title-page.xsl: the title page of the HTML edition, built from the teiHeader. Title,
  subtitles, authors, the facts (summary, writing, sources, responsibilities, this
  edition, rights, witnesses), how to cite, and the editorial declaration.
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

</xsl:stylesheet>
