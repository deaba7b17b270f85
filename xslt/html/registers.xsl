<?xml version="1.0" encoding="UTF-8"?>
<!--
  registers.xsl: entity mentions and the registers of the HTML edition, linked both ways.
  Each mention in the text links to its register entry (with a citable id of its own);
  each entry lists its names, dates, descriptions, links and identifiers, and where it is
  mentioned.
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

  <!-- entity mentions: links to their register entry, each with a citable id -->
  <xsl:template match="(tei:persName | tei:orgName | tei:placeName | tei:title | tei:rs)
                       [starts-with(normalize-space(@ref), '#')][exists(f:entity(.))]" mode="m:inline" priority="2">
    <xsl:param name="no-ids" as="xs:boolean" tunnel="yes" select="false()"/>
    <xsl:variable name="entry" select="f:entity(.)"/>
    <a href="#{$entry/@xml:id}" class="entity {f:entity-kind($entry)} {local-name()}{@level ! (' level-' || .)}">
      <xsl:if test="not($no-ids) and ancestor::tei:text and not(ancestor::tei:rdg)">
        <xsl:attribute name="id" select="f:mention-id(.)"/>
      </xsl:if>
      <xsl:apply-templates mode="m:inline"/>
    </a>
  </xsl:template>
  <xsl:template match="(tei:persName | tei:orgName | tei:placeName | tei:title | tei:rs)
                       [starts-with(normalize-space(@ref), '#')]" mode="m:inline" priority="1.5">
    <xsl:message select="f:broken-message(., string(@ref))"/>
    <span class="{local-name()} broken-ref"><xsl:apply-templates mode="m:inline"/></span>
  </xsl:template>
  <xsl:template match="tei:persName | tei:orgName | tei:placeName | tei:rs" mode="m:inline">
    <span class="{local-name()}"><xsl:apply-templates select="@xml:id" mode="mp:id"/><xsl:apply-templates mode="m:inline"/></span>
  </xsl:template>

  <xsl:template name="t:registers">
    <xsl:variable name="lists" select="f:register-lists(.)"/>
    <xsl:if test="$lists">
      <section id="registers" class="registers">
        <h2>Registers</h2>
        <xsl:apply-templates select="$lists" mode="m:register"/>
      </section>
    </xsl:if>
  </xsl:template>

  <!-- One register, its entries in alphabetical order (common.xsl, f:sort-key). -->
  <xsl:template match="tei:listPerson | tei:listOrg | tei:listPlace | tei:listBibl" mode="m:register">
    <section class="register {local-name()}">
      <xsl:apply-templates select="@xml:id" mode="mp:id"/>
      <h3><xsl:value-of select="f:register-title(.)"/></h3>
      <ul>
        <xsl:apply-templates select="* except tei:head" mode="m:register">
          <xsl:sort select="f:sort-key(.)"/>
        </xsl:apply-templates>
      </ul>
    </section>
  </xsl:template>

  <xsl:template match="tei:person | tei:personGrp | tei:org | tei:place" mode="m:register">
    <li class="entry {f:entity-kind(.)}">
      <xsl:apply-templates select="@xml:id" mode="mp:id"/>
      <span class="entry-name"><xsl:value-of select="f:entity-label(.)"/></span>
      <xsl:for-each select="f:life-dates(.)"> (<xsl:value-of select="."/>)</xsl:for-each>
      <xsl:text>.</xsl:text>
      <xsl:call-template name="t:entry-details"/>
    </li>
  </xsl:template>

  <!-- A work: authors, title, imprint and date, other titles, description, links. -->
  <xsl:template match="tei:bibl | tei:biblStruct" mode="m:register">
    <xsl:variable name="title" select="f:entry-name(.)"/>
    <xsl:variable name="imprint" select="* except (f:entry-names(.) | tei:author | tei:editor | tei:note
                                                   | tei:ref | tei:idno)"/>
    <li class="entry work">
      <xsl:apply-templates select="@xml:id" mode="mp:id"/>
      <span class="entry-name">
        <xsl:for-each select="tei:author | tei:editor">
          <xsl:apply-templates select="." mode="m:inline"/>
          <xsl:text>, </xsl:text>
        </xsl:for-each>
        <xsl:apply-templates select="$title" mode="mp:work-title"/>
      </span>
      <xsl:for-each select="$imprint">
        <xsl:text>, </xsl:text>
        <xsl:apply-templates select="." mode="m:inline"/>
      </xsl:for-each>
      <xsl:text>.</xsl:text>
      <xsl:call-template name="t:entry-details">
        <xsl:with-param name="rest" select="()"/>
      </xsl:call-template>
    </li>
  </xsl:template>
  <!-- mixed content: the citation as written -->
  <xsl:template match="tei:bibl[text()[normalize-space()]]" mode="m:register">
    <li class="entry work">
      <xsl:apply-templates select="@xml:id" mode="mp:id"/>
      <xsl:apply-templates mode="m:inline"/>
      <xsl:call-template name="t:occurrences"/>
    </li>
  </xsl:template>

  <xsl:mode name="mp:work-title" on-no-match="fail"/>
  <xsl:template match="tei:title" mode="mp:work-title">
    <cite class="title"><xsl:apply-templates mode="m:inline"/></cite>
  </xsl:template>
  <xsl:template match="tei:title[@level = ('a', 'u')]" mode="mp:work-title">
    <span class="title level-{@level}">“<xsl:apply-templates mode="m:inline"/>”</span>
  </xsl:template>

  <!-- Everything of an entry beyond its name, dates and imprint: other names,
       descriptions, links and authority identifiers; then where it is mentioned. -->
  <xsl:template name="t:entry-details">
    <!-- the parts no other rule prints (for works: none, their imprint has them) -->
    <xsl:param name="rest" as="element()*" select="* except (f:entry-names(.) | tei:birth | tei:death
                                                   | fp:entry-description(.) | fp:entry-links(.) | tei:sex)"/>
    <xsl:variable name="variants" select="f:entry-names(.) except f:entry-name(.)"/>
    <xsl:variable name="described" select="fp:entry-description(.)"/>
    <xsl:variable name="links" select="fp:entry-links(.)"/>
    <xsl:if test="$variants">
      <xsl:text> </xsl:text>
      <span class="alt-names">Also: <xsl:for-each select="$variants">
          <xsl:if test="position() gt 1">, </xsl:if>
          <xsl:apply-templates mode="m:inline"/>
        </xsl:for-each>
        <xsl:if test="not(ends-with(f:plain($variants[last()]), '.'))">.</xsl:if>
      </span>
    </xsl:if>
    <xsl:for-each select="$described | $rest">
      <xsl:text> </xsl:text>
      <xsl:apply-templates select="." mode="mp:entry-part"/>
    </xsl:for-each>
    <xsl:for-each select="$links">
      <xsl:text> </xsl:text>
      <xsl:apply-templates select="." mode="mp:entry-part"/>
    </xsl:for-each>
    <xsl:call-template name="t:occurrences"/>
  </xsl:template>

  <xsl:function name="fp:entry-description" as="element()*">
    <xsl:param name="entry" as="element()"/>
    <xsl:sequence select="$entry/(tei:note | tei:desc | tei:occupation | tei:affiliation | tei:residence
                                  | tei:location | tei:settlement | tei:country)"/>
  </xsl:function>
  <xsl:function name="fp:entry-links" as="element()*">
    <xsl:param name="entry" as="element()"/>
    <xsl:sequence select="$entry/(tei:ref | tei:idno)"/>
  </xsl:function>

  <xsl:mode name="mp:entry-part" on-no-match="fail"/>
  <xsl:template match="*" mode="mp:entry-part">
    <xsl:apply-templates select="." mode="m:inline"/>
  </xsl:template>
  <xsl:template match="tei:note | tei:desc | tei:occupation | tei:affiliation | tei:residence
                       | tei:location | tei:settlement | tei:country" mode="mp:entry-part">
    <span class="{local-name()}"><xsl:apply-templates mode="m:inline"/></span>
    <xsl:value-of select="f:full-stop(.)"/>
  </xsl:template>
  <xsl:template match="tei:ref" mode="mp:entry-part">
    <xsl:apply-templates select="." mode="m:inline"/>
  </xsl:template>
  <xsl:template match="tei:idno" mode="mp:entry-part">
    <span class="idno"><xsl:value-of select="(@type, 'id')[1]"/>: <xsl:value-of select="normalize-space(.)"/></span>
  </xsl:template>
  <!-- @type in any case, as pipeline/conventions/identifiers.py reads it ("URI" and "url" are one) -->
  <xsl:template match="tei:idno[lower-case(@type) = 'wikidata'][matches(normalize-space(.), '^Q[1-9][0-9]*$')]" mode="mp:entry-part">
    <a class="idno" href="https://www.wikidata.org/wiki/{normalize-space(.)}">Wikidata <xsl:value-of select="normalize-space(.)"/></a>
  </xsl:template>
  <xsl:template match="tei:idno[lower-case(@type) = ('uri', 'url')][matches(normalize-space(.), '^https?://\S+$')]" mode="mp:entry-part">
    <a class="idno" href="{normalize-space(.)}"><xsl:value-of select="normalize-space(.)"/></a>
  </xsl:template>

  <xsl:template name="t:occurrences">
    <xsl:variable name="mentions" select="f:mentions-of(.)"/>
    <xsl:if test="$mentions">
      <span class="occurrences">
        <xsl:text> — mentioned in </xsl:text>
        <xsl:for-each-group select="$mentions" group-adjacent="f:location-label(.)">
          <xsl:if test="position() gt 1">, </xsl:if>
          <xsl:for-each select="current-group()">
            <a href="#{f:mention-id(.)}">
              <xsl:value-of select="current-grouping-key() || (if (position() gt 1) then '&#xA0;#' || position() else '')"/>
            </a>
            <xsl:if test="position() lt last()">, </xsl:if>
          </xsl:for-each>
        </xsl:for-each-group>
      </span>
    </xsl:if>
  </xsl:template>

</xsl:stylesheet>
