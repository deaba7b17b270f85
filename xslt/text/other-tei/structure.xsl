<?xml version="1.0" encoding="UTF-8"?>
<!--
  other-tei/structure.xsl (plain text): how other projects' TEI is built up, as
  html/other-tei/structure.xsl renders it for the page. Grouped and nested texts,
  numbered divisions, the source's title page, transcriptions of the document (sourceDoc),
  page and column breaks as markers; running heads and catchwords (fw) and index entries
  are not part of the reading text and are left out, each said in an OMITTED: message;
  notes standing in the text have a call [n] where they stand and follow the text under
  "Notes". Blocks are finished strings, as in text.xsl. Part of text/other-tei.xsl.
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

  <!-- ============================================================== texts -->

  <xsl:template match="tei:group | tei:group/tei:text | tei:floatingText | tei:text[ancestor::tei:text]
                       | tei:div1 | tei:div2 | tei:div3 | tei:div4 | tei:div5 | tei:div6 | tei:div7
                       | tei:titlePage[not(f:own-master(.))] | tei:sourceDoc | tei:surfaceGrp" mode="m:block">
    <xsl:apply-templates mode="m:block"/>
  </xsl:template>

  <xsl:template match="tei:head[parent::*[f:is-div(.)] or parent::tei:group or parent::tei:text
                       or parent::tei:front or parent::tei:body or parent::tei:back or parent::tei:floatingText]"
                mode="m:block">
    <xsl:variable name="depth" select="count(ancestor::*[f:is-div(.) or self::tei:text[ancestor::tei:text]])"/>
    <xsl:sequence select="f:heading(normalize-space(f:inline(node())), ('=', '-', '~')[min((max(($depth, 1)), 3))])"/>
    <xsl:call-template name="t:apparatus"/>
  </xsl:template>
  <xsl:template match="tei:head" mode="m:block" priority="-1">
    <xsl:sequence select="f:wrap(f:inline(node()), '', '')"/>
    <xsl:call-template name="t:apparatus"/>
  </xsl:template>

  <xsl:template match="tei:docTitle" mode="m:block">
    <xsl:variable name="parts" as="xs:string*">
      <xsl:apply-templates mode="m:block"/>
    </xsl:variable>
    <xsl:sequence select="string-join($parts[normalize-space()], $fp:NL)"/>
  </xsl:template>

  <xsl:template match="tei:titlePart | tei:docImprint | tei:docEdition | tei:imprimatur | tei:titlePage/tei:docDate
                       | tei:titlePage/tei:docAuthor | tei:titlePage/tei:head" mode="m:block">
    <xsl:sequence select="f:wrap(f:inline(node()), '', '')"/>
    <xsl:call-template name="t:apparatus"/>
  </xsl:template>

  <!-- ============================================================== the document transcribed -->

  <xsl:template match="tei:surface" mode="m:block">
    <xsl:sequence select="'[' || (normalize-space(@n)[.] ! ('Surface ' || .), @xml:id ! ('Surface ' || .),
                                  'Surface ' || (count(preceding::tei:surface) + 1))[1] || ']'"/>
    <xsl:apply-templates select="* except (tei:graphic | tei:desc)" mode="m:block"/>
  </xsl:template>

  <xsl:template match="tei:zone" mode="m:block">
    <xsl:variable name="blocks" as="xs:string*">
      <xsl:apply-templates select="." mode="mp:block-content"/>
    </xsl:variable>
    <xsl:sequence select="string-join($blocks[normalize-space()], $fp:NL)"/>
  </xsl:template>

  <xsl:template match="tei:line" mode="m:block">
    <xsl:variable name="indent" select="if (f:rend-tokens(.) = 'indent') then '    ' else ''"/>
    <xsl:sequence select="string-join((f:wrap(f:inline(node()), $indent, $indent || '    '), fp:apparatus-of(.)), $fp:NL)"/>
  </xsl:template>

  <xsl:template match="tei:mod | tei:retrace | tei:subst | tei:restore | tei:redo | tei:undo | tei:metamark" mode="m:inline">
    <xsl:apply-templates mode="m:inline"/>
  </xsl:template>

  <!-- ============================================================== the page -->

  <xsl:template match="tei:pb" mode="m:inline">
    <xsl:sequence select="' | '"/>
  </xsl:template>
  <xsl:template match="tei:pb" mode="m:block"/>
  <xsl:template match="tei:cb" mode="m:inline">
    <xsl:sequence select="' [col.' || normalize-space(@n)[.] ! (' ' || .) || '] '"/>
  </xsl:template>
  <xsl:template match="tei:milestone[normalize-space(@n)]" mode="m:inline">
    <xsl:sequence select="' [' || string-join((@unit, normalize-space(@n)), ' ') || '] '"/>
  </xsl:template>
  <xsl:template match="tei:cb | tei:milestone" mode="m:block"/>
  <xsl:template match="tei:lb" mode="m:block"/>
  <xsl:template match="tei:delSpan | tei:addSpan | tei:damageSpan | tei:handShift | tei:move | tei:anchor" mode="m:inline m:block"/>
  <xsl:template match="tei:space" mode="m:block"/>

  <!-- page furniture and index entries: not part of the reading text -->
  <xsl:template match="tei:fw" mode="m:inline m:block">
    <xsl:message select="f:omitted-message(., 'page furniture of the source: not part of the reading text')"/>
  </xsl:template>
  <xsl:template match="tei:index" mode="m:inline m:block">
    <xsl:message select="f:omitted-message(., 'an index entry: the HTML shows it on demand')"/>
  </xsl:template>

  <!-- ============================================================== notes in the text -->

  <xsl:template match="tei:note[not(normalize-space() or *)]" mode="m:inline m:block" priority="3"/>

  <xsl:template match="tei:note[f:is-placed-note(.)]" mode="m:inline" priority="2">
    <xsl:sequence select="'[' || f:note-number(.) || ']'"/>
  </xsl:template>
  <xsl:template match="tei:note[f:is-placed-note(.)]" mode="m:block" priority="2">
    <xsl:sequence select="'[' || f:note-number(.) || ']'"/>
  </xsl:template>
  <xsl:template match="tei:note" mode="m:inline">
    <xsl:sequence select="' (' || normalize-space(f:inline(node())) || ')'"/>
  </xsl:template>

  <!-- the notes that stand in the text, after it -->
  <xsl:template name="t:placed-notes">
    <xsl:variable name="notes" select="f:placed-notes(.)"/>
    <xsl:if test="exists($notes)">
      <xsl:sequence select="f:heading('Notes', '=')"/>
      <xsl:for-each select="$notes">
        <xsl:variable name="marker" select="'[' || f:note-number(.) || '] '"/>
        <xsl:variable name="paras" select="if (tei:p) then * else ."/>
        <xsl:variable name="texts" as="xs:string*">
          <xsl:for-each select="$paras">
            <xsl:sequence select="f:wrap(if (self::tei:note) then f:inline(node()) else f:inline(.),
                                         if (position() eq 1) then $marker else '    ', '    ')"/>
          </xsl:for-each>
        </xsl:variable>
        <xsl:sequence select="string-join(($texts, fp:apparatus-of(.)), $fp:NL)"/>
      </xsl:for-each>
    </xsl:if>
  </xsl:template>

  <!-- ============================================================== variant readings between blocks -->

  <xsl:template match="tei:app[f:app-host(.) is .]" mode="m:block">
    <xsl:apply-templates select="tei:lem/node()" mode="m:block"/>
    <xsl:call-template name="t:apparatus"/>
  </xsl:template>
  <xsl:template match="tei:app" mode="m:block">
    <xsl:apply-templates select="tei:lem/node()" mode="m:block"/>
  </xsl:template>

  <xsl:template match="tei:p" mode="m:inline">
    <xsl:sequence select="$fp:LB"/>
    <xsl:apply-templates mode="m:inline"/>
  </xsl:template>

  <!-- the apparatus of a block as a string (or nothing) -->
  <xsl:function name="fp:apparatus-of" as="xs:string?">
    <xsl:param name="host" as="element()"/>
    <xsl:variable name="lines" as="xs:string*">
      <xsl:apply-templates select="$host" mode="mp:apparatus-of"/>
    </xsl:variable>
    <xsl:sequence select="string-join($lines, $fp:NL)[normalize-space()]"/>
  </xsl:function>
  <xsl:mode name="mp:apparatus-of" on-no-match="fail"/>
  <xsl:template match="*" mode="mp:apparatus-of">
    <xsl:call-template name="t:apparatus"/>
  </xsl:template>

</xsl:stylesheet>
