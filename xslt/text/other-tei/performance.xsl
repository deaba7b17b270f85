<?xml version="1.0" encoding="UTF-8"?>
<!--
  other-tei/performance.xsl (plain text): drama and verse. A speech is one block: the
  speaker on a line of its own, then the speech; stage directions indented; a cast list
  as a list. Verse: one line of the text per verse line, in a gutter that shows every
  fifth line's number, a turnover (a line the print wrapped) continued on the next line
  with a deeper indent; stanzas apart. Part of text/other-tei.xsl.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:f="urn:x-edition:function"
    xmlns:fp="urn:x-edition:function:private"
    xmlns:m="urn:x-edition:mode"
    xmlns:mp="urn:x-edition:mode:private"
    exclude-result-prefixes="#all">

  <!-- ============================================================== drama -->

  <xsl:template match="tei:sp" mode="m:block">
    <xsl:variable name="blocks" as="xs:string*">
      <xsl:apply-templates select="." mode="mp:block-content"/>
    </xsl:variable>
    <xsl:sequence select="string-join($blocks[normalize-space()], $fp:NL)"/>
  </xsl:template>

  <xsl:template match="tei:speaker" mode="m:block">
    <xsl:sequence select="string-join((f:wrap(f:inline(node()), '', ''), fp:apparatus-of(.)), $fp:NL)"/>
  </xsl:template>

  <xsl:template match="tei:stage" mode="m:block">
    <xsl:sequence select="string-join((f:wrap(f:inline(node()), '      ', '      '), fp:apparatus-of(.)), $fp:NL)"/>
  </xsl:template>
  <xsl:template match="tei:stage | tei:speaker | tei:role | tei:roleDesc | tei:actor" mode="m:inline">
    <xsl:apply-templates mode="m:inline"/>
  </xsl:template>

  <xsl:template match="tei:spGrp | tei:set | tei:performance | tei:prologue | tei:epilogue" mode="m:block">
    <xsl:variable name="blocks" as="xs:string*">
      <xsl:apply-templates select="." mode="mp:block-content"/>
    </xsl:variable>
    <xsl:sequence select="string-join($blocks[normalize-space()], $fp:NL || $fp:NL)"/>
  </xsl:template>

  <xsl:template match="tei:castList" mode="m:block">
    <xsl:variable name="lines" as="xs:string*">
      <xsl:apply-templates select="tei:head" mode="m:block"/>
      <xsl:apply-templates select="* except tei:head" mode="mp:cast">
        <xsl:with-param name="indent" select="''"/>
      </xsl:apply-templates>
    </xsl:variable>
    <xsl:sequence select="string-join($lines, $fp:NL)"/>
  </xsl:template>

  <xsl:mode name="mp:cast" on-no-match="shallow-skip"/>
  <xsl:template match="*" mode="mp:cast">
    <xsl:param name="indent" as="xs:string"/>
    <xsl:sequence select="f:wrap(fp:spaced(.), $indent || '- ', $indent || '  ')"/>
  </xsl:template>
  <xsl:template match="tei:castGroup" mode="mp:cast">
    <xsl:param name="indent" as="xs:string"/>
    <xsl:sequence select="f:wrap(string-join((tei:head, tei:roleDesc) ! normalize-space(f:inline(node())), ' '),
                                 $indent || '- ', $indent || '  ')"/>
    <xsl:apply-templates select="* except (tei:head | tei:roleDesc)" mode="mp:cast">
      <xsl:with-param name="indent" select="$indent || '  '"/>
    </xsl:apply-templates>
  </xsl:template>

  <!-- the parts of an element, a space between parts that are elements only -->
  <xsl:function name="fp:spaced" as="xs:string">
    <xsl:param name="e" as="element()"/>
    <xsl:sequence select="if ($e/text()[normalize-space()]) then f:inline($e/node())
                          else string-join($e/* ! normalize-space(f:inline(.)), ' ')"/>
  </xsl:function>

  <!-- ============================================================== verse -->

  <xsl:template match="tei:lg" mode="m:block">
    <xsl:variable name="lines" as="xs:string*">
      <xsl:apply-templates mode="m:block"/>
    </xsl:variable>
    <!-- stanzas (lg inside lg) a blank line apart; lines of one stanza together -->
    <xsl:sequence select="string-join($lines[normalize-space()], if (tei:lg) then $fp:NL || $fp:NL else $fp:NL)"/>
  </xsl:template>

  <!-- A verse line in a gutter of six columns: the number every fifth line. -->
  <xsl:template match="tei:l" mode="m:block">
    <xsl:variable name="number" select="if (f:shows-line-number(.)) then f:line-number(.) else ''"/>
    <xsl:variable name="gutter" select="substring('      ', 1, max((1, 5 - string-length($number)))) || $number || ' '"/>
    <xsl:variable name="indent" select="if (f:rend-tokens(.) = 'indent') then '  ' else ''"/>
    <xsl:sequence select="string-join((f:wrap(f:inline(node()), $gutter || $indent, '           '),
                                       fp:apparatus-of(.)), $fp:NL)"/>
  </xsl:template>
  <xsl:template match="tei:l" mode="m:inline">
    <xsl:apply-templates mode="m:inline"/>
    <xsl:sequence select="$fp:LB"/>
  </xsl:template>
  <xsl:template match="tei:caesura" mode="m:inline">
    <xsl:sequence select="'  '"/>
  </xsl:template>

</xsl:stylesheet>
