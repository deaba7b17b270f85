<?xml version="1.0" encoding="UTF-8"?>
<!--
  other-tei/phrases.xsl (plain text): the phrase-level and list-like TEI of other
  projects, as html/other-tei/phrases.xsl renders it. Highlighting as *italic* and
  **bold** (plain text cannot show the rest: the words alone), labels and glossed lists,
  images as [image: address], element and attribute names of the Guidelines' prose, XML
  examples as written, dictionary entries, lists of persons, places, works ... standing in
  the text. Part of text/other-tei.xsl.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:eg="http://www.tei-c.org/ns/Examples"
    xmlns:f="urn:x-edition:function"
    xmlns:fp="urn:x-edition:function:private"
    xmlns:m="urn:x-edition:mode"
    xmlns:mp="urn:x-edition:mode:private"
    exclude-result-prefixes="#all">

  <xsl:template match="tei:hi | tei:seg[@rend or @rendition or @style] | tei:c[@rend or @rendition]" mode="m:inline">
    <xsl:variable name="tokens" select="f:rend-tokens(.)"/>
    <xsl:variable name="mark" select="if ($tokens = 'bold') then '**' else if ($tokens = 'italic') then '*' else ''"/>
    <xsl:sequence select="$mark || f:inline(node()) || $mark"/>
  </xsl:template>

  <!-- ============================================================== labels, lists -->

  <xsl:template match="tei:label" mode="m:inline">
    <xsl:apply-templates mode="m:inline"/>
  </xsl:template>
  <xsl:template match="tei:label" mode="m:block">
    <xsl:sequence select="f:wrap(f:inline(node()), '', '')"/>
  </xsl:template>

  <xsl:template match="tei:list[tei:label]" mode="m:block" priority="1">
    <xsl:variable name="lines" as="xs:string*">
      <xsl:apply-templates select="tei:head" mode="m:block"/>
      <xsl:for-each select="tei:item">
        <xsl:variable name="label" select="preceding-sibling::*[1][self::tei:label]"/>
        <xsl:sequence select="f:wrap(f:inline(node()), ($label ! (normalize-space(f:inline(node())) || ' ')), '    ')"/>
      </xsl:for-each>
      <xsl:for-each select="tei:label[not(following-sibling::*[1][self::tei:item])]">
        <xsl:sequence select="f:wrap(f:inline(node()), '', '')"/>
      </xsl:for-each>
    </xsl:variable>
    <xsl:sequence select="string-join($lines, $fp:NL)"/>
  </xsl:template>

  <!-- ============================================================== images -->

  <xsl:template match="tei:graphic | tei:media" mode="m:inline">
    <xsl:sequence select="' [image' || normalize-space(@url)[.] ! (': ' || .) || ']'
                          || tei:desc ! (' ' || normalize-space(f:inline(node())))"/>
  </xsl:template>
  <xsl:template match="tei:graphic | tei:media" mode="m:block">
    <xsl:sequence select="normalize-space(f:inline(.))"/>
  </xsl:template>
  <xsl:template match="tei:figDesc" mode="m:inline">
    <xsl:apply-templates mode="m:inline"/>
  </xsl:template>

  <!-- ============================================================== characters and glyphs -->

  <xsl:template match="tei:g" mode="m:inline">
    <xsl:sequence select="if (node()) then f:inline(node())
                          else (f:glyph-mapping(.), '&#x2039;' || f:glyph-name(.) || '&#x203A;')[1]"/>
  </xsl:template>

  <!-- ============================================================== the Guidelines' prose -->

  <xsl:template match="tei:gi | tei:tag" mode="m:inline">
    <xsl:sequence select="'&lt;' || f:inline(node()) || '&gt;'"/>
  </xsl:template>
  <xsl:template match="tei:att" mode="m:inline">
    <xsl:sequence select="'@' || f:inline(node())"/>
  </xsl:template>
  <xsl:template match="tei:val" mode="m:inline">
    <xsl:sequence select="'&quot;' || f:inline(node()) || '&quot;'"/>
  </xsl:template>
  <xsl:template match="tei:code | tei:ident | tei:kw | tei:formula" mode="m:inline">
    <xsl:apply-templates mode="m:inline"/>
  </xsl:template>
  <!-- an example: as written, its lines kept (never wrapped), indented -->
  <xsl:template match="eg:egXML | tei:eg" mode="m:block">
    <xsl:variable name="text" select="if (self::eg:egXML)
        then replace(string-join(node() ! serialize(.)), ' xmlns(:\w+)?=&quot;[^&quot;]*&quot;', '')
        else string(.)"/>
    <xsl:sequence select="string-join(tokenize($text, '\r?\n')[normalize-space()] ! ('    ' || replace(., '\s+$', '')), $fp:NL)"/>
  </xsl:template>
  <xsl:template match="eg:egXML | tei:eg" mode="m:inline">
    <xsl:sequence select="if (self::eg:egXML) then normalize-space(replace(string-join(node() ! serialize(.)), ' xmlns(:\w+)?=&quot;[^&quot;]*&quot;', ''))
                          else normalize-space(.)"/>
  </xsl:template>

  <!-- ============================================================== dictionaries -->

  <xsl:template match="tei:entry | tei:entryFree | tei:superEntry | tei:re | tei:sense" mode="m:block">
    <xsl:variable name="blocks" as="xs:string*">
      <xsl:for-each-group select="node()" group-adjacent="exists(self::tei:sense | self::tei:re | self::tei:entry | self::tei:p)">
        <xsl:choose>
          <xsl:when test="current-grouping-key()">
            <xsl:apply-templates select="current-group()" mode="m:block"/>
          </xsl:when>
          <xsl:otherwise>
            <xsl:sequence select="f:wrap(fp:run(current-group()), '', '    ')"/>
          </xsl:otherwise>
        </xsl:choose>
      </xsl:for-each-group>
    </xsl:variable>
    <xsl:variable name="number" select="normalize-space(@n)[.][current()/self::tei:sense] ! (. || ' ')"/>
    <xsl:sequence select="string-join($blocks[normalize-space()] ! (if (position() eq 1) then $number || . else .), $fp:NL)"/>
  </xsl:template>

  <!-- a run of nodes: element-only stretches with spaces between the parts -->
  <xsl:function name="fp:run" as="xs:string">
    <xsl:param name="nodes" as="node()*"/>
    <xsl:sequence select="if ($nodes[self::text()][normalize-space()]) then f:inline($nodes)
                          else string-join($nodes[self::*] ! normalize-space(f:inline(.)), ' ')"/>
  </xsl:function>

  <!-- parts of dictionary and register entries, descriptions: their text, parts spaced -->
  <xsl:template match="tei:form | tei:orth | tei:pron | tei:hyph | tei:syll | tei:gramGrp | tei:gram | tei:pos
                       | tei:gen | tei:number | tei:case | tei:per | tei:tns | tei:mood | tei:iType | tei:subc
                       | tei:colloc | tei:def | tei:usg | tei:lbl | tei:xr | tei:etym | tei:lang | tei:oRef
                       | tei:oVar | tei:pRef | tei:pVar | tei:dictScrap | tei:sense | tei:re | tei:entry
                       | tei:birth | tei:death | tei:floruit | tei:occupation | tei:affiliation | tei:residence
                       | tei:education | tei:faith | tei:nationality | tei:sex | tei:age | tei:state | tei:trait
                       | tei:event | tei:langKnowledge | tei:socecStatus | tei:persona | tei:country | tei:region
                       | tei:settlement | tei:district | tei:bloc | tei:geogFeat | tei:location | tei:geo
                       | tei:offset | tei:desc | tei:quote[ancestor::tei:cit] | tei:roleName | tei:genName | tei:nameLink
                       | tei:eventName | tei:biblStruct | tei:analytic | tei:monogr | tei:imprint | tei:series
                       | tei:msIdentifier | tei:repository | tei:institution | tei:collection | tei:altIdentifier
                       | tei:msName | tei:email | tei:postBox | tei:postCode | tei:street | tei:listRef | tei:interp
                       | tei:interpGrp | tei:span | tei:spanGrp | tei:link | tei:linkGrp | tei:relation
                       | tei:relationGrp | tei:unit | tei:precision | tei:certainty | tei:respons | tei:ptr[not(@target)]
                       | tei:term | tei:listWit | tei:witness | tei:sponsor | tei:funder | tei:principal
                       | tei:meeting | tei:distributor | tei:authority | tei:availability | tei:licence | tei:ab
                       | tei:title | tei:dim | tei:dimensions | tei:height | tei:width | tei:depth | tei:catchwords
                       | tei:signatures | tei:incipit | tei:explicit | tei:rubric | tei:colophon | tei:finalRubric
                       | tei:locus | tei:locusGrp | tei:filiation | tei:summary | tei:handNote | tei:typeNote
                       | tei:decoNote | tei:origDate | tei:origPlace | tei:provenance | tei:acquisition
                       | tei:origin | tei:object | tei:objectIdentifier | tei:docAuthor | tei:docDate
                       | tei:docTitle | tei:titlePart | tei:docImprint | tei:docEdition | tei:person | tei:place
                       | tei:org | tei:listPerson | tei:listPlace | tei:listOrg | tei:listEvent | tei:listBibl | tei:incident | tei:stamp | tei:supportDesc | tei:support | tei:layout | tei:layoutDesc | tei:foliation
                       | tei:condition | tei:extent | tei:collation | tei:msItemStruct | tei:scriptDesc | tei:scriptNote
                       | tei:typeDesc | tei:watermark | tei:heraldry | tei:secFol | tei:binding | tei:seal | tei:custodialHist
                       | tei:custEvent | tei:recordHist | tei:source | tei:musicNotation | tei:material | tei:objectType
                       | tei:hom | tei:interp | tei:writing | tei:msDesc | tei:msContents | tei:msItem
                       | tei:physDesc | tei:objectDesc | tei:handDesc | tei:additions | tei:history | tei:decoDesc
                       | tei:bindingDesc | tei:sealDesc | tei:accMat | tei:adminInfo | tei:surrogates | tei:msPart | tei:scriptStmt | tei:correspAction | tei:correspContext"
                mode="m:inline" priority="-0.75">
    <xsl:sequence select="fp:spaced(.)"/>
  </xsl:template>

  <!-- ============================================================== lists standing in the text -->

  <xsl:template match="tei:listPerson | tei:listPlace | tei:listOrg | tei:listEvent | tei:listBibl
                       | tei:listWit | tei:listRelation | tei:listNym | tei:listObject" mode="m:block">
    <xsl:variable name="lines" as="xs:string*">
      <xsl:apply-templates select="tei:head" mode="m:block"/>
      <xsl:for-each select="* except tei:head">
        <xsl:sequence select="f:wrap(fp:spaced(.), '- ', '  ')"/>
      </xsl:for-each>
    </xsl:variable>
    <xsl:sequence select="string-join($lines, $fp:NL)"/>
  </xsl:template>

  <xsl:template match="tei:msDesc | tei:msContents | tei:msItem | tei:physDesc | tei:history | tei:additional
                       | tei:objectDesc | tei:handDesc | tei:decoDesc | tei:bindingDesc | tei:sealDesc
                       | tei:accMat | tei:adminInfo | tei:surrogates | tei:msPart | tei:msFrag
                       | tei:biblStruct | tei:bibl | tei:ab | tei:event | tei:person | tei:place | tei:org
                       | tei:interpGrp | tei:spanGrp | tei:linkGrp | tei:join | tei:joinGrp | tei:alt | tei:altGrp
                       | tei:timeline | tei:when | tei:divGen | tei:specGrp | tei:specGrpRef
                       | tei:schemaSpec | tei:elementSpec | tei:classSpec | tei:macroSpec | tei:moduleRef
                       | tei:elementRef | tei:classRef | tei:macroRef | tei:dataSpec | tei:attDef | tei:attList
                       | tei:exemplum | tei:remarks | tei:listRef | tei:respons | tei:notatedMusic | tei:incident | tei:stamp | tei:supportDesc | tei:support | tei:layout | tei:layoutDesc | tei:foliation
                       | tei:condition | tei:extent | tei:collation | tei:msItemStruct | tei:scriptDesc | tei:scriptNote
                       | tei:typeDesc | tei:watermark | tei:heraldry | tei:secFol | tei:binding | tei:seal | tei:custodialHist
                       | tei:custEvent | tei:recordHist | tei:source | tei:musicNotation | tei:material | tei:objectType
                       | tei:hom | tei:interp | tei:writing | tei:scriptStmt | tei:correspAction | tei:correspContext"
                mode="m:block" priority="-0.75">
    <xsl:variable name="blocks" as="xs:string*">
      <xsl:apply-templates select="." mode="mp:block-content"/>
    </xsl:variable>
    <xsl:sequence select="string-join($blocks[normalize-space()], $fp:NL || $fp:NL)"/>
  </xsl:template>

  <xsl:template match="tei:hi | tei:seg | tei:rs | tei:persName | tei:placeName | tei:orgName | tei:name | tei:date
                       | tei:title | tei:foreign | tei:emph | tei:term | tei:num | tei:ref | tei:ptr | tei:w | tei:c
                       | tei:pc | tei:choice | tei:abbr | tei:expan | tei:supplied | tei:unclear | tei:add | tei:del
                       | tei:gap | tei:said | tei:q | tei:mentioned | tei:soCalled | tei:gloss | tei:time | tei:measure
                       | tei:damage | tei:sic | tei:corr | tei:orig | tei:reg | tei:subst | tei:mod | tei:restore
                       | tei:lem | tei:stamp | tei:metamark | tei:gi | tei:att | tei:val | tei:code | tei:ident
                       | tei:graphic | tei:idno | tei:author | tei:editor | tei:bibl"
                mode="m:block" priority="-0.8">
    <xsl:sequence select="f:wrap(f:inline(.), '', '')"/>
  </xsl:template>

  <xsl:template match="tei:ptr[@target]" mode="m:inline">
    <xsl:variable name="target" select="normalize-space(@target)"/>
    <xsl:variable name="to" select="f:resolve(., $target)[starts-with($target, '#')]"/>
    <xsl:sequence select="($to/tei:head[1] ! f:plain(.), $to/@n ! string(.), '&lt;' || $target || '&gt;')[normalize-space()][1]"/>
  </xsl:template>

  <!-- a table inside a paragraph: its rows as lines; other blocks where only phrases may
       stand: their text on lines of their own -->
  <xsl:template match="tei:table" mode="m:inline">
    <xsl:sequence select="string-join((tei:head ! normalize-space(f:inline(node())),
                            tei:row ! string-join(tei:cell ! normalize-space(f:inline(node())), ' | ')) ! ($fp:LB || .), '') || $fp:LB"/>
  </xsl:template>
  <xsl:template match="tei:floatingText | tei:body | tei:front | tei:back | tei:div | tei:div1 | tei:div2
                       | tei:div3 | tei:lg | tei:sp | tei:opener | tei:closer | tei:salute | tei:dateline
                       | tei:signed | tei:byline | tei:trailer | tei:epigraph | tei:argument | tei:postscript
                       | tei:head | tei:speaker | tei:castList | tei:castItem | tei:figure | tei:list
                       | tei:item | tei:address | tei:docTitle | tei:titlePage | tei:cit | tei:entry | tei:sense
                       | tei:listBibl | tei:listPerson | tei:listPlace | tei:listOrg | tei:person | tei:place
                       | tei:org | tei:titlePart | tei:docImprint | tei:zone | tei:line | tei:surface"
                mode="m:inline" priority="-0.9">
    <xsl:sequence select="$fp:LB || fp:spaced(.) || $fp:LB"/>
  </xsl:template>

</xsl:stylesheet>
