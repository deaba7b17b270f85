<?xml version="1.0" encoding="UTF-8"?>
<!--
  other-tei/phrases.xsl (HTML): the phrase-level and list-like TEI of other projects.
  Highlighting by any @rend, @style or @rendition (f:rend-tokens: classes for what we
  know, the declared CSS where it is safe), labels and glossed lists, index entries (on
  demand, in the title), images (never loaded: a link to them), the names of elements,
  attributes and code of the Guidelines' own prose and its XML examples, dictionary
  entries, lists of persons, places, organisations, events and works standing in the
  text, and the parts of their entries. Part of html/other-tei.xsl.
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

  <!-- ============================================================== highlighting -->

  <!-- Any rendition: the element HTML has for the main ones, classes for the others
       (edition.css styles them), and the source's CSS (from @style or a tagsDecl
       rendition) only where each declaration is one of a few safe properties. -->
  <xsl:template match="tei:hi | tei:seg[@rend or @rendition or @style] | tei:c[@rend or @rendition]" mode="m:inline">
    <xsl:variable name="tokens" select="f:rend-tokens(.)"/>
    <xsl:variable name="style" select="fp:safe-style(.)"/>
    <xsl:variable name="tag" select="if ($tokens = 'sup') then 'sup' else if ($tokens = 'sub') then 'sub'
                                     else if ($tokens = 'italic') then 'i' else if ($tokens = 'bold') then 'b' else 'span'"/>
    <xsl:variable name="embodied" select="map{'sup': 'sup', 'sub': 'sub', 'i': 'italic', 'b': 'bold', 'span': ''}($tag)"/>
    <xsl:variable name="classes" select="$tokens[. ne $embodied] ! ('rend-' || .)"/>
    <xsl:element name="{$tag}">
      <xsl:apply-templates select="@xml:id" mode="mp:id"/>
      <xsl:if test="exists($classes) or $tag eq 'span'">
        <xsl:attribute name="class" select="string-join((local-name()[$tag eq 'span'], $classes), ' ')"/>
      </xsl:if>
      <xsl:if test="$style"><xsl:attribute name="style" select="$style"/></xsl:if>
      <xsl:apply-templates mode="m:inline"/>
    </xsl:element>
  </xsl:template>

  <!-- The declarations of @style and of the tagsDecl renditions @rendition points to
       that only style text: no url(), no expression, no position, no content. -->
  <xsl:function name="fp:safe-style" as="xs:string">
    <xsl:param name="e" as="element()"/>
    <xsl:variable name="css" select="(string($e/@style),
        tokenize(normalize-space($e/@rendition)) ! f:resolve($e, .)[self::tei:rendition][not(@scheme) or @scheme = 'css'] ! string(.))"/>
    <xsl:variable name="declarations" select="
      for $d in $css ! tokenize(., ';') ! normalize-space(.)[contains(., ':')]
      return $d[matches(., '^(font-style|font-weight|font-variant|font-size|text-decoration|text-transform|letter-spacing|vertical-align|text-align|color|background-color)\s*:\s*[#%.\-\w\s,()]+$', 'i')]
               [not(matches(., 'url|expression|javascript|\\', 'i'))]"/>
    <xsl:sequence select="string-join($declarations, '; ')"/>
  </xsl:function>

  <!-- ============================================================== labels, lists -->

  <xsl:template match="tei:label" mode="m:inline">
    <span class="tei-label"><xsl:apply-templates mode="m:inline"/></span>
  </xsl:template>
  <xsl:template match="tei:label" mode="m:block">
    <p class="tei-label">
      <xsl:apply-templates select="@xml:id" mode="mp:id"/>
      <xsl:apply-templates mode="m:inline"/>
    </p>
  </xsl:template>

  <!-- a glossed list: each label with its item -->
  <xsl:template match="tei:list[tei:label]" mode="m:block" priority="1">
    <xsl:apply-templates select="tei:head" mode="m:block"/>
    <dl class="list glossed">
      <xsl:apply-templates select="@xml:id" mode="mp:id"/>
      <xsl:for-each select="tei:label | tei:item">
        <xsl:element name="{if (self::tei:label) then 'dt' else 'dd'}">
          <xsl:apply-templates select="@xml:id" mode="mp:id"/>
          <xsl:apply-templates mode="m:inline"/>
        </xsl:element>
      </xsl:for-each>
    </dl>
  </xsl:template>

  <!-- ============================================================== index, images -->

  <!-- index entries: the terms on demand (the title of a small mark) -->
  <xsl:template match="tei:index" mode="m:inline m:block">
    <span class="index-entry" title="Index: {string-join(.//tei:term ! normalize-space(.), '; ')}">
      <xsl:apply-templates select="@xml:id" mode="mp:id"/>
    </span>
  </xsl:template>

  <!-- an image of the source: never loaded (the page needs no outside resource), linked
       where its address is a safe one -->
  <xsl:template match="tei:graphic | tei:media" mode="m:inline m:block">
    <xsl:variable name="url" select="normalize-space(@url)"/>
    <span class="graphic">
      <xsl:apply-templates select="@xml:id" mode="mp:id"/>
      <xsl:text>[image</xsl:text>
      <xsl:choose>
        <xsl:when test="f:is-safe-target(., $url)">: <a href="{$url}"><xsl:value-of select="tokenize($url, '/')[last()]"/></a></xsl:when>
        <xsl:when test="$url">: <xsl:value-of select="$url"/></xsl:when>
      </xsl:choose>
      <xsl:text>]</xsl:text>
      <xsl:for-each select="tei:desc">
        <xsl:text> </xsl:text><span class="desc"><xsl:apply-templates mode="m:inline"/></span>
      </xsl:for-each>
    </span>
  </xsl:template>

  <!-- ============================================================== characters and glyphs -->

  <xsl:template match="tei:g" mode="m:inline">
    <span class="g" title="special character: {f:glyph-name(.)}">
      <xsl:apply-templates select="@xml:id" mode="mp:id"/>
      <xsl:choose>
        <xsl:when test="node()"><xsl:apply-templates mode="m:inline"/></xsl:when>
        <xsl:when test="exists(f:glyph-mapping(.))"><xsl:value-of select="f:glyph-mapping(.)"/></xsl:when>
        <xsl:otherwise><span class="g-unmapped">&#x2039;<xsl:value-of select="f:glyph-name(.)"/>&#x203A;</span></xsl:otherwise>
      </xsl:choose>
    </span>
  </xsl:template>

  <!-- ============================================================== the Guidelines' prose -->

  <xsl:template match="tei:gi" mode="m:inline">
    <code class="gi">&lt;<xsl:apply-templates mode="m:inline"/>&gt;</code>
  </xsl:template>
  <xsl:template match="tei:att" mode="m:inline">
    <code class="att">@<xsl:apply-templates mode="m:inline"/></code>
  </xsl:template>
  <xsl:template match="tei:tag" mode="m:inline">
    <code class="tag">&lt;<xsl:apply-templates mode="m:inline"/>&gt;</code>
  </xsl:template>
  <xsl:template match="tei:val" mode="m:inline">
    <code class="val">"<xsl:apply-templates mode="m:inline"/>"</code>
  </xsl:template>
  <xsl:template match="tei:code | tei:ident | tei:specList/tei:specDesc | tei:kw | tei:formula" mode="m:inline">
    <code class="{local-name()}"><xsl:apply-templates mode="m:inline"/></code>
  </xsl:template>
  <xsl:template match="tei:eg | eg:egXML" mode="m:block">
    <pre class="{local-name()}"><xsl:apply-templates select="." mode="mp:example"/></pre>
  </xsl:template>
  <xsl:template match="tei:eg | eg:egXML" mode="m:inline">
    <code class="{local-name()}"><xsl:apply-templates select="." mode="mp:example"/></code>
  </xsl:template>
  <!-- an XML example: its markup shown as written -->
  <xsl:mode name="mp:example" on-no-match="fail"/>
  <xsl:template match="eg:egXML" mode="mp:example">
    <xsl:value-of select="replace(string-join(node() ! serialize(.)), ' xmlns(:\w+)?=&quot;[^&quot;]*&quot;', '')"/>
  </xsl:template>
  <xsl:template match="tei:eg" mode="mp:example">
    <xsl:value-of select="."/>
  </xsl:template>

  <!-- ============================================================== dictionaries -->

  <xsl:template match="tei:entry | tei:entryFree | tei:superEntry | tei:re" mode="m:block">
    <div class="{local-name()}">
      <xsl:apply-templates select="@xml:id" mode="mp:id"/>
      <xsl:apply-templates select="." mode="mp:entry-content"/>
    </div>
  </xsl:template>
  <xsl:template match="tei:sense" mode="m:block mp:entry-part">
    <div class="sense">
      <xsl:apply-templates select="@xml:id" mode="mp:id"/>
      <xsl:for-each select="normalize-space(@n)[.]"><span class="sense-num"><xsl:value-of select="."/></span><xsl:text> </xsl:text></xsl:for-each>
      <xsl:apply-templates select="." mode="mp:entry-content"/>
    </div>
  </xsl:template>
  <!-- an entry's content: its senses (and nested entries) as blocks, the rest as a run -->
  <xsl:mode name="mp:entry-content" on-no-match="fail"/>
  <xsl:template match="*" mode="mp:entry-content">
    <xsl:for-each-group select="node()" group-adjacent="exists(self::tei:sense | self::tei:re | self::tei:entry | self::tei:p | self::tei:note[not(f:is-placed-note(.))][tei:p])">
      <xsl:choose>
        <xsl:when test="current-grouping-key()">
          <xsl:apply-templates select="current-group()" mode="m:block"/>
        </xsl:when>
        <xsl:when test="normalize-space(string-join(current-group()))">
          <p class="entry-text"><xsl:apply-templates select="current-group()" mode="m:inline"/></p>
        </xsl:when>
        <xsl:otherwise>
          <xsl:apply-templates select="current-group()[self::*]" mode="m:inline"/>
        </xsl:otherwise>
      </xsl:choose>
    </xsl:for-each-group>
  </xsl:template>

  <!-- the parts of dictionary entries and of register entries standing in the text:
       their text, with a class to style them -->
  <xsl:template match="tei:form | tei:orth | tei:pron | tei:hyph | tei:syll | tei:gramGrp | tei:gram | tei:pos
                       | tei:gen | tei:number | tei:case | tei:per | tei:tns | tei:mood | tei:iType | tei:subc
                       | tei:colloc | tei:def | tei:usg | tei:lbl | tei:xr | tei:etym | tei:lang | tei:oRef
                       | tei:oVar | tei:pRef | tei:pVar | tei:dictScrap | tei:sense | tei:re | tei:entry
                       | tei:birth | tei:death | tei:floruit | tei:occupation | tei:affiliation | tei:residence
                       | tei:education | tei:faith | tei:nationality | tei:sex | tei:age | tei:state | tei:trait
                       | tei:event | tei:langKnowledge | tei:socecStatus | tei:persona | tei:country | tei:region
                       | tei:settlement | tei:district | tei:bloc | tei:geogFeat | tei:location | tei:geo
                       | tei:offset | tei:desc | tei:quote[ancestor::tei:cit] | tei:orgName | tei:placeName
                       | tei:persName | tei:roleName | tei:genName | tei:nameLink | tei:eventName | tei:bibl
                       | tei:biblStruct | tei:analytic | tei:monogr | tei:imprint | tei:series | tei:msIdentifier
                       | tei:repository | tei:institution | tei:collection | tei:altIdentifier | tei:msName
                       | tei:email | tei:postBox | tei:postCode | tei:street | tei:listRef | tei:interp
                       | tei:interpGrp | tei:span | tei:spanGrp | tei:link | tei:linkGrp | tei:relation
                       | tei:relationGrp | tei:unit | tei:precision | tei:certainty | tei:respons | tei:ptr[not(@target)]
                       | tei:term | tei:listWit | tei:witness | tei:author | tei:editor | tei:sponsor | tei:funder
                       | tei:principal | tei:meeting | tei:distributor | tei:authority | tei:availability
                       | tei:licence | tei:ab | tei:title | tei:dim | tei:dimensions | tei:height | tei:width | tei:depth
                       | tei:catchwords | tei:signatures | tei:incipit | tei:explicit | tei:rubric | tei:colophon
                       | tei:finalRubric | tei:locus | tei:locusGrp | tei:filiation | tei:textLang
                       | tei:summary | tei:handNote | tei:typeNote | tei:decoNote | tei:origDate | tei:origPlace
                       | tei:provenance | tei:acquisition | tei:origin | tei:object | tei:objectIdentifier | tei:incident | tei:stamp | tei:supportDesc | tei:support | tei:layout | tei:layoutDesc | tei:foliation
                       | tei:condition | tei:extent | tei:collation | tei:msItemStruct | tei:scriptDesc | tei:scriptNote
                       | tei:typeDesc | tei:watermark | tei:heraldry | tei:secFol | tei:binding | tei:seal | tei:custodialHist
                       | tei:custEvent | tei:recordHist | tei:source | tei:musicNotation | tei:material | tei:objectType
                       | tei:hom | tei:interp | tei:writing | tei:msDesc | tei:msContents | tei:msItem
                       | tei:physDesc | tei:objectDesc | tei:handDesc | tei:additions | tei:history | tei:decoDesc
                       | tei:bindingDesc | tei:sealDesc | tei:accMat | tei:adminInfo | tei:surrogates | tei:msPart | tei:scriptStmt | tei:correspAction | tei:correspContext"
                mode="m:inline" priority="-0.75">
    <span class="{local-name()}">
      <xsl:apply-templates select="@xml:id" mode="mp:id"/>
      <xsl:apply-templates select="." mode="mp:parts"/>
    </span>
  </xsl:template>
  <!-- element-only content: the parts with a space between them -->
  <xsl:mode name="mp:parts" on-no-match="fail"/>
  <xsl:template match="*" mode="mp:parts">
    <xsl:apply-templates mode="m:inline"/>
  </xsl:template>
  <xsl:template match="*[* and not(text()[normalize-space()])]" mode="mp:parts">
    <xsl:for-each select="node()[self::* or normalize-space()]">
      <xsl:if test="position() gt 1"><xsl:text> </xsl:text></xsl:if>
      <xsl:apply-templates select="." mode="m:inline"/>
    </xsl:for-each>
  </xsl:template>

  <!-- ============================================================== lists standing in the text -->

  <!-- lists of persons, places, organisations, events, works, witnesses, relations in
       the text (their entries are the targets of the text's pointers) -->
  <xsl:template match="tei:listPerson | tei:listPlace | tei:listOrg | tei:listEvent | tei:listBibl
                       | tei:listWit | tei:listRelation | tei:listNym | tei:listObject" mode="m:block">
    <div class="{local-name()}">
      <xsl:apply-templates select="@xml:id" mode="mp:id"/>
      <xsl:apply-templates select="tei:head" mode="m:block"/>
      <ul>
        <xsl:for-each select="* except tei:head">
          <li>
            <xsl:apply-templates select="@xml:id" mode="mp:id"/>
            <xsl:apply-templates select="." mode="mp:parts"/>
          </li>
        </xsl:for-each>
      </ul>
    </div>
  </xsl:template>

  <!-- other blocks of the Guidelines and of manuscript descriptions in the text -->
  <xsl:template match="tei:msDesc | tei:msContents | tei:msItem | tei:physDesc | tei:history | tei:additional
                       | tei:objectDesc | tei:handDesc | tei:decoDesc | tei:bindingDesc | tei:sealDesc
                       | tei:accMat | tei:adminInfo | tei:surrogates | tei:msPart | tei:msFrag
                       | tei:biblStruct | tei:bibl | tei:ab | tei:event | tei:person | tei:place | tei:org
                       | tei:interpGrp | tei:spanGrp | tei:linkGrp | tei:join | tei:joinGrp | tei:alt | tei:altGrp
                       | tei:timeline | tei:when | tei:divGen | tei:specGrp | tei:specGrpRef | tei:argument
                       | tei:schemaSpec | tei:elementSpec | tei:classSpec | tei:macroSpec | tei:moduleRef
                       | tei:elementRef | tei:classRef | tei:macroRef | tei:dataSpec | tei:attDef | tei:attList
                       | tei:exemplum | tei:remarks | tei:listRef | tei:respons | tei:notatedMusic | tei:incident | tei:stamp | tei:supportDesc | tei:support | tei:layout | tei:layoutDesc | tei:foliation
                       | tei:condition | tei:extent | tei:collation | tei:msItemStruct | tei:scriptDesc | tei:scriptNote
                       | tei:typeDesc | tei:watermark | tei:heraldry | tei:secFol | tei:binding | tei:seal | tei:custodialHist
                       | tei:custEvent | tei:recordHist | tei:source | tei:musicNotation | tei:material | tei:objectType
                       | tei:hom | tei:interp | tei:writing | tei:scriptStmt | tei:correspAction | tei:correspContext"
                mode="m:block" priority="-0.75">
    <div class="{local-name()}">
      <xsl:apply-templates select="@xml:id" mode="mp:id"/>
      <xsl:apply-templates select="." mode="mp:block-content"/>
    </div>
  </xsl:template>

  <!-- a phrase standing where blocks stand (a highlighted line, a segment, a name): a
       paragraph of its own -->
  <xsl:template match="tei:hi | tei:seg | tei:rs | tei:persName | tei:placeName | tei:orgName | tei:name | tei:date
                       | tei:title | tei:foreign | tei:emph | tei:term | tei:num | tei:ref | tei:ptr | tei:w | tei:c
                       | tei:pc | tei:choice | tei:abbr | tei:expan | tei:supplied | tei:unclear | tei:add | tei:del
                       | tei:gap | tei:said | tei:q | tei:mentioned | tei:soCalled | tei:gloss | tei:time | tei:measure
                       | tei:damage | tei:sic | tei:corr | tei:orig | tei:reg | tei:subst | tei:mod | tei:restore
                       | tei:lem | tei:stamp | tei:metamark | tei:gi | tei:att | tei:val | tei:code | tei:ident
                       | tei:graphic | tei:idno | tei:author | tei:editor | tei:bibl"
                mode="m:block" priority="-0.8">
    <p class="phrase">
      <xsl:apply-templates select="." mode="m:inline"/>
    </p>
  </xsl:template>

  <!-- a pointer: a link labelled by what it points to (a heading, a number), or its address -->
  <xsl:template match="tei:ptr[@target]" mode="m:inline">
    <xsl:variable name="target" select="normalize-space(@target)"/>
    <xsl:variable name="to" select="f:resolve(., $target)[starts-with($target, '#')]"/>
    <xsl:variable name="label" select="($to/tei:head[1] ! f:plain(.), $to/@n ! string(.), $target)[normalize-space()][1]"/>
    <xsl:choose>
      <xsl:when test="f:is-safe-target(., $target)"><a class="ptr" href="{$target}"><xsl:value-of select="$label"/></a></xsl:when>
      <xsl:otherwise><span class="ptr"><xsl:value-of select="$label"/></span></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- ============================================================== blocks standing inline -->

  <!-- a table inside a paragraph: its rows as lines -->
  <xsl:template match="tei:table" mode="m:inline">
    <span class="table">
      <xsl:for-each select="tei:head | tei:row">
        <br/>
        <span class="{local-name()}">
          <xsl:for-each select="if (self::tei:row) then tei:cell else .">
            <xsl:if test="position() gt 1"> | </xsl:if>
            <xsl:apply-templates mode="m:inline"/>
          </xsl:for-each>
        </span>
      </xsl:for-each>
      <br/>
    </span>
  </xsl:template>

  <!-- blocks where only phrases may stand (a letter inside a paragraph, a list in a
       note ...): their text in a span of their own, blocks within as line breaks -->
  <xsl:template match="tei:floatingText | tei:body | tei:front | tei:back | tei:div | tei:div1 | tei:div2
                       | tei:div3 | tei:lg | tei:sp | tei:opener | tei:closer | tei:salute | tei:dateline
                       | tei:signed | tei:byline | tei:trailer | tei:epigraph | tei:argument | tei:postscript
                       | tei:head | tei:speaker | tei:castList | tei:castItem | tei:figure | tei:list
                       | tei:item | tei:address | tei:docTitle | tei:titlePage | tei:cit | tei:entry | tei:sense
                       | tei:listBibl | tei:listPerson | tei:listPlace | tei:listOrg | tei:person | tei:place
                       | tei:org | tei:titlePart | tei:docImprint | tei:zone | tei:line | tei:surface"
                mode="m:inline" priority="-0.9">
    <span class="{local-name()}">
      <xsl:apply-templates select="@xml:id" mode="mp:id"/>
      <xsl:apply-templates select="." mode="mp:parts"/>
    </span>
    <xsl:if test="not(self::tei:salute or self::tei:head or self::tei:titlePart)"><br/></xsl:if>
  </xsl:template>

</xsl:stylesheet>
