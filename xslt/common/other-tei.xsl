<?xml version="1.0" encoding="UTF-8"?>
<!--
  common/other-tei.xsl: the shared meaning of TEI from other projects, included by
  common.xsl so that every output reads it alike.

  What is the text (f:text-parts: front, body and back, a group of texts, texts inside
  texts, a sourceDoc), whether a master is one of ours (f:own-master), which block a
  variant reading belongs to (f:app-host, f:host-apps), the notes that stand in the text
  where their call is (f:placed-notes, f:placed-note-number), verse line numbers
  (f:line-number, f:shows-line-number), renditions (f:rend-tokens, f:safe-style) and the
  OMITTED: message an output gives for text it deliberately leaves out.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:map="http://www.w3.org/2005/xpath-functions/map"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:f="urn:x-edition:function"
    xmlns:fp="urn:x-edition:function:private"
    xmlns:m="urn:x-edition:mode"
    exclude-result-prefixes="#all">

  <!-- ============================================================== the text -->

  <!-- A master this pipeline wrote (its header names the application). Our masters'
       titlePage repeats the teiHeader, which every output prints as its title page;
       another project's titlePage is text of the source and is printed where it stands. -->
  <xsl:function name="f:own-master" as="xs:boolean" cache="yes">
    <xsl:param name="doc" as="node()"/>
    <xsl:sequence select="exists(root($doc)/tei:TEI/tei:teiHeader/tei:encodingDesc/tei:appInfo
                                 /tei:application[@ident = 'edition-pipeline'])"/>
  </xsl:function>

  <!-- The parts of the document every output renders, in order: the children of text
       (front, body, back: each is rendered as its children; a group as its texts; a
       text with a div directly in it as those divs) and the sourceDoc transcriptions. -->
  <xsl:function name="f:text-parts" as="element()*">
    <xsl:param name="doc" as="node()"/>
    <xsl:sequence select="root($doc)/tei:TEI/(tei:text/*, tei:sourceDoc)"/>
  </xsl:function>

  <!-- Containers with no rendering of their own: their children are the blocks. -->
  <xsl:template match="tei:front | tei:body | tei:back" mode="m:block">
    <xsl:apply-templates mode="m:block"/>
  </xsl:template>

  <!-- A division of any numbered kind (div1 ... div7) or a plain div. -->
  <xsl:function name="f:is-div" as="xs:boolean">
    <xsl:param name="e" as="element()"/>
    <xsl:sequence select="exists($e[self::tei:div or self::tei:div1 or self::tei:div2 or self::tei:div3
                                    or self::tei:div4 or self::tei:div5 or self::tei:div6 or self::tei:div7])"/>
  </xsl:function>

  <!-- ============================================================== apparatus -->

  <!-- The block after which a variant reading is listed: its note (a note is shown as
       one whole), else the nearest block that holds text (paragraph, verse line, head,
       item, stage direction ...), else the app itself, which then stands as a block. -->
  <xsl:function name="f:app-host" as="element()">
    <xsl:param name="app" as="element(tei:app)"/>
    <xsl:sequence select="($app/ancestor::tei:note[1],
                           $app/ancestor::*[fp:is-app-host(.)][1], $app)[1]"/>
  </xsl:function>

  <xsl:function name="fp:is-app-host" as="xs:boolean">
    <xsl:param name="e" as="element()"/>
    <xsl:sequence select="exists($e[self::tei:p or self::tei:l or self::tei:ab or self::tei:head
        or self::tei:item or self::tei:stage or self::tei:speaker or self::tei:titlePart
        or self::tei:docImprint or self::tei:byline or self::tei:dateline or self::tei:salute
        or self::tei:signed or self::tei:trailer or self::tei:cell or self::tei:line])"/>
  </xsl:function>

  <!-- The apps (with readings) whose readings are listed after $host. -->
  <xsl:function name="f:host-apps" as="element(tei:app)*">
    <xsl:param name="host" as="element()"/>
    <xsl:sequence select="$host/descendant-or-self::tei:app[tei:rdg][not(ancestor::tei:app)]
                          [f:app-host(.) is $host]"/>
  </xsl:function>

  <!-- ============================================================== characters and glyphs -->

  <!-- A g (the gaiji module) shows its content; an empty g stands for the character or
       glyph its @ref declares in charDecl, shown as that declaration's standard mapping,
       else its first mapping. With no mapping (a declaration that only has a picture of
       the glyph) each output shows its name (f:glyph-name) in single guillemets, never
       nothing: ‹z0002› (not square brackets, which join the word they touch: homin[um]). -->
  <xsl:function name="f:glyph-mapping" as="xs:string?">
    <xsl:param name="g" as="element(tei:g)"/>
    <xsl:variable name="decl" select="f:resolve($g, $g/@ref)[self::tei:char or self::tei:glyph]"/>
    <xsl:sequence select="($decl/tei:mapping[@type = 'standard'], $decl/tei:mapping)
                          [normalize-space()][1] ! string(.)"/>
  </xsl:function>

  <!-- what a glyph is called: its declaration's name, description or id, else its @ref -->
  <xsl:function name="f:glyph-name" as="xs:string">
    <xsl:param name="g" as="element(tei:g)"/>
    <xsl:variable name="decl" select="f:resolve($g, $g/@ref)[self::tei:char or self::tei:glyph]"/>
    <xsl:sequence select="(($decl/(tei:charName, tei:glyphName, tei:localProp[@name = 'name']/@value,
                              tei:desc))[normalize-space()] ! normalize-space(.),
                           $decl/@xml:id, replace(normalize-space($g/@ref), '^#', ''),
                           'unknown')[. ne ''][1]"/>
  </xsl:function>

  <!-- ============================================================== notes in place -->

  <!-- Notes standing in the text where they apply (footnotes, marginal and end notes of
       other projects), as opposed to our masters' notes list (back/div[@type='notes'],
       called by noteAnchor refs). Each output puts a numbered call where the note
       stands and the note in a list of its own. A note inside another note, a
       variant reading or the header stays with them; an empty note (a project's record
       of a relation, <note type="work_relations" target="..."/>) has nothing to show. -->
  <xsl:function name="f:placed-notes" as="element(tei:note)*" cache="yes">
    <xsl:param name="doc" as="node()"/>
    <xsl:sequence select="f:text-parts($doc)/descendant-or-self::tei:note
                          [not(ancestor::tei:div[@type = 'notes'])]
                          [not(ancestor::tei:note or ancestor::tei:rdg or parent::tei:app)]
                          [normalize-space() or *]"/>
  </xsl:function>

  <xsl:function name="f:is-placed-note" as="xs:boolean">
    <xsl:param name="note" as="element(tei:note)"/>
    <xsl:sequence select="map:contains(fp:placed-note-index(root($note)), f:id($note))"/>
  </xsl:function>

  <!-- position of each placed note, by its id -->
  <xsl:function name="fp:placed-note-index" as="map(xs:string, xs:integer)" cache="yes">
    <xsl:param name="doc" as="node()"/>
    <xsl:variable name="notes" select="f:placed-notes($doc)"/>
    <xsl:sequence select="map:merge(for $i in 1 to count($notes) return map{f:id($notes[$i]): $i})"/>
  </xsl:function>

  <!-- The call of a placed note: its @n as the source numbers it, else its ordinal. -->
  <xsl:function name="f:placed-note-number" as="xs:string">
    <xsl:param name="note" as="element(tei:note)"/>
    <xsl:sequence select="(normalize-space($note/@n)[.],
                           string(fp:placed-note-index(root($note))(f:id($note))))[1]"/>
  </xsl:function>

  <!-- ============================================================== verse -->

  <!-- Verse lines counted from the start of each poem or division, for line numbers
       where the source gives none. -->
  <!-- (the unnamed mode starts every transform: the document it starts on counts) -->
  <xsl:mode use-accumulators="fp:verse-line"/>
  <xsl:accumulator name="fp:verse-line" as="xs:integer" initial-value="0">
    <xsl:accumulator-rule match="tei:div | tei:div1 | tei:div2 | tei:div3 | tei:div4 | tei:div5
                                 | tei:div6 | tei:div7 | tei:text | tei:lg[not(ancestor::tei:lg)][not(ancestor::tei:sp)]"
                          select="0"/>
    <xsl:accumulator-rule match="tei:l" select="$value + 1"/>
  </xsl:accumulator>

  <!-- The number of a verse line: its @n, else its count in the poem. -->
  <xsl:function name="f:line-number" as="xs:string">
    <xsl:param name="l" as="element(tei:l)"/>
    <xsl:sequence select="(normalize-space($l/@n)[.], string($l/accumulator-before('fp:verse-line')))[1]"/>
  </xsl:function>

  <!-- Every fifth line shows its number (a number that is not a whole number is shown
       when the source gives it). -->
  <xsl:function name="f:shows-line-number" as="xs:boolean">
    <xsl:param name="l" as="element(tei:l)"/>
    <xsl:variable name="n" select="f:line-number($l)"/>
    <xsl:sequence select="if ($n castable as xs:integer) then xs:integer($n) mod 5 eq 0 and xs:integer($n) gt 0
                          else exists($l/@n)"/>
  </xsl:function>

  <!-- ============================================================== renditions -->

  <!-- The renditions of an element, as our names: @rend tokens, and the ids @rendition
       points to in the header's tagsDecl with the names their CSS implies. Synonyms that
       projects use (it, i, italics; b; sc, smcap; g, wide, spaced: letter-spaced print;
       aq, roman, antiqua, latintype: roman type in a blackletter print ...) are mapped to
       one name each. -->
  <xsl:function name="f:rend-tokens" as="xs:string*">
    <xsl:param name="e" as="element()"/>
    <xsl:variable name="rend" select="tokenize(lower-case(replace(normalize-space($e/@rend), '[()]', ' ')))"/>
    <xsl:variable name="renditions" select="tokenize(normalize-space($e/@rendition)) ! f:resolve($e, .)[self::tei:rendition]"/>
    <xsl:variable name="declared" select="for $r in $renditions return
        (lower-case($r/@xml:id), fp:css-tokens(string($r)))"/>
    <xsl:sequence select="distinct-values((for $t in ($rend, $declared, tokenize(normalize-space($e/@rendition)) ! lower-case(replace(., '^#', '')))
                                           return ($fp:rend-synonyms($t), $t)[1])[. = $f:known-rends])"/>
  </xsl:function>

  <xsl:variable name="f:known-rends" as="xs:string+" select="('italic', 'bold', 'sup', 'sub', 'smallcaps',
      'underline', 'strikethrough', 'spaced', 'roman', 'uppercase', 'larger', 'smaller', 'center', 'right',
      'code', 'red', 'indent', 'normal', 'blackletter', 'overline')"/>

  <xsl:variable name="fp:rend-synonyms" as="map(xs:string, xs:string)" select="map{
      'i': 'italic', 'it': 'italic', 'italics': 'italic', 'em': 'italic', 'emph': 'italic', 'slanted': 'italic',
      'b': 'bold', 'strong': 'bold', 'bo': 'bold',
      'superscript': 'sup', 'super': 'sup', 'sup': 'sup', 'superlinear': 'sup', 'subscript': 'sub', 'sublinear': 'sub',
      'sc': 'smallcaps', 'small-caps': 'smallcaps', 'smcap': 'smallcaps', 'smcaps': 'smallcaps', 'kapitaelchen': 'smallcaps',
      'u': 'underline', 'ul': 'underline', 'underlined': 'underline',
      'strike': 'strikethrough', 'struck': 'strikethrough', 'line-through': 'strikethrough',
      'strikedoublethrough': 'strikethrough', 'overstrike': 'strikethrough',
      'g': 'spaced', 'wide': 'spaced', 'letterspace': 'spaced', 'letterspaced': 'spaced', 'gesperrt': 'spaced',
      'spaced-out': 'spaced',
      'aq': 'roman', 'antiqua': 'roman', 'latintype': 'roman', 'upright': 'roman',
      'allcaps': 'uppercase', 'caps': 'uppercase', 'capitals': 'uppercase', 'uc': 'uppercase',
      'large': 'larger', 'big': 'larger', 'small': 'smaller', 'sm': 'smaller',
      'centre': 'center', 'centred': 'center', 'centered': 'center', 'c': 'center', 'align-right': 'right',
      'typewriter': 'code', 'monospace': 'code', 'mono': 'code',
      'color': 'red', 'rubric': 'red', 'rubricated': 'red',
      'indented': 'indent', 'indent1': 'indent', 'indent2': 'indent', 'indent3': 'indent',
      'normalweight': 'normal', 'fr': 'blackletter', 'fraktur': 'blackletter', 'gothic': 'blackletter'}"/>

  <!-- our names for what a CSS rendition declares -->
  <xsl:function name="fp:css-tokens" as="xs:string*">
    <xsl:param name="css" as="xs:string"/>
    <xsl:variable name="c" select="lower-case(replace($css, '\s+', ''))"/>
    <xsl:sequence select="
      ('italic'[contains($c, 'font-style:italic')], 'bold'[matches($c, 'font-weight:(bold|[6-9]00)')],
       'sup'[contains($c, 'vertical-align:super')], 'sub'[contains($c, 'vertical-align:sub')],
       'smallcaps'[contains($c, 'small-caps')], 'underline'[contains($c, 'underline')],
       'strikethrough'[contains($c, 'line-through')], 'spaced'[contains($c, 'letter-spacing')],
       'uppercase'[contains($c, 'uppercase')], 'center'[contains($c, 'text-align:center')],
       'right'[contains($c, 'text-align:right')], 'larger'[matches($c, 'font-size:(larger|large|x-large|1[2-9]\d%|[2-9]\d\d%)')],
       'smaller'[matches($c, 'font-size:(smaller|small|x-small|[1-9]\d%)')], 'red'[contains($c, 'color:red')])"/>
  </xsl:function>

  <!-- ============================================================== left out -->

  <!-- What an output leaves out of its reading text on purpose, said once per element
       with the words it holds, so that the conservation check of `edition render` can
       tell it from a loss: "OMITTED: tei:fw (page furniture): <its text>". -->
  <xsl:function name="f:omitted-message" as="xs:string">
    <xsl:param name="e" as="element()"/>
    <xsl:param name="why" as="xs:string"/>
    <xsl:sequence select="'OMITTED: ' || f:element-name($e) || ' (' || $why || '): ' || normalize-space(string($e))"/>
  </xsl:function>

</xsl:stylesheet>
