<?xml version="1.0" encoding="UTF-8"?>
<!--
  text.xsl: the plain-text edition (<doc>.txt). UTF-8, LF line ends, every line at most
  $line-width columns (words are never broken; a single token longer than the line, such
  as a URL, stands alone on its line).

  Layout: a title block from the teiHeader; headings underlined (= sections, - subsections)
  with their labels ("III.", "A)"); thesis numbers ("1."); note markers [n] in the text;
  the notes as endnotes "[n] text"; editorial brackets as the parameter says; link URLs
  after the link text when they differ; the registers at the end.

  Imports common.xsl and renders its shared modes: m:block returns finished blocks (one
  string each, lines joined by LF), m:inline returns the pieces of a block's text. The
  TEI of other projects (lists, verse, tables, letters ...) is text/other-tei.xsl's.

  Parameters: those of common.xsl (editorial-brackets, build-date, show-apparatus,
  edition-url) and
    line-width         xs:integer  the longest line, in characters
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

  <xsl:import href="common.xsl"/>
  <xsl:import href="text/other-tei.xsl"/>

  <!-- The longest line of the text edition, in characters (78: e-mail and terminal safe). -->
  <xsl:param name="line-width" as="xs:integer" select="78"/>

  <xsl:output method="text" encoding="UTF-8"/>

  <!-- A line break inside a block (tei:lb) until the block is wrapped. -->
  <xsl:variable name="fp:LB" as="xs:string" select="'&#x2028;'"/>
  <xsl:variable name="fp:NL" as="xs:string" select="'&#10;'"/>

  <!-- ============================================================== document -->

  <xsl:template match="/tei:TEI">
    <xsl:variable name="blocks" as="xs:string*">
      <xsl:call-template name="t:title-block"/>
      <xsl:apply-templates select="f:text-parts(.)" mode="m:block"/>
      <xsl:call-template name="t:placed-notes"/>
      <xsl:call-template name="t:registers"/>
      <xsl:call-template name="t:colophon"/>
    </xsl:variable>
    <xsl:value-of select="string-join($blocks[normalize-space()], $fp:NL || $fp:NL) || $fp:NL"/>
  </xsl:template>

  <!-- ============================================================== layout functions -->

  <!-- Wrap text into lines of at most $line-width characters. $first starts the first
       line (a marker such as "[12] " or "1. "), $indent the following ones. LINE
       SEPARATOR characters (from tei:lb) force a break. -->
  <xsl:function name="f:wrap" as="xs:string">
    <xsl:param name="text" as="xs:string"/>
    <xsl:param name="first" as="xs:string"/>
    <xsl:param name="indent" as="xs:string"/>
    <xsl:variable name="segments" select="tokenize($text, $fp:LB)"/>
    <xsl:variable name="lines" as="xs:string*">
      <xsl:for-each select="$segments">
        <xsl:sequence select="fp:lines(normalize-space(.),
                                       if (position() eq 1) then $first else $indent, $indent)"/>
      </xsl:for-each>
    </xsl:variable>
    <xsl:sequence select="string-join($lines, $fp:NL)"/>
  </xsl:function>

  <!-- Fill lines greedily, a line at a time (one step per line, not per word: this is
       the text edition's hottest code). $text is normalised (words separated by single
       spaces). Each step puts on the line, after its $prefix ($first, then $indent), the
       longest run of whole words that fits: the words before the last space within the
       first room + 1 characters. If not even the first word fits, the line ends (a marker
       with no room for it stands alone) and the word starts the next one; a word longer
       than a line stands alone, unindented. Every step consumes text or ends a line, so
       2n + 2 steps are always enough. -->
  <xsl:function name="fp:lines" as="xs:string*">
    <xsl:param name="text" as="xs:string"/>
    <xsl:param name="first" as="xs:string"/>
    <xsl:param name="indent" as="xs:string"/>
    <xsl:iterate select="0 to 2 * string-length($text) + 1">
      <xsl:param name="prefix" as="xs:string" select="$first"/>
      <xsl:param name="rest" as="xs:string" select="$text"/>
      <xsl:variable name="room" select="$line-width - string-length($prefix)"/>
      <xsl:choose>
        <xsl:when test="$rest eq '' or string-length($rest) le $room">
          <xsl:sequence select="fp:rtrim($prefix || $rest)[normalize-space()]"/>
          <xsl:break/>
        </xsl:when>
        <xsl:otherwise>
          <xsl:variable name="head" select="if ($room lt 1) then ''
                                            else string-join(tokenize(substring($rest, 1, $room + 1), ' ')[position() lt last()], ' ')"/>
          <xsl:choose>
            <xsl:when test="$head ne ''">
              <xsl:sequence select="fp:rtrim($prefix || $head)"/>
              <xsl:next-iteration>
                <xsl:with-param name="prefix" select="$indent"/>
                <xsl:with-param name="rest" select="substring($rest, string-length($head) + 2)"/>
              </xsl:next-iteration>
            </xsl:when>
            <xsl:otherwise>
              <!-- not even the first word fits: the line ends before it -->
              <xsl:variable name="word" select="substring-before($rest || ' ', ' ')"/>
              <xsl:sequence select="fp:rtrim($prefix)[normalize-space()]"/>
              <xsl:variable name="fits" select="string-length($indent) + string-length($word) le $line-width"/>
              <xsl:if test="not($fits)">
                <xsl:sequence select="$word"/>
              </xsl:if>
              <xsl:next-iteration>
                <xsl:with-param name="prefix" select="$indent"/>
                <xsl:with-param name="rest" select="if ($fits) then $rest else substring($rest, string-length($word) + 2)"/>
              </xsl:next-iteration>
            </xsl:otherwise>
          </xsl:choose>
        </xsl:otherwise>
      </xsl:choose>
    </xsl:iterate>
  </xsl:function>

  <xsl:function name="fp:rtrim" as="xs:string">
    <xsl:param name="s" as="xs:string"/>
    <!-- (most lines end in a word: the regular expression only runs where it can matter) -->
    <xsl:sequence select="if (matches(substring($s, string-length($s)), '\s')) then replace($s, '\s+$', '') else $s"/>
  </xsl:function>

  <!-- A heading: wrapped, underlined with $rule to the length of its longest line. -->
  <xsl:function name="f:heading" as="xs:string">
    <xsl:param name="text" as="xs:string"/>
    <xsl:param name="rule" as="xs:string"/>
    <xsl:variable name="wrapped" select="f:wrap($text, '', '')"/>
    <xsl:variable name="longest" select="max((tokenize($wrapped, $fp:NL) ! string-length(.), 1))"/>
    <xsl:sequence select="$wrapped || $fp:NL || fp:repeat($rule, $longest)"/>
  </xsl:function>

  <xsl:function name="fp:repeat" as="xs:string">
    <xsl:param name="s" as="xs:string"/>
    <xsl:param name="n" as="xs:integer"/>
    <xsl:sequence select="string-join((1 to $n) ! $s)"/>
  </xsl:function>

  <!-- The inline text of nodes as one string (not yet wrapped). -->
  <xsl:function name="f:inline" as="xs:string">
    <xsl:param name="nodes" as="node()*"/>
    <xsl:variable name="parts" as="item()*">
      <xsl:apply-templates select="$nodes" mode="m:inline"/>
    </xsl:variable>
    <xsl:sequence select="string-join($parts ! string(.))"/>
  </xsl:function>

  <!-- "Label: value" as a wrapped block with a hanging indent. -->
  <xsl:function name="fp:fact" as="xs:string?">
    <xsl:param name="label" as="xs:string"/>
    <xsl:param name="value" as="xs:string?"/>
    <xsl:sequence select="if (normalize-space($value)) then f:wrap($value, $label || ': ', '    ') else ()"/>
  </xsl:function>

  <!-- ============================================================== title block -->

  <xsl:template name="t:title-block">
    <xsl:variable name="h" select="/tei:TEI/tei:teiHeader"/>
    <xsl:variable name="fd" select="$h/tei:fileDesc"/>
    <xsl:variable name="title" select="f:wrap(f:main-title(.), '', '')"/>
    <xsl:variable name="rule" select="fp:repeat('=', max(tokenize($title, $fp:NL) ! string-length(.)))"/>
    <xsl:sequence select="string-join(($rule, $title, $rule,
                            $fd/tei:titleStmt/tei:title[@type = 'sub'] ! f:wrap(f:plain(.), '', '')), $fp:NL)"/>
    <xsl:sequence select="string-join($fd/tei:titleStmt/tei:author ! f:wrap(f:plain(.), '', ''), $fp:NL)"/>
    <!-- the facts of the HTML title page, in its order and under its labels (common.xsl);
         all summaries make one fact, as do all creations and all statements of rights -->
    <xsl:variable name="facts" as="xs:string*">
      <xsl:for-each select="$h/tei:profileDesc/tei:abstract[1]">
        <xsl:sequence select="fp:fact(f:fact-label(.), string-join(../tei:abstract/tei:p ! normalize-space(f:inline(node())), ' '))"/>
      </xsl:for-each>
      <xsl:for-each select="$h/tei:profileDesc/tei:creation[1]">
        <xsl:sequence select="fp:fact(f:fact-label(.), string-join(f:written(../tei:creation), ', '))"/>
      </xsl:for-each>
      <xsl:for-each select="$h/tei:profileDesc/tei:correspDesc[tei:correspAction]">
        <xsl:sequence select="fp:fact(f:fact-label(.), string-join(f:correspondence(.), '; '))"/>
      </xsl:for-each>
      <xsl:for-each select="$fd/tei:sourceDesc/tei:msDesc">
        <xsl:sequence select="fp:fact(f:fact-label(.), f:manuscript(.))"/>
      </xsl:for-each>
      <xsl:for-each select="$fd/tei:sourceDesc/tei:bibl">
        <xsl:sequence select="fp:fact(f:fact-label(.), f:inline(.))"/>
      </xsl:for-each>
      <xsl:for-each select="$fd/tei:titleStmt/tei:respStmt">
        <xsl:sequence select="fp:fact(f:fact-label(.), string-join(f:resp-names(.) ! f:plain(.), ', '))"/>
      </xsl:for-each>
      <xsl:for-each select="$fd/tei:publicationStmt">
        <xsl:sequence select="fp:fact(f:fact-label(.), string-join(f:this-edition(.), ', '))"/>
      </xsl:for-each>
      <xsl:for-each select="$fd/tei:publicationStmt/tei:availability[1]">
        <xsl:sequence select="fp:fact(f:fact-label(.), string-join(../tei:availability/(tei:p | tei:licence) ! f:inline(node()), ' '))"/>
      </xsl:for-each>
      <xsl:for-each select="$fd/tei:sourceDesc/tei:listWit">
        <xsl:sequence select="fp:fact(f:fact-label(.), string-join(
            tei:witness ! (f:witness-siglum(.) || ' = ' || normalize-space(f:inline(node()))), '; '))"/>
      </xsl:for-each>
      <xsl:sequence select="fp:fact('How to cite', f:citation(.))"/>
    </xsl:variable>
    <xsl:sequence select="string-join($facts, $fp:NL)"/>
  </xsl:template>

  <!-- Where and when the file was made: last block. -->
  <xsl:template name="t:colophon">
    <xsl:variable name="h" select="/tei:TEI/tei:teiHeader"/>
    <xsl:sequence select="f:wrap(string-join((
        'Plain-text edition generated from the TEI master' ||
          ($h/tei:fileDesc/tei:publicationStmt/tei:idno[1] ! (' ' || normalize-space(.) || '.xml')),
        $build-date[normalize-space()] ! ('built ' || .)), ', ') || '.', '', '')"/>
  </xsl:template>

  <!-- ============================================================== blocks -->

  <xsl:template match="tei:div" mode="m:block">
    <xsl:apply-templates mode="m:block"/>
  </xsl:template>

  <xsl:template match="tei:div/tei:head" mode="m:block">
    <xsl:sequence select="f:heading(string-join((f:div-label(..), normalize-space(f:inline(node()))), ' '),
                                    fp:rule-for(..))"/>
    <xsl:call-template name="t:apparatus"/>
  </xsl:template>

  <!-- underline character by division depth: = sections, - subsections, ~ deeper -->
  <xsl:function name="fp:rule-for" as="xs:string">
    <xsl:param name="div" as="element()"/>
    <xsl:sequence select="('=', '-', '~')[min((count($div/ancestor-or-self::tei:div), 3))]"/>
  </xsl:function>

  <xsl:template match="tei:p" mode="m:block">
    <xsl:sequence select="f:wrap(f:inline(node()), '', '')"/>
    <xsl:call-template name="t:apparatus"/>
  </xsl:template>

  <xsl:template match="tei:p[normalize-space(@n)]" mode="m:block">
    <xsl:sequence select="f:wrap(f:inline(node()), f:thesis-label(.) || ' ', '')"/>
    <xsl:call-template name="t:apparatus"/>
  </xsl:template>

  <!-- text standing directly in a block (not allowed by the profile): kept as a paragraph -->
  <xsl:template match="text()[normalize-space()]" mode="m:block">
    <xsl:sequence select="f:wrap(string(.), '', '')"/>
  </xsl:template>

  <!-- unhandled elements keep their text: as a paragraph, or as the blocks they hold
       (the rule of letters' openers and closers, text/other-tei.xsl) -->
  <xsl:template name="t:unhandled-block">
    <xsl:apply-templates select="." mode="mp:block-content"/>
  </xsl:template>

  <!-- ============================================================== inline -->

  <xsl:template match="tei:lb" mode="m:inline">
    <xsl:sequence select="$fp:LB"/>
  </xsl:template>
  <!-- in a verse line a line break is a turnover: the line goes on (wrapped like any) -->
  <xsl:template match="tei:l//tei:lb" mode="m:inline">
    <xsl:sequence select="if (@break = 'no') then '' else ' '"/>
  </xsl:template>

  <xsl:template match="tei:hi[@rend = 'italic']" mode="m:inline">
    <xsl:sequence select="'*' || f:inline(node()) || '*'"/>
  </xsl:template>
  <xsl:template match="tei:hi[@rend = 'bold']" mode="m:inline">
    <xsl:sequence select="'**' || f:inline(node()) || '**'"/>
  </xsl:template>
  <!-- renderings plain text cannot show: the words alone -->
  <xsl:template match="tei:hi[@rend = ('sup', 'superscript', 'sub', 'subscript', 'smallcaps', 'small-caps', 'code', 'underline', 'strikethrough')]" mode="m:inline">
    <xsl:apply-templates mode="m:inline"/>
  </xsl:template>

  <xsl:template match="tei:q | tei:quote" mode="m:inline">
    <xsl:sequence select="'“' || f:inline(node()) || '”'"/>
  </xsl:template>

  <!-- elements whose text is printed as it stands -->
  <xsl:template match="tei:foreign | tei:date | tei:num | tei:author | tei:editor | tei:publisher
                       | tei:pubPlace | tei:biblScope | tei:name | tei:resp | tei:idno | tei:expan
                       | tei:abbr | tei:persName | tei:orgName | tei:placeName | tei:rs | tei:title
                       | tei:bibl | tei:lem | tei:app | tei:ref | tei:bibl/tei:note
                       | tei:sourceDesc//tei:note | tei:standOff//tei:note | tei:desc | tei:occupation
                       | tei:textLang | tei:edition | tei:forename | tei:surname | tei:addName | tei:roleName
                       | tei:affiliation | tei:residence | tei:settlement | tei:country | tei:location"
                mode="m:inline">
    <xsl:apply-templates mode="m:inline"/>
  </xsl:template>

  <!-- a bibliographic description of parts only: joined with commas -->
  <xsl:template match="tei:bibl[not(text()[normalize-space()])][count(*) gt 1]" mode="m:inline">
    <xsl:sequence select="string-join(* ! normalize-space(f:inline(.)), ', ')"/>
  </xsl:template>

  <!-- "signed by Trotsky, Zinoviev" -->
  <xsl:template match="tei:respStmt" mode="m:inline">
    <xsl:sequence select="string-join((normalize-space(f:inline(tei:resp/node())),
                            string-join((* except tei:resp) ! normalize-space(f:inline(.)), ', ')), ' ')"/>
  </xsl:template>

  <xsl:template match="tei:app" mode="m:inline" priority="1">
    <xsl:apply-templates select="tei:lem" mode="m:inline"/>
  </xsl:template>

  <xsl:template match="tei:ex | tei:supplied" mode="m:inline">
    <xsl:apply-templates mode="m:inline"/>
  </xsl:template>
  <xsl:template match="tei:ex[$editorial-brackets] | tei:supplied[$editorial-brackets]" mode="m:inline" priority="1">
    <xsl:variable name="b" select="f:brackets(.)"/>
    <xsl:sequence select="$b[1] || f:inline(node()) || $b[2]"/>
  </xsl:template>

  <!-- links: the text, then the URL when it differs (in-page #links: the text only) -->
  <xsl:template match="tei:ref[@target]" mode="m:inline" priority="1">
    <xsl:variable name="target" select="normalize-space(@target)"/>
    <xsl:variable name="text" select="normalize-space(f:inline(node()))"/>
    <xsl:sequence select="
      if (not($text)) then '&lt;' || $target || '&gt;'
      else if ($text eq $target or starts-with($target, '#')) then f:inline(node())
      else f:inline(node()) || ' &lt;' || $target || '&gt;'"/>
  </xsl:template>

  <xsl:template match="tei:ref[@type = 'noteAnchor'][exists(f:anchor-note(.))]" mode="m:inline" priority="4">
    <xsl:sequence select="'[' || f:note-number(f:anchor-note(.)) || ']'"/>
  </xsl:template>
  <xsl:template match="tei:ref[@type = 'noteAnchor']" mode="m:inline" priority="3">
    <xsl:message select="f:broken-message(., string(@target))"/>
    <xsl:sequence select="'[' || normalize-space(.) || ']'"/>
  </xsl:template>

  <!-- paragraphs of a note rendered inline (a note quoted in another block) -->
  <xsl:template match="tei:note/tei:p" mode="m:inline">
    <xsl:sequence select="$fp:LB"/>
    <xsl:apply-templates mode="m:inline"/>
  </xsl:template>

  <!-- ============================================================== notes -->

  <xsl:template match="tei:div[@type = 'notes']" mode="m:block">
    <xsl:sequence select="if (tei:head) then () else f:heading('Notes', fp:rule-for(.))"/>
    <xsl:apply-templates mode="m:block"/>
  </xsl:template>

  <xsl:template match="tei:div[@type = 'notes']/tei:note" mode="m:block">
    <xsl:variable name="marker" select="'[' || f:note-number(.) || '] '"/>
    <xsl:variable name="flag" select="if (empty(f:note-anchors(.))) then '(no anchor in the text) ' else ''"/>
    <xsl:variable name="paras" select="if (tei:p) then tei:p else ."/>
    <xsl:variable name="texts" as="xs:string*">
      <xsl:for-each select="$paras">
        <xsl:sequence select="f:wrap((if (position() eq 1) then $flag else '') || f:inline(node()),
                                     if (position() eq 1) then $marker else '    ', '    ')"/>
      </xsl:for-each>
    </xsl:variable>
    <xsl:variable name="apparatus" as="xs:string*">
      <xsl:call-template name="t:apparatus"/>
    </xsl:variable>
    <xsl:sequence select="string-join(($texts, $apparatus), $fp:NL)"/>
  </xsl:template>

  <!-- ============================================================== apparatus -->

  <!-- The variant readings of the current block; a note lists those of all its paragraphs. -->
  <xsl:template name="t:apparatus">
    <xsl:variable name="apps" select="f:host-apps(.)"/>
    <xsl:if test="$show-apparatus and $apps">
      <xsl:sequence select="string-join(('    Variant readings:',
                              $apps ! f:wrap(fp:apparatus-entry(.), '    - ', '      ')), $fp:NL)"/>
    </xsl:if>
  </xsl:template>

  <xsl:function name="fp:apparatus-entry" as="xs:string">
    <xsl:param name="app" as="element(tei:app)"/>
    <xsl:variable name="parts" as="xs:string*">
      <xsl:apply-templates select="$app/(tei:lem, tei:rdg, tei:rdgGrp/tei:rdg, tei:note, tei:wit)" mode="m:apparatus"/>
    </xsl:variable>
    <xsl:sequence select="string-join($parts, ' ')"/>
  </xsl:function>

  <xsl:template match="tei:lem" mode="m:apparatus">
    <xsl:sequence select="normalize-space(f:inline(node())) || ' (' || string-join(f:witness-labels(., @wit), '; ') || ') ]'"/>
  </xsl:template>
  <xsl:template match="tei:lem[not(node())]" mode="m:apparatus">
    <xsl:sequence select="'(not in the text) (' || string-join(f:witness-labels(., @wit), '; ') || ') ]'"/>
  </xsl:template>
  <xsl:template match="tei:rdg" mode="m:apparatus">
    <xsl:sequence select="normalize-space(f:inline(node())) || ' (' || string-join((f:witness-labels(., @wit), @type ! string(.)), '; ') || ')'"/>
  </xsl:template>
  <xsl:template match="tei:app/tei:note | tei:app/tei:wit" mode="m:apparatus">
    <xsl:sequence select="'(' || normalize-space(f:inline(node())) || ')'"/>
  </xsl:template>
  <xsl:template match="tei:rdg[not(node())]" mode="m:apparatus">
    <xsl:sequence select="'omitted (' || string-join((f:witness-labels(., @wit), @type ! string(.)), '; ') || ')'"/>
  </xsl:template>

  <!-- ============================================================== registers -->

  <xsl:template name="t:registers">
    <xsl:variable name="lists" select="f:register-lists(.)"/>
    <xsl:if test="$lists">
      <xsl:sequence select="f:heading('Registers', '=')"/>
      <xsl:apply-templates select="$lists" mode="m:register"/>
    </xsl:if>
  </xsl:template>

  <!-- one register, its entries in alphabetical order (common.xsl, f:sort-key) -->
  <xsl:template match="tei:listPerson | tei:listOrg | tei:listPlace | tei:listBibl" mode="m:register">
    <xsl:sequence select="f:heading(f:register-title(.), '-')"/>
    <xsl:variable name="entries" as="xs:string*">
      <xsl:apply-templates select="* except tei:head" mode="m:register">
        <xsl:sort select="f:sort-key(.)"/>
      </xsl:apply-templates>
    </xsl:variable>
    <xsl:sequence select="string-join($entries, $fp:NL)"/>
  </xsl:template>

  <xsl:template match="tei:person | tei:personGrp | tei:org | tei:place" mode="m:register">
    <xsl:variable name="rest" select="* except (f:entry-names(.) | tei:birth | tei:death | tei:idno | tei:ref | tei:sex)"/>
    <xsl:sequence select="f:wrap(string-join((
        f:entity-label(.) || (f:life-dates(.) ! (' (' || . || ')')) || '.',
        fp:variants(.),
        $rest ! (normalize-space(f:inline(node())) ! (. || f:full-stop(.))),
        (tei:idno | tei:ref) ! fp:entry-link(.),
        fp:occurrences(.)), ' '), '- ', '  ')"/>
  </xsl:template>

  <!-- a work: authors, title, imprint; other titles, description, links -->
  <xsl:template match="tei:bibl | tei:biblStruct" mode="m:register">
    <xsl:variable name="title" select="f:entry-name(.)"/>
    <xsl:variable name="imprint" select="* except (f:entry-names(.) | tei:author | tei:editor | tei:note | tei:ref | tei:idno)"/>
    <xsl:variable name="head" select="string-join((
        (tei:author | tei:editor) ! normalize-space(f:inline(node())),
        $title ! fp:work-title(.),
        $imprint ! normalize-space(f:inline(.))), ', ')"/>
    <xsl:sequence select="f:wrap(string-join((
        $head || '.',
        fp:variants(.),
        tei:note ! (normalize-space(f:inline(node())) ! (. || f:full-stop(.))),
        (tei:idno | tei:ref) ! fp:entry-link(.),
        fp:occurrences(.)), ' '), '- ', '  ')"/>
  </xsl:template>
  <xsl:template match="tei:bibl[text()[normalize-space()]]" mode="m:register">
    <xsl:sequence select="f:wrap(string-join((normalize-space(f:inline(node())), fp:occurrences(.)), ' '), '- ', '  ')"/>
  </xsl:template>

  <xsl:function name="fp:work-title" as="xs:string">
    <xsl:param name="title" as="element()"/>
    <xsl:variable name="text" select="normalize-space(f:inline($title/node()))"/>
    <xsl:sequence select="if ($title/@level = ('a', 'u')) then '“' || $text || '”' else '*' || $text || '*'"/>
  </xsl:function>

  <!-- "Also: Trotsky, L. Trotsky." -->
  <xsl:function name="fp:variants" as="xs:string?">
    <xsl:param name="entry" as="element()"/>
    <xsl:variable name="names" select="(f:entry-names($entry) except f:entry-name($entry)) ! normalize-space(f:inline(node()))"/>
    <xsl:sequence select="if (exists($names)) then 'Also: ' || string-join($names, ', ')
                            || (if (ends-with($names[last()], '.')) then '' else '.') else ()"/>
  </xsl:function>

  <!-- a link of an entry: its text and URL, or the identifier -->
  <xsl:function name="fp:entry-link" as="xs:string">
    <xsl:param name="e" as="element()"/>
    <xsl:sequence select="if ($e/self::tei:ref) then normalize-space(f:inline($e))
                          else ($e/@type, 'id')[1] || ': ' || normalize-space($e)"/>
  </xsl:function>

  <xsl:function name="fp:occurrences" as="xs:string?">
    <xsl:param name="entry" as="element()"/>
    <xsl:variable name="labels" select="distinct-values(f:mentions-of($entry) ! f:location-label(.))"/>
    <xsl:sequence select="if (exists($labels)) then 'Mentioned in: ' || string-join($labels, ', ') || '.' else ()"/>
  </xsl:function>

</xsl:stylesheet>
