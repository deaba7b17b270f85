<?xml version="1.0" encoding="UTF-8"?>
<!--
  apparatus.xsl: the critical apparatus of the HTML edition. After each block with
  variant readings, its apps as lemma ] readings, each with the sigla of its witnesses.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:f="urn:x-edition:function"
    xmlns:m="urn:x-edition:mode"
    xmlns:mp="urn:x-edition:mode:private"
    xmlns:t="urn:x-edition:template"
    exclude-result-prefixes="#all">

  <!-- Variant readings of the apps in the current block (not those of a nested note,
       which lists its own). -->
  <xsl:template name="t:apparatus">
    <xsl:variable name="apps" select="f:host-apps(.)"/>
    <xsl:if test="$show-apparatus and $apps[tei:rdg]">
      <details class="apparatus">
        <summary>Variant readings (<xsl:value-of select="count($apps[tei:rdg])"/>)</summary>
        <ul>
          <xsl:apply-templates select="$apps[tei:rdg]" mode="m:apparatus">
            <xsl:with-param name="no-ids" select="true()" tunnel="yes"/>
          </xsl:apply-templates>
        </ul>
      </details>
    </xsl:if>
  </xsl:template>

  <xsl:template match="tei:app" mode="m:apparatus">
    <li class="app-entry">
      <xsl:call-template name="t:app-place"/>
      <xsl:apply-templates select="tei:lem, tei:rdg, tei:rdgGrp/tei:rdg, tei:note, tei:wit" mode="m:apparatus"/>
    </li>
  </xsl:template>

  <!-- Where an entry's passage is, before its lemma: nothing here, where each entry
       follows its passage (the EPUB, which lists them apart, names and links it). -->
  <xsl:template name="t:app-place"/>

  <xsl:template match="tei:lem" mode="m:apparatus">
    <span class="lem"><xsl:apply-templates mode="m:inline"/></span>
    <xsl:text> </xsl:text>
    <xsl:call-template name="t:witnesses"/>
    <span class="sep" aria-hidden="true">]</span>
  </xsl:template>
  <xsl:template match="tei:lem[not(node())]" mode="m:apparatus">
    <span class="lem empty">(not in the text)</span>
    <xsl:text> </xsl:text>
    <xsl:call-template name="t:witnesses"/>
    <span class="sep" aria-hidden="true">]</span>
  </xsl:template>

  <xsl:template match="tei:rdg" mode="m:apparatus">
    <xsl:text> </xsl:text>
    <span class="rdg{@type ! (' ' || .)}">
      <!-- a reading is shown only here: its id lands here (its content has none: copies) -->
      <xsl:for-each select="@xml:id"><xsl:attribute name="id" select="."/></xsl:for-each>
      <xsl:apply-templates mode="m:inline"/>
    </span>
    <xsl:text> </xsl:text>
    <xsl:call-template name="t:witnesses"/>
  </xsl:template>
  <xsl:template match="tei:rdg[not(node())]" mode="m:apparatus">
    <xsl:text> </xsl:text>
    <span class="rdg omitted"><xsl:for-each select="@xml:id"><xsl:attribute name="id" select="."/></xsl:for-each>omitted</span>
    <xsl:text> </xsl:text>
    <xsl:call-template name="t:witnesses"/>
  </xsl:template>

  <!-- a note on the variant, and a statement of witnesses, after the readings -->
  <xsl:template match="tei:app/tei:note | tei:app/tei:wit" mode="m:apparatus">
    <xsl:text> </xsl:text>
    <span class="app-{local-name()}"><xsl:apply-templates mode="m:inline"/></span>
  </xsl:template>

  <!-- the witnesses of a reading, each siglum linked to its description on the title page -->
  <xsl:template name="t:witnesses">
    <span class="wit">
      <xsl:text>(</xsl:text>
      <xsl:variable name="here" select="."/>
      <xsl:for-each select="tokenize(normalize-space(@wit), ' ')">
        <xsl:if test="position() gt 1">, </xsl:if>
        <xsl:variable name="w" select="f:resolve($here, .)[self::tei:witness]"/>
        <xsl:apply-templates select="$w" mode="mp:siglum"/>
        <xsl:value-of select="replace(., '^#', '')[empty($w)]"/>
      </xsl:for-each>
      <xsl:for-each select="@type">; <xsl:value-of select="."/></xsl:for-each>
      <xsl:text>)</xsl:text>
    </span>
  </xsl:template>

  <xsl:mode name="mp:siglum" on-no-match="fail"/>
  <xsl:template match="tei:witness[@xml:id]" mode="mp:siglum">
    <a class="siglum" href="#{@xml:id}"><xsl:value-of select="f:witness-siglum(.)"/></a>
  </xsl:template>
  <xsl:template match="tei:witness" mode="mp:siglum">
    <span class="siglum"><xsl:value-of select="f:witness-siglum(.)"/></span>
  </xsl:template>

</xsl:stylesheet>
