<?xml version="1.0" encoding="UTF-8"?>
<!--
  mention-ids.xsl: the id of every entity mention of a TEI master, for the linked-data
  export (pipeline/export/mentions.py), so that an annotation and the highlighted name in
  the reading edition share one identifier. The ids are computed here, by f:mention-id of
  common.xsl, the very function the HTML and the site record use; Python only reads them.

  Output (text): one line per mention, in document order: the mention's place as a path of
  element positions from the root ("/*[1]/*[2]/*[7]"), a tab, its id.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:f="urn:x-edition:function"
    exclude-result-prefixes="#all">

  <xsl:import href="common.xsl"/>

  <xsl:output method="text" encoding="UTF-8"/>

  <xsl:template match="/">
    <xsl:for-each select="//*[f:is-mention(.)]">
      <xsl:value-of select="string-join(ancestor-or-self::*/('/*[' || count(preceding-sibling::*) + 1 || ']'), '')
                            || '&#9;' || f:mention-id(.) || '&#10;'"/>
    </xsl:for-each>
  </xsl:template>

</xsl:stylesheet>
