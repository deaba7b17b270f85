<?xml version="1.0" encoding="UTF-8"?>
<!--
  site-record.xsl: what the corpus site (site.xsl) needs from one TEI master, as a small
  record (dist/<doc>/site.xml), made while the document is built.

  The site page lists every document and merges the registers of all of them. Rendering it
  from the masters themselves means holding every master in memory at once; rendering it
  from these records (a few KB each) keeps it small at any size of corpus, and a rebuild of
  one document remakes one record. The labels and ids are computed here, by the functions
  of common.xsl (f:mention-id, f:location-label, f:entity-label, f:life-dates ...), so they
  are the very ones html.xsl gives the reading edition; the summary is rendered by html.xsl's
  inline mode, as the reading edition's title page renders it.

  Input: a TEI master. Output (deterministic; no path, no date of the build):

    <s:document xmlns:s="urn:x-edition:site" id="tactics-and-tasks" key="...">
      <s:title>The Tactics and Tasks of the Leninist Opposition</s:title>
      <s:sort-date>1932</s:sort-date>
      <s:author>...</s:author>                      one per titleStmt/author
      <s:publisher>...</s:publisher>                one per publicationStmt/publisher
      <s:fact name="written"><s:part>1932</s:part><s:part>Verkhne-Uralsk ...</s:part></s:fact>
      <s:fact name="published">...</s:fact>          the web publication the text is from
      <s:fact name="edition">...</s:fact>            this edition: date, version
      <s:summary><p>...</p></s:summary>              HTML (no namespace), one per abstract
      <s:passages>[["intro","Intro","Introduction"], ... ["sec-IV-p20","§IV ¶20",
        "IV. The struggle for the masses"], ... ]</s:passages>
      <s:entry id="person-besedovsky" kind="person" label="Grigory Zinovievich Besedovsky"
               sort="besedovsky grigory zinovievich besedovsky" dates="1896–1963?">
        <s:mention id="sec-IV-p20-m3" label="§IV ¶20"/>
      </s:entry>
    </s:document>

  The passages are the citable paragraphs, divisions and endnotes (what site.js links a
  search hit to), each as [id, label, section] in document order, written as the JSON the
  page's search data holds (one text, not thousands of elements, for the page to copy:
  at a thousand documents that is most of the memory rendering the page takes); an entry is one of the standOff's register entries with its mentions in the text
  (not the title page, not variant readings), in document order.

  Imports html.xsl for m:inline (the summary) and, through it, common.xsl.

  Parameters: those of common.xsl and html.xsl, and two of its own:
    document-id   xs:string   the document's id (its file name without .xml)
    record-key    xs:string   what pipeline/site.py checks to know the record is current
                              (a digest of the master and of the stylesheets making it)
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:fn="http://www.w3.org/2005/xpath-functions"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:f="urn:x-edition:function"
    xmlns:fp="urn:x-edition:function:private"
    xmlns:m="urn:x-edition:mode"
    xmlns:mp="urn:x-edition:mode:private"
    xmlns:s="urn:x-edition:site"
    exclude-result-prefixes="xs fn tei f fp m mp">

  <xsl:import href="html.xsl"/>

  <!-- The document's id: its file name without .xml (dist/<id>/ holds its outputs). -->
  <xsl:param name="document-id" as="xs:string" select="''"/>
  <!-- The record's key, written as given: pipeline/site.py compares it with the master and
       stylesheets of the day to decide whether the record is still current. -->
  <xsl:param name="record-key" as="xs:string" select="''"/>

  <xsl:output method="xml" encoding="UTF-8" indent="no"/>

  <xsl:template match="/tei:TEI" priority="2">
    <xsl:variable name="h" select="tei:teiHeader"/>
    <!-- one line a part (an entry with its mentions is one part), so that records diff well -->
    <xsl:variable name="parts" as="element()*">
      <s:title><xsl:value-of select="f:main-title(.)"/></s:title>
      <s:sort-date><xsl:value-of select="fp:sort-date(.)"/></s:sort-date>
      <xsl:for-each select="$h/tei:fileDesc/tei:titleStmt/tei:author">
        <s:author><xsl:value-of select="f:plain(.)"/></s:author>
      </xsl:for-each>
      <xsl:for-each select="$h/tei:fileDesc/tei:publicationStmt/tei:publisher">
        <s:publisher><xsl:value-of select="f:plain(.)"/></s:publisher>
      </xsl:for-each>
      <xsl:call-template name="fp:fact">
        <xsl:with-param name="name" select="'written'"/>
        <xsl:with-param name="parts" select="$h/tei:profileDesc/tei:creation/f:written(.)"/>
      </xsl:call-template>
      <xsl:call-template name="fp:fact">
        <xsl:with-param name="name" select="'published'"/>
        <xsl:with-param name="parts" select="$h/tei:fileDesc/tei:sourceDesc/tei:bibl[@type = 'web'][1]/(tei:publisher ! f:plain(.), f:date-text(tei:date[1]))"/>
      </xsl:call-template>
      <xsl:call-template name="fp:fact">
        <xsl:with-param name="name" select="'edition'"/>
        <xsl:with-param name="parts" select="$h/tei:fileDesc/tei:publicationStmt/(f:date-text(tei:date[1]), f:version(.))"/>
      </xsl:call-template>
      <xsl:for-each select="$h/tei:profileDesc/tei:abstract[normalize-space()]">
        <s:summary>
          <xsl:for-each select="tei:p">
            <p><xsl:apply-templates mode="m:inline"><xsl:with-param name="no-ids" select="true()" tunnel="yes"/></xsl:apply-templates></p>
          </xsl:for-each>
          <xsl:if test="not(tei:p)"><p><xsl:value-of select="f:plain(.)"/></p></xsl:if>
        </s:summary>
      </xsl:for-each>
      <s:passages>
        <xsl:variable name="passages" as="element(fn:array)">
          <fn:array>
            <xsl:for-each select="tei:text//*[@xml:id][self::tei:p or self::tei:div or self::tei:note[parent::tei:div[@type = 'notes']]]
                                  [not(ancestor::tei:note or ancestor::tei:titlePage or ancestor::tei:rdg)]">
              <fn:array>
                <fn:string><xsl:value-of select="@xml:id"/></fn:string>
                <fn:string><xsl:value-of select="fp:passage-label(.)"/></fn:string>
                <fn:string><xsl:value-of select="fp:passage-section(.)"/></fn:string>
              </fn:array>
            </xsl:for-each>
          </fn:array>
        </xsl:variable>
        <xsl:value-of select="xml-to-json($passages)"/>
      </s:passages>
      <xsl:for-each select="tei:standOff/(tei:listPerson/(tei:person | tei:personGrp) | tei:listOrg/tei:org
                            | tei:listPlace/tei:place | tei:listBibl/(tei:bibl | tei:biblStruct))[@xml:id]">
        <s:entry id="{@xml:id}" kind="{f:entity-kind(.)}" label="{f:entity-label(.)}" sort="{fp:sort-key(.)}">
          <xsl:for-each select="f:life-dates(.)"><xsl:attribute name="dates" select="."/></xsl:for-each>
          <xsl:for-each select="self::tei:place/@type"><xsl:attribute name="type" select="."/></xsl:for-each>
          <xsl:for-each select="f:mentions-of(.)">
            <s:mention id="{f:mention-id(.)}" label="{f:location-label(.)}"/>
          </xsl:for-each>
        </s:entry>
      </xsl:for-each>
    </xsl:variable>
    <s:document id="{$document-id}" key="{$record-key}">
      <xsl:for-each select="$parts">
        <xsl:text>&#10;</xsl:text>
        <xsl:sequence select="."/>
      </xsl:for-each>
      <xsl:text>&#10;</xsl:text>
    </s:document>
  </xsl:template>

  <!-- One fact of the document, only when there is something to say: its non-empty parts. -->
  <xsl:template name="fp:fact">
    <xsl:param name="name" as="xs:string"/>
    <xsl:param name="parts" as="xs:string*"/>
    <xsl:if test="exists($parts[normalize-space()])">
      <s:fact name="{$name}">
        <xsl:for-each select="$parts[normalize-space()]"><s:part><xsl:value-of select="."/></s:part></xsl:for-each>
      </s:fact>
    </xsl:if>
  </xsl:template>

  <!-- Documents are listed by the date of the text (teiHeader creation), else last. -->
  <xsl:function name="fp:sort-date" as="xs:string">
    <xsl:param name="tei" as="element(tei:TEI)"/>
    <xsl:variable name="date" select="$tei/tei:teiHeader/tei:profileDesc/tei:creation/tei:date[1]"/>
    <xsl:sequence select="string(($date/@when, $date/@notBefore, $date/@from, '9999')[1])"/>
  </xsl:function>

  <!-- How the site alphabetises an entry: persons by surname where the name has one;
       everything without a leading article. -->
  <xsl:function name="fp:sort-key" as="xs:string">
    <xsl:param name="entry" as="element()"/>
    <xsl:variable name="surname" select="(f:entry-name($entry)//tei:surname)[1]"/>
    <xsl:sequence select="lower-case(replace(
        if ($surname) then f:plain($surname) || ' ' || f:entity-label($entry) else f:entity-label($entry),
        '^(the|a|an)\s+', '', 'i'))"/>
  </xsl:function>

  <!-- A passage's label, as the search results show it: a division by its heading, the
       notes as "Notes", a paragraph or note by f:location-label. -->
  <xsl:function name="fp:passage-label" as="xs:string">
    <xsl:param name="e" as="element()"/>
    <xsl:sequence select="
        if ($e/self::tei:div[tei:head]) then f:location-label($e/tei:head[1])
        else if ($e/self::tei:div[@type = 'notes']) then 'Notes'
        else if ($e/self::tei:div) then (($e//tei:p)[1] ! replace(f:location-label(.), '&#xA0;¶\d+$', ''), string($e/@xml:id))[1]
        else f:location-label($e)"/>
  </xsl:function>

  <!-- The top-level division a passage belongs to, as a heading ("IV. The struggle for the
       masses"), "Introduction", or "Notes". -->
  <xsl:function name="fp:passage-section" as="xs:string">
    <xsl:param name="e" as="element()"/>
    <xsl:variable name="top" select="$e/ancestor-or-self::tei:div[parent::tei:body or parent::tei:front or parent::tei:back][1]"/>
    <xsl:sequence select="
        if ($top[@type = 'notes'][not(tei:head)]) then 'Notes'
        else if ($top/tei:head) then f:div-heading($top)
        else if ($top/@type = 'introduction') then 'Introduction'
        else ''"/>
  </xsl:function>

</xsl:stylesheet>
