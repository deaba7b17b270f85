<?xml version="1.0" encoding="UTF-8"?>
<!--
  links.xsl: the links of the HTML edition (ref with a target). Live only where the target
  is safe (common.xsl, f:is-safe-target), else the text with its target shown as text.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:f="urn:x-edition:function"
    xmlns:m="urn:x-edition:mode"
    xmlns:mp="urn:x-edition:mode:private"
    exclude-result-prefixes="#all">

  <!-- links: live only for safe targets (common.xsl f:is-safe-target) -->
  <xsl:template match="tei:ref[@target]" mode="m:inline" priority="1">
    <xsl:apply-templates select="." mode="mp:link"/>
  </xsl:template>
  <xsl:template match="tei:ref" mode="m:inline">
    <span class="ref"><xsl:apply-templates mode="m:inline"/></span>
  </xsl:template>

  <!-- A link: live when its target is safe, else its text followed by the target as text. -->
  <xsl:mode name="mp:link" on-no-match="fail"/>
  <xsl:template match="*[f:is-safe-target(., normalize-space(@target))]" mode="mp:link" priority="1">
    <a href="{normalize-space(@target)}" class="ref">
      <xsl:apply-templates select="." mode="mp:link-text"/>
    </a>
  </xsl:template>
  <xsl:template match="*" mode="mp:link">
    <xsl:variable name="target" select="normalize-space(@target)"/>
    <xsl:message select="'UNSAFE-LINK: ' || $target || ' shown as text near #'
                         || f:id((ancestor::*[@xml:id][1], .)[1])"/>
    <span class="ref unsafe-link">
      <xsl:apply-templates select="." mode="mp:link-text"/>
      <xsl:if test="normalize-space(.) and normalize-space(.) ne $target">
        <xsl:text> </xsl:text>
        <span class="link-target">(<xsl:value-of select="$target"/>)</span>
      </xsl:if>
    </span>
  </xsl:template>

  <xsl:mode name="mp:link-text" on-no-match="fail"/>
  <xsl:template match="*" mode="mp:link-text">
    <xsl:apply-templates mode="m:inline"/>
  </xsl:template>
  <xsl:template match="*[not(normalize-space())]" mode="mp:link-text">
    <xsl:value-of select="normalize-space(@target)"/>
  </xsl:template>

</xsl:stylesheet>
