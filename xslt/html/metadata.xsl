<?xml version="1.0" encoding="UTF-8"?>
<!--
  metadata.xsl: citation metadata of the HTML page, read from the teiHeader. <meta> in
  <head>: Highwire Press tags (citation_*) and Dublin Core (DC.*), for reference managers
  and library harvesters.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:f="urn:x-edition:function"
    xmlns:t="urn:x-edition:template"
    exclude-result-prefixes="#all">

  <!-- Citation metadata read from the teiHeader, for reference managers and library
       harvesters: Highwire Press tags (citation_*) and Dublin Core (DC.*). -->
  <xsl:template name="t:head-meta">
    <xsl:variable name="h" select="/tei:TEI/tei:teiHeader"/>
    <xsl:variable name="fd" select="$h/tei:fileDesc"/>
    <xsl:variable name="web" select="$fd/tei:sourceDesc/tei:bibl[@type = 'web'][1]"/>
    <xsl:variable name="published" select="($web/tei:date/@when, $fd/tei:publicationStmt/tei:date/@when)[1]"/>
    <meta name="citation_title" content="{f:main-title(.)}"/>
    <xsl:for-each select="$fd/tei:titleStmt/tei:author">
      <meta name="citation_author" content="{f:plain(.)}"/>
    </xsl:for-each>
    <xsl:for-each select="$published">
      <meta name="citation_publication_date" content="{translate(., '-', '/')}"/>
    </xsl:for-each>
    <xsl:for-each select="($web/tei:publisher, $fd/tei:publicationStmt/tei:publisher)[1]">
      <meta name="citation_publisher" content="{f:plain(.)}"/>
    </xsl:for-each>
    <meta name="citation_language" content="{f:language(.)}"/>
    <xsl:if test="normalize-space($edition-url)">
      <meta name="citation_public_url" content="{$edition-url}"/>
    </xsl:if>
    <link rel="schema.DC" href="http://purl.org/dc/elements/1.1/"/>
    <meta name="DC.title" content="{f:main-title(.)}"/>
    <xsl:for-each select="$fd/tei:titleStmt/tei:author">
      <meta name="DC.creator" content="{f:plain(.)}"/>
    </xsl:for-each>
    <xsl:for-each select="$h/tei:profileDesc/tei:creation/tei:date/@when[1]">
      <meta name="DC.date" content="{.}"/>
    </xsl:for-each>
    <xsl:for-each select="$fd/tei:publicationStmt/tei:publisher[1]">
      <meta name="DC.publisher" content="{f:plain(.)}"/>
    </xsl:for-each>
    <meta name="DC.language" content="{f:language(.)}"/>
    <meta name="DC.type" content="Text"/>
    <meta name="DC.format" content="text/html"/>
    <xsl:for-each select="$fd/tei:publicationStmt/tei:idno[1]">
      <meta name="DC.identifier" content="{f:plain(.)}"/>
    </xsl:for-each>
    <xsl:for-each select="$web">
      <meta name="DC.source" content="{f:plain(.)}"/>
    </xsl:for-each>
    <xsl:for-each select="$fd/tei:publicationStmt/tei:availability[1]">
      <meta name="DC.rights" content="{f:plain(.)}"/>
    </xsl:for-each>
    <xsl:for-each select="$h/tei:profileDesc/tei:abstract[normalize-space()][1]">
      <meta name="DC.description" content="{f:plain(.)}"/>
    </xsl:for-each>
  </xsl:template>

</xsl:stylesheet>
