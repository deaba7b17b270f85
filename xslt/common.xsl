<?xml version="1.0" encoding="UTF-8"?>
<!--
  common.xsl: what every output of the edition shares.

  This module owns the *meaning* of the TEI master: note numbers and ids, note anchors,
  mention ids, entity labels, section/thesis labels, which link targets are safe, how
  editorial brackets are displayed, the citation string, the facts a title page states
  and their labels, and the registers and their headings. It declares the shared modes
  that html.xsl and text.xsl (and print.xsl and epub.xsl through html.xsl) implement, the
  rules every output follows alike (no TEI title page where it stands, no variant reading
  in the running text, NOT-TEI), and the catch-all that reports elements no output
  handles while keeping their text (hooks t:unhandled-block, t:unhandled-inline,
  t:unknown-rend).

  Prefixes: f: public functions, fp: private functions, m: shared modes, mp: private modes,
  t: named templates meant to be overridden by importing stylesheets.

  Parameters (declared here once; html.xsl and text.xsl add their own):
    editorial-brackets  xs:boolean  show expansions and supplied text in [brackets]
    build-date          xs:string   the build's date (ISO 8601), passed in; never the clock
    show-apparatus      xs:boolean  show variant readings (the rdg of each app)
    edition-url         xs:string   public URL of the reading edition, for "How to cite"
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

  <xsl:include href="common/other-tei.xsl"/>

  <!-- ============================================================== parameters -->

  <!-- Show editorial expansions (ex) and supplied text inside [brackets]; false prints
       them silently. The HTML page lets the reader switch; this is its default. -->
  <xsl:param name="editorial-brackets" as="xs:boolean" select="true()"/>

  <!-- The build's date as an ISO 8601 string, from the build configuration
       (the .toml or SOURCE_DATE_EPOCH). Empty: no build date is printed. Never the clock,
       so that builds are byte-identical. -->
  <xsl:param name="build-date" as="xs:string" select="''"/>

  <!-- Show the critical apparatus (variant readings of each app). The lemma is always
       printed; false hides only the variants. -->
  <xsl:param name="show-apparatus" as="xs:boolean" select="true()"/>

  <!-- Public URL of the reading edition, added to the "How to cite" string when given. -->
  <xsl:param name="edition-url" as="xs:string" select="''"/>

  <!-- ============================================================== modes -->

  <!-- Block-level content: divisions, heads, paragraphs, notes in the notes list. -->
  <xsl:mode name="m:block" on-no-match="text-only-copy" warning-on-no-match="false"/>
  <!-- Inline content of a block. -->
  <xsl:mode name="m:inline" on-no-match="text-only-copy" warning-on-no-match="false"/>
  <!-- A plain string (table of contents, labels, citation): lemma only, no notes. -->
  <xsl:mode name="m:plain" on-no-match="text-only-copy" warning-on-no-match="false"/>
  <!-- Entries of the registers (standOff lists). -->
  <xsl:mode name="m:register" on-no-match="shallow-skip" warning-on-no-match="false"/>
  <!-- The variant readings of one app, shown apart from the running text. -->
  <xsl:mode name="m:apparatus" on-no-match="shallow-skip" warning-on-no-match="false"/>

  <!-- ============================================================== keys -->

  <xsl:key name="f:id" match="*[@xml:id]" use="string(@xml:id)"/>
  <!-- note anchors by the note they point to (the marker's node set lists the back-links) -->
  <xsl:key name="f:anchors" match="tei:ref[@type = 'noteAnchor']"
      use="tokenize(normalize-space(@target), ' ')"/>
  <!-- entity mentions by the register entry they refer to -->
  <!-- (patterns name the elements, so the processor only tests those: a function call in
       a pattern would run for every element of the document) -->
  <xsl:key name="f:mentions"
      match="(tei:persName | tei:orgName | tei:placeName | tei:title | tei:rs)
             [starts-with(normalize-space(@ref), '#')][ancestor::tei:text]
             [not(ancestor::tei:titlePage or ancestor::tei:rdg)]"
      use="f:ref-id(.)"/>
  <!-- every mention by the nearest element with an xml:id around it (its citable host) -->
  <xsl:key name="fp:mentions-by-host"
      match="(tei:persName | tei:orgName | tei:placeName | tei:title | tei:rs)[starts-with(normalize-space(@ref), '#')]"
      use="string((ancestor::*[@xml:id][1]/@xml:id, '')[1])"/>

  <!-- ============================================================== ids -->

  <!-- The id of any element: its xml:id, else a path of positions from the root
       (deterministic and stable for unchanged structure; never generate-id()). -->
  <xsl:function name="f:id" as="xs:string">
    <xsl:param name="e" as="element()"/>
    <xsl:sequence select="
      if ($e/@xml:id) then string($e/@xml:id)
      else 'e-' || string-join($e/ancestor-or-self::*/string(count(preceding-sibling::*) + 1), '-')"/>
  </xsl:function>

  <!-- The element an xml:id points to (a '#id' pointer or a bare id), in the same document. -->
  <xsl:function name="f:resolve" as="element()?">
    <xsl:param name="context" as="node()"/>
    <xsl:param name="pointer" as="xs:string?"/>
    <xsl:variable name="p" select="normalize-space($pointer)"/>
    <xsl:variable name="id" select="if (starts-with($p, '#')) then substring($p, 2) else $p"/>
    <xsl:sequence select="if ($id) then key('f:id', $id, root($context))[1] else ()"/>
  </xsl:function>

  <!-- ============================================================== notes -->

  <!-- The displayed number of a note: its @n, else its position in the notes list.
       Numbered once (cached), as every output and every anchor asks for it. -->
  <xsl:function name="f:note-number" as="xs:string" cache="yes">
    <xsl:param name="note" as="element(tei:note)"/>
    <xsl:sequence select="
      if (f:is-placed-note($note)) then f:placed-note-number($note)
      else if ($note/@n) then string($note/@n)
      else string(count($note/preceding-sibling::tei:note) + 1)"/>
  </xsl:function>

  <xsl:function name="f:note-id" as="xs:string">
    <xsl:param name="note" as="element(tei:note)"/>
    <xsl:sequence select="
      if ($note/@xml:id) then string($note/@xml:id)
      else if (f:is-placed-note($note)) then 'fn-' || fp:placed-note-index(root($note))(f:id($note))
      else 'n' || f:note-number($note)"/>
  </xsl:function>

  <!-- The note a noteAnchor points to; empty when the pointer is broken. A note placed in
       the text (common/other-tei.xsl) is its own anchor. -->
  <xsl:function name="f:anchor-note" as="element(tei:note)?">
    <xsl:param name="anchor" as="element()"/>
    <xsl:sequence select="
      if ($anchor/self::tei:note) then $anchor
      else f:resolve($anchor, tokenize(normalize-space($anchor/@target), ' ')[1])[self::tei:note]"/>
  </xsl:function>

  <!-- Every anchor of a note, in document order (the note's back-links). -->
  <xsl:function name="f:note-anchors" as="element()*">
    <xsl:param name="note" as="element(tei:note)"/>
    <xsl:sequence select="
      if (f:is-placed-note($note)) then $note
      else key('f:anchors', '#' || f:note-id($note), root($note))
           [not(ancestor::tei:titlePage or ancestor::tei:rdg)]"/>
  </xsl:function>

  <!-- An anchor's id: its xml:id, else nN-ref, nN-ref-2 ... by its ordinal among the
       note's anchors; a placed note's call: its note's id and -ref. -->
  <xsl:function name="f:anchor-id" as="xs:string">
    <xsl:param name="anchor" as="element()"/>
    <xsl:variable name="note" select="f:anchor-note($anchor)"/>
    <xsl:variable name="ordinal" select="
      if ($note) then index-of(f:note-anchors($note) ! f:id(.), f:id($anchor))[1] else ()"/>
    <xsl:sequence select="
      if ($anchor/self::tei:note) then f:note-id($anchor) || '-ref'
      else if ($anchor/@xml:id) then string($anchor/@xml:id)
      else if ($note) then f:note-id($note) || '-ref' || (if ($ordinal gt 1) then '-' || $ordinal else '')
      else f:id($anchor)"/>
  </xsl:function>

  <!-- The notes list: the notes of back/div[@type='notes'], in document order. -->
  <xsl:function name="f:notes" as="element(tei:note)*">
    <xsl:param name="doc" as="node()"/>
    <xsl:sequence select="root($doc)//tei:text/tei:back//tei:div[@type = 'notes']/tei:note"/>
  </xsl:function>

  <!-- ============================================================== entities -->

  <!-- An entity mention: a name or work reference pointing into the registers. -->
  <xsl:function name="f:is-mention" as="xs:boolean">
    <xsl:param name="e" as="element()"/>
    <xsl:sequence select="exists($e[self::tei:persName or self::tei:orgName or self::tei:placeName
                                    or self::tei:title or self::tei:rs][starts-with(normalize-space(@ref), '#')])"/>
  </xsl:function>

  <!-- The id a mention's @ref points to (first pointer only). -->
  <xsl:function name="f:ref-id" as="xs:string">
    <xsl:param name="e" as="element()"/>
    <xsl:sequence select="substring-after(tokenize(normalize-space($e/@ref), ' ')[1], '#')"/>
  </xsl:function>

  <!-- The register entry a mention refers to; empty when it does not resolve to one. -->
  <xsl:function name="f:entity" as="element()?">
    <xsl:param name="mention" as="element()"/>
    <xsl:sequence select="f:resolve($mention, f:ref-id($mention))
                          [self::tei:person or self::tei:org or self::tei:place or self::tei:bibl
                           or self::tei:personGrp or self::tei:biblStruct]
                          [ancestor::tei:standOff or ancestor::*[self::tei:listPerson or self::tei:listOrg
                                                                 or self::tei:listPlace or self::tei:listBibl]]"/>
  </xsl:function>

  <!-- A mention's citable id: the id of its nearest ancestor with an xml:id plus its ordinal
       among the mentions sharing that ancestor (sec-2-A-p3-m2). Stable while that
       passage is unchanged. -->
  <xsl:function name="f:mention-id" as="xs:string">
    <xsl:param name="mention" as="element()"/>
    <xsl:variable name="host" select="($mention/ancestor::*[@xml:id][1], root($mention)/*)[1]"/>
    <xsl:variable name="before" select="
      key('fp:mentions-by-host', string(($host/@xml:id, '')[1]), root($mention))[. &lt;&lt; $mention]"/>
    <xsl:sequence select="
      if ($mention/@xml:id) then string($mention/@xml:id)
      else f:id($host) || '-m' || (count($before) + 1)"/>
  </xsl:function>

  <!-- Every rendered mention of a register entry (text only: not the title page, not
       variant readings), in document order. -->
  <xsl:function name="f:mentions-of" as="element()*">
    <xsl:param name="entry" as="element()"/>
    <xsl:sequence select="if ($entry/@xml:id) then key('f:mentions', string($entry/@xml:id), root($entry)) else ()"/>
  </xsl:function>

  <!-- The kind of a register entry: person, org, place, work. -->
  <xsl:function name="f:entity-kind" as="xs:string">
    <xsl:param name="entry" as="element()"/>
    <xsl:sequence select="
      if ($entry[self::tei:person or self::tei:personGrp]) then 'person'
      else if ($entry[self::tei:org]) then 'org'
      else if ($entry[self::tei:place]) then 'place'
      else 'work'"/>
  </xsl:function>

  <!-- The registers: the standOff's lists of persons, organisations, places and works
       that have entries. -->
  <xsl:function name="f:register-lists" as="element()*">
    <xsl:param name="doc" as="node()"/>
    <xsl:sequence select="root($doc)/tei:TEI/tei:standOff/(tei:listPerson | tei:listOrg | tei:listPlace | tei:listBibl)[*]"/>
  </xsl:function>

  <!-- The heading of a register: its own head, else what it lists. -->
  <xsl:function name="f:register-title" as="xs:string">
    <xsl:param name="list" as="element()"/>
    <xsl:sequence select="($list/tei:head ! f:plain(.), $fp:register-titles(local-name($list)))[1]"/>
  </xsl:function>
  <xsl:variable name="fp:register-titles" as="map(xs:string, xs:string)" select="map {
      'listPerson': 'Index of persons', 'listOrg': 'Index of organisations',
      'listPlace': 'Index of places', 'listBibl': 'Bibliography of works cited'}"/>

  <!-- The names of a register entry (persName, orgName, placeName; title for works). -->
  <xsl:function name="f:entry-names" as="element()*">
    <xsl:param name="entry" as="element()"/>
    <xsl:sequence select="$entry/(tei:persName | tei:orgName | tei:placeName | tei:title)"/>
  </xsl:function>

  <!-- The name an entry is listed under: the one typed main (or full), else the first. -->
  <xsl:function name="f:entry-name" as="element()?">
    <xsl:param name="entry" as="element()"/>
    <xsl:variable name="names" select="f:entry-names($entry)"/>
    <xsl:sequence select="($names[@type = 'main'], $names[@type = 'full'], $names,
                           $entry/tei:monogr/tei:title, $entry/tei:analytic/tei:title)[1]"/>
  </xsl:function>

  <!-- The display label of a register entry. -->
  <xsl:function name="f:entity-label" as="xs:string">
    <xsl:param name="entry" as="element()"/>
    <xsl:variable name="name" select="f:entry-name($entry)"/>
    <xsl:sequence select="
      if ($name) then f:plain($name)
      else if (normalize-space($entry)) then normalize-space($entry)
      else string($entry/@xml:id)"/>
  </xsl:function>

  <!-- How a register entry is alphabetised: a person by surname, then forenames (the
       last word of the name where no surname is marked); anything else by its name without
       a leading article or quotation mark; case and accents ignored. -->
  <xsl:function name="f:sort-key" as="xs:string">
    <xsl:param name="entry" as="element()"/>
    <xsl:variable name="name" select="f:entry-name($entry)"/>
    <xsl:variable name="label" select="f:entity-label($entry)"/>
    <xsl:variable name="key" select="
      if ($entry[self::tei:person or self::tei:personGrp]) then
        (if ($name/tei:surname) then
           string-join(($name/tei:surname, $name/tei:forename) ! f:plain(.), ' ')
         else string-join((tokenize($label)[last()], tokenize($label)[position() lt last()]), ' '))
      else replace($label, '^[“&quot;‘'']*(The|A|An)\s+|^[“&quot;‘'']+', '', 'i')"/>
    <xsl:sequence select="lower-case(replace(normalize-unicode($key, 'NFD'), '\p{Mn}', ''))"/>
  </xsl:function>

  <!-- Life dates of a person ("1879–1940", "1896–1963?"), or empty. -->
  <xsl:function name="f:life-dates" as="xs:string?">
    <xsl:param name="person" as="element()"/>
    <xsl:variable name="birth" select="fp:event-date($person/tei:birth[1])"/>
    <xsl:variable name="death" select="fp:event-date($person/tei:death[1])"/>
    <xsl:sequence select="
      if ($birth or $death) then ($birth, '?')[1] || '–' || ($death, '')[1] else ()"/>
  </xsl:function>

  <xsl:function name="fp:event-date" as="xs:string?">
    <xsl:param name="event" as="element()?"/>
    <xsl:variable name="when" select="($event/@when, $event/tei:date/@when, $event/@notBefore)[1]"/>
    <xsl:sequence select="
      if (not($event)) then ()
      else if ($when) then replace(string($when), '^(-?\d{4}).*$', '$1')
                           || (if ($event/@cert = ('low', 'medium', 'unknown')) then '?' else '')
      else if (normalize-space($event)) then normalize-space($event)
      else ()"/>
  </xsl:function>

  <!-- The full stop a description needs to end as a sentence: "." or nothing. -->
  <xsl:function name="f:full-stop" as="xs:string">
    <xsl:param name="e" as="item()"/>
    <xsl:sequence select="if (matches(normalize-space(string($e)), '[.!?:;&quot;”’)\]]$')) then '' else '.'"/>
  </xsl:function>

  <!-- ============================================================== labels -->

  <!-- The heading of a part of the editorial declaration (editorialDecl/*). -->
  <xsl:function name="f:declaration-label" as="xs:string">
    <xsl:param name="e" as="element()"/>
    <xsl:variable name="labels" select="map {
        'correction': 'Correction', 'normalization': 'Normalisation', 'quotation': 'Quotation',
        'hyphenation': 'Hyphenation', 'segmentation': 'Segmentation', 'stdVals': 'Standard values',
        'interpretation': 'Interpretation', 'punctuation': 'Punctuation'}"/>
    <xsl:sequence select="($labels(local-name($e)), fp:capitalise(local-name($e)))[1]"/>
  </xsl:function>

  <xsl:function name="fp:capitalise" as="xs:string">
    <xsl:param name="s" as="xs:string"/>
    <xsl:sequence select="upper-case(substring($s, 1, 1)) || substring($s, 2)"/>
  </xsl:function>

  <!-- The label of a numbered division: "III." for a section, "A)" for a subsection. -->
  <xsl:function name="f:div-label" as="xs:string?">
    <xsl:param name="div" as="element(tei:div)"/>
    <xsl:sequence select="
      if (not(normalize-space($div/@n))) then ()
      else if ($div/ancestor::tei:div) then normalize-space($div/@n) || ')'
      else normalize-space($div/@n) || '.'"/>
  </xsl:function>

  <!-- The label of a numbered thesis paragraph: "1.". -->
  <xsl:function name="f:thesis-label" as="xs:string?">
    <xsl:param name="p" as="element()"/>
    <xsl:sequence select="if (normalize-space($p/@n)) then normalize-space($p/@n) || '.' else ()"/>
  </xsl:function>

  <!-- A division's heading as plain text, with its label: "III. The struggle for the masses". -->
  <xsl:function name="f:div-heading" as="xs:string">
    <xsl:param name="div" as="element(tei:div)"/>
    <xsl:sequence select="string-join((f:div-label($div), f:plain($div/tei:head[1])), ' ')"/>
  </xsl:function>

  <!-- Heading level of a division: sections h2, subsections h3 (the title is h1). -->
  <xsl:function name="f:heading-level" as="xs:integer">
    <xsl:param name="div" as="element()"/>
    <xsl:sequence select="min((count($div/ancestor-or-self::tei:div) + 1, 6))"/>
  </xsl:function>

  <!-- A short human label for where a mention stands: "§2.A ¶3", "§III ¶1", "Intro ¶2",
       "Note 12" (joined by no-break spaces, so a label is never wrapped). Used by the
       registers' occurrence lists. -->
  <xsl:function name="f:location-label" as="xs:string">
    <xsl:param name="e" as="element()"/>
    <xsl:variable name="note" select="$e/ancestor-or-self::tei:note[parent::tei:div[@type = 'notes']][1]"/>
    <xsl:variable name="p" select="$e/ancestor-or-self::tei:p[1]"/>
    <xsl:variable name="divs" select="$e/ancestor::tei:div"/>
    <xsl:sequence select="
      if ($note) then 'Note&#xA0;' || f:note-number($note)
      else normalize-space(string-join((
        string-join($divs ! fp:div-short-label(.), '.') ! (if (starts-with(., 'Intro')) then . else '§' || .),
        $p ! ('¶' || (count(preceding-sibling::tei:p) + 1)),
        (if ($e/ancestor::tei:head and not($p)) then 'heading' else ())), '&#xA0;'))"/>
  </xsl:function>

  <xsl:function name="fp:div-short-label" as="xs:string">
    <xsl:param name="div" as="element(tei:div)"/>
    <xsl:sequence select="
      if (normalize-space($div/@n)) then normalize-space($div/@n)
      else if ($div/@type = 'introduction') then 'Intro'
      else string(count($div/preceding-sibling::tei:div) + 1)"/>
  </xsl:function>

  <!-- The siglum of a witness: its abbr, else its @n, else its xml:id without "wit-"
       ("wit-numbered" -> "numbered"). Short, for the apparatus. -->
  <xsl:function name="f:witness-siglum" as="xs:string">
    <xsl:param name="w" as="element(tei:witness)"/>
    <xsl:sequence select="
      if ($w/tei:abbr) then normalize-space($w/tei:abbr[1])
      else if (normalize-space($w/@n)) then normalize-space($w/@n)
      else if ($w/@xml:id) then replace($w/@xml:id, '^wit-', '')
      else normalize-space($w)"/>
  </xsl:function>

  <!-- The witnesses of a @wit list ("#wit-notes #wit-numbered"), as declared in listWit. -->
  <xsl:function name="f:witnesses" as="element(tei:witness)*">
    <xsl:param name="context" as="node()"/>
    <xsl:param name="wit" as="xs:string?"/>
    <xsl:sequence select="tokenize(normalize-space($wit), ' ') ! f:resolve($context, .)[self::tei:witness]"/>
  </xsl:function>

  <!-- Sigla for a @wit list; a pointer to no declared witness shows as written. -->
  <xsl:function name="f:witness-labels" as="xs:string*">
    <xsl:param name="context" as="node()"/>
    <xsl:param name="wit" as="xs:string?"/>
    <xsl:sequence select="tokenize(normalize-space($wit), ' ')
                          ! (f:resolve($context, .)[self::tei:witness] ! f:witness-siglum(.), replace(., '^#', ''))[1]"/>
  </xsl:function>

  <!-- ============================================================== links -->

  <!-- May a link target become a live href? Only http:, https:, mailto: and in-page
       #fragments that name an element of this document; anything else (javascript:,
       data:, vbscript:, file:, relative paths) is shown as text. -->
  <xsl:function name="f:is-safe-target" as="xs:boolean">
    <xsl:param name="context" as="node()"/>
    <xsl:param name="target" as="xs:string?"/>
    <xsl:sequence select="
      matches($target, '^(https?://[^\s]+|mailto:[^\s]+)$', 'i')
      or (matches($target, '^#[\i-[:]][\c-[:]]*$') and exists(f:resolve($context, $target)))"/>
  </xsl:function>

  <!-- ============================================================== brackets -->

  <!-- The bracket pair shown around editorial text (ex, supplied) when brackets are on. -->
  <xsl:function name="f:brackets" as="xs:string+">
    <xsl:param name="e" as="element()"/>
    <xsl:sequence select="('[', ']')"/>
  </xsl:function>

  <!-- ============================================================== plain strings -->

  <!-- Plain text of mixed content: lemma only, no notes or anchors, brackets as the
       parameter says, whitespace normalised. -->
  <xsl:function name="f:plain" as="xs:string">
    <xsl:param name="e" as="node()*"/>
    <xsl:variable name="parts" as="xs:string*">
      <xsl:apply-templates select="$e" mode="m:plain"/>
    </xsl:variable>
    <xsl:sequence select="normalize-space(string-join($parts))"/>
  </xsl:function>

  <!-- whitespace between blocks is layout of the TEI file, not text -->
  <xsl:template match="text()[not(normalize-space())]" mode="m:block"/>

  <xsl:template match="text()" mode="m:plain">
    <xsl:sequence select="string(.)"/>
  </xsl:template>
  <xsl:template match="tei:rdg | tei:note | tei:ref[@type = 'noteAnchor']" mode="m:plain"/>
  <!-- the identifiers and notes a name of the header holds are not the name
       (pipeline/conventions/header.py, name_of, reads it the same way) -->
  <xsl:template match="(tei:author | tei:editor)[ancestor::tei:teiHeader]//(tei:idno | tei:note)"
                mode="m:plain" priority="5"/>
  <xsl:template match="tei:lb" mode="m:plain">
    <xsl:sequence select="' '"/>
  </xsl:template>
  <xsl:template match="tei:choice" mode="m:plain">
    <xsl:apply-templates select="f:choice-reading(.)" mode="m:plain"/>
  </xsl:template>
  <xsl:template match="tei:gap" mode="m:plain">
    <xsl:sequence select="'[…]'"/>
  </xsl:template>
  <xsl:template match="tei:pb | tei:cb | tei:milestone | tei:fw | tei:figDesc" mode="m:plain"/>
  <xsl:template match="tei:ex[$editorial-brackets] | tei:supplied[$editorial-brackets]" mode="m:plain">
    <xsl:variable name="b" select="f:brackets(.)"/>
    <xsl:sequence select="$b[1]"/>
    <xsl:apply-templates mode="m:plain"/>
    <xsl:sequence select="$b[2]"/>
  </xsl:template>

  <!-- ============================================================== header facts -->

  <!-- The main title of the document. -->
  <xsl:function name="f:main-title" as="xs:string">
    <xsl:param name="doc" as="node()"/>
    <xsl:variable name="ts" select="root($doc)/tei:TEI/tei:teiHeader/tei:fileDesc/tei:titleStmt"/>
    <xsl:sequence select="f:plain(($ts/tei:title[@type = 'main'], $ts/tei:title)[1])"/>
  </xsl:function>

  <!-- The language of the document (its xml:lang), English where it names none. -->
  <xsl:function name="f:language" as="xs:string">
    <xsl:param name="doc" as="node()"/>
    <xsl:sequence select="string((root($doc)/tei:TEI/@xml:lang, 'en')[1])"/>
  </xsl:function>

  <!-- A date's display text: its content, else its @when / @notBefore–@notAfter. -->
  <xsl:function name="f:date-text" as="xs:string?">
    <xsl:param name="date" as="element()?"/>
    <xsl:sequence select="
      if (not($date)) then ()
      else if (normalize-space($date)) then normalize-space($date)
      else if ($date/@when) then string($date/@when)
      else if ($date/@notBefore or $date/@notAfter) then string-join(($date/@notBefore, $date/@notAfter), '–')
      else ()"/>
  </xsl:function>

  <!-- The edition's version as the outputs print it ("version 1.2"), from editionStmt. -->
  <xsl:function name="f:version" as="xs:string*">
    <xsl:param name="doc" as="node()"/>
    <xsl:sequence select="root($doc)/tei:TEI/tei:teiHeader/tei:fileDesc/tei:editionStmt/tei:edition[@n][1]
                          ! ('version ' || @n)"/>
  </xsl:function>

  <!-- When and where the text was written (profileDesc/creation): its date, its places. -->
  <xsl:function name="f:written" as="xs:string*">
    <xsl:param name="creation" as="element()*"/>
    <xsl:sequence select="f:date-text($creation/tei:date[1]), $creation/tei:placeName ! f:plain(.)"/>
  </xsl:function>

  <!-- Who is responsible, in a respStmt: its names of persons and organisations (any
       number; an empty placeholder such as <name/> names no one). -->
  <xsl:function name="f:resp-names" as="element()*">
    <xsl:param name="resp" as="element()"/>
    <xsl:sequence select="$resp/(tei:name | tei:orgName | tei:persName)[normalize-space()]"/>
  </xsl:function>

  <!-- The translators: the names of the respStmts one of whose resps (a respStmt may
       have several) says "transl..." -->
  <xsl:function name="f:translators" as="element()*">
    <xsl:param name="doc" as="node()"/>
    <xsl:sequence select="root($doc)/tei:TEI/tei:teiHeader/tei:fileDesc/tei:titleStmt
                          /tei:respStmt[tei:resp[matches(., 'transl', 'i')]]/f:resp-names(.)"/>
  </xsl:function>

  <!-- This edition, as the title pages state it: publishers, date, version, identifiers. -->
  <xsl:function name="f:this-edition" as="xs:string*">
    <xsl:param name="publication" as="element(tei:publicationStmt)"/>
    <xsl:sequence select="$publication/tei:publisher ! f:plain(.),
                          f:date-text($publication/tei:date[1]),
                          f:version($publication),
                          $publication/tei:idno ! ('identifier ' || normalize-space(.))"/>
  </xsl:function>

  <!-- The label of a fact of the title page, by the teiHeader element that states it
       (the same words in the HTML and the text editions). -->
  <xsl:function name="f:fact-label" as="xs:string">
    <xsl:param name="e" as="element()"/>
    <xsl:apply-templates select="$e" mode="mp:fact-label"/>
  </xsl:function>

  <xsl:mode name="mp:fact-label" on-no-match="fail"/>
  <xsl:template match="tei:abstract" mode="mp:fact-label">Summary</xsl:template>
  <xsl:template match="tei:creation" mode="mp:fact-label">Written</xsl:template>
  <xsl:template match="tei:bibl[@type = 'original']" mode="mp:fact-label">Original</xsl:template>
  <xsl:template match="tei:bibl[@type = 'web']" mode="mp:fact-label">Web publication</xsl:template>
  <xsl:template match="tei:bibl" mode="mp:fact-label">Source</xsl:template>
  <xsl:template match="tei:respStmt" mode="mp:fact-label">
    <!-- a respStmt may state several responsibilities: each is named -->
    <xsl:sequence select="string-join(tei:resp ! f:plain(.), '; ')"/>
  </xsl:template>
  <xsl:template match="tei:publicationStmt" mode="mp:fact-label">This edition</xsl:template>
  <xsl:template match="tei:availability" mode="mp:fact-label">Rights</xsl:template>
  <xsl:template match="tei:listWit" mode="mp:fact-label">Witnesses of the notes</xsl:template>
  <xsl:template match="tei:correspDesc" mode="mp:fact-label">Letter</xsl:template>
  <xsl:template match="tei:msDesc" mode="mp:fact-label">Manuscript</xsl:template>

  <!-- A letter's sending and receiving (correspDesc), each as "sent by Name, Place, Date". -->
  <xsl:function name="f:correspondence" as="xs:string*">
    <xsl:param name="desc" as="element(tei:correspDesc)"/>
    <xsl:for-each select="$desc/tei:correspAction">
      <xsl:variable name="who" select="string-join((tei:persName | tei:orgName | tei:name | tei:rs) ! f:plain(.), ' and ')"/>
      <xsl:variable name="what" select="map{'sent': 'sent by', 'received': 'received by', 'transmitted': 'transmitted by',
                                            'redirected': 'redirected by', 'forwarded': 'forwarded by'}(string(@type))"/>
      <xsl:sequence select="string-join((($what, string(@type))[.][1] || (' ' || $who)[$who],
          tei:placeName ! f:plain(.), tei:date ! (f:plain(.)[.], @when, @notBefore ! ('not before ' || .))[1]), ', ')"/>
    </xsl:for-each>
  </xsl:function>

  <!-- A manuscript as its identifier says where it is, then what its contents summary says. -->
  <xsl:function name="f:manuscript" as="xs:string">
    <xsl:param name="ms" as="element(tei:msDesc)"/>
    <xsl:variable name="id" select="$ms/tei:msIdentifier"/>
    <xsl:sequence select="string-join((
        ($id/(tei:country, tei:region, tei:settlement, tei:institution, tei:repository, tei:collection,
              tei:idno, tei:msName)) ! f:plain(.),
        $ms/tei:head ! f:plain(.), $ms/tei:msContents/tei:summary ! f:plain(.))[.], ', ')"/>
  </xsl:function>

  <!-- "How to cite": author, "title" (year of writing), the web publication it is
       based on, this edition (publisher, date, version), and the edition URL. -->
  <xsl:function name="f:citation" as="xs:string">
    <xsl:param name="doc" as="node()"/>
    <xsl:variable name="h" select="root($doc)/tei:TEI/tei:teiHeader"/>
    <xsl:variable name="ts" select="$h/tei:fileDesc/tei:titleStmt"/>
    <xsl:variable name="ps" select="$h/tei:fileDesc/tei:publicationStmt"/>
    <xsl:variable name="web" select="$h/tei:fileDesc/tei:sourceDesc/tei:bibl[@type = 'web'][1]"/>
    <xsl:variable name="written" select="f:date-text($h/tei:profileDesc/tei:creation/tei:date[1])"/>
    <xsl:variable name="translators" select="f:translators($doc)"/>
    <xsl:variable name="parts" as="xs:string*" select="
      string-join($ts/tei:author ! f:plain(.), '; ')[.],
      '“' || f:main-title($doc) || '”' || ($written ! (' (' || . || ')')),
      (if ($translators) then 'translated by ' || string-join($translators ! f:plain(.), ', ') else ()),
      (if ($web) then string-join((
          'published by ' || f:plain(($web/tei:publisher, $web/tei:title[@level = 'j'])[1]),
          f:date-text($web/tei:date[1])), ', ')[$web/tei:publisher or $web/tei:title[@level = 'j']] else ()),
      (if ($ps/tei:publisher) then string-join((
          'TEI edition: ' || f:plain($ps/tei:publisher[1]),
          f:date-text($ps/tei:date[1]),
          f:version($doc)), ', ') else ()),
      $edition-url[normalize-space()]"/>
    <xsl:sequence select="string-join($parts[normalize-space()], ', ') || '.'"/>
  </xsl:function>

  <!-- The citation of one passage: the document's citation, the passage's place
       ("§2.A ¶3", "Note 12") and its identifier, which the URL's fragment carries. -->
  <xsl:function name="f:passage-citation" as="xs:string">
    <xsl:param name="e" as="element()"/>
    <xsl:variable name="citation" select="if (root($e) is $fp:source) then $fp:source-citation else f:citation($e)"/>
    <xsl:sequence select="replace($citation, '\.$', '') || ', ' || f:passage-label($e)
                          || ' (#' || f:id($e) || ').'"/>
  </xsl:function>

  <!-- The source document and its citation, computed once (Saxon-HE has no memo functions):
       every citable passage repeats it. -->
  <xsl:variable name="fp:source" select="root(.)" as="node()?"/>
  <xsl:variable name="fp:source-citation" select="if ($fp:source/tei:TEI) then f:citation($fp:source) else ''" as="xs:string"/>

  <!-- Where a citable element stands, for people: a paragraph or note by f:location-label,
       a division by its number (or position) path. -->
  <xsl:function name="f:passage-label" as="xs:string">
    <xsl:param name="e" as="element()"/>
    <xsl:sequence select="
      if ($e/self::tei:div) then
        (if ($e/@type = 'introduction') then 'Introduction'
         else '§' || string-join($e/ancestor-or-self::tei:div ! fp:div-short-label(.), '.'))
      else f:location-label($e)"/>
  </xsl:function>

  <!-- ============================================================== choice -->

  <!-- The reading of a tei:choice an edition shows: the editor's (corr, reg, expan),
       else its first child. The other children are alternatives (sic, orig, abbr). -->
  <xsl:function name="f:choice-reading" as="element()?">
    <xsl:param name="choice" as="element(tei:choice)"/>
    <xsl:sequence select="($choice/(tei:corr, tei:reg, tei:expan), $choice/*)[1]"/>
  </xsl:function>

  <!-- What an alternative reading of a choice is, for people: "the source reads". -->
  <xsl:function name="f:alternative-label" as="xs:string">
    <xsl:param name="e" as="element()"/>
    <xsl:sequence select="
      if ($e/self::tei:sic) then 'the source reads'
      else if ($e/self::tei:orig) then 'original spelling'
      else if ($e/self::tei:abbr) then 'abbreviated'
      else if ($e/self::tei:corr) then 'corrected'
      else if ($e/self::tei:reg) then 'regularised'
      else if ($e/self::tei:expan) then 'expanded'
      else 'also'"/>
  </xsl:function>

  <!-- ============================================================== TEI of other projects -->

  <!-- Shared by every output (html/other-tei.xsl and text/other-tei.xsl render the rest,
       and override these where an output marks more, such as numbered page breaks).
       Markers with no text of their own: -->
  <xsl:template match="tei:pb | tei:cb | tei:milestone | tei:anchor | tei:fw | tei:index | tei:graphic"
                mode="m:inline m:block"/>

  <!-- The page and column breaks that stand between the items of a list or the rows of a
       table, where an output has no place for them: each goes with the item (row) after
       it, the ones after the last with the last. -->
  <xsl:function name="f:breaks-before" as="element()*">
    <xsl:param name="e" as="element()"/>
    <xsl:variable name="previous" select="$e/preceding-sibling::*[1][self::tei:pb or self::tei:cb or self::tei:milestone]"/>
    <xsl:sequence select="$previous ! (f:breaks-before(.), .)"/>
  </xsl:function>
  <xsl:function name="f:breaks-after" as="element()*">
    <xsl:param name="e" as="element()"/>
    <xsl:variable name="name" select="node-name($e)"/>
    <xsl:sequence select="$e[not(following-sibling::*[node-name() = $name])]
                          /following-sibling::*[self::tei:pb or self::tei:cb or self::tei:milestone]"/>
  </xsl:function>

  <!-- Elements whose text is shown as it stands: -->
  <xsl:template match="tei:seg | tei:s | tei:w | tei:c | tei:pc | tei:corr | tei:reg | tei:orig
                       | tei:sic[parent::tei:choice] | tei:measure | tei:time | tei:geogName
                       | tei:objectName | tei:distinct | tei:damage | tei:surplus | tei:restore
                       | tei:secl | tei:handShift | tei:said | tei:cit"
                mode="m:inline">
    <xsl:apply-templates mode="m:inline"/>
  </xsl:template>

  <!-- ============================================================== the same in every output -->

  <!-- Our masters' title page repeats the teiHeader, from which every output prints its
       own; another project's titlePage is text of its source (the outputs' other-tei
       modules render it). -->
  <xsl:template match="tei:titlePage[f:own-master(.)]" mode="m:block"/>

  <!-- A variant reading is not part of the running text, its lemma is; each output's
       apparatus shows the readings. -->
  <xsl:template match="tei:rdg" mode="m:inline"/>

  <!-- A rendition no output knows: reported like an unhandled element, its text kept
       (how: the hook t:unknown-rend; default its children). -->
  <xsl:template match="tei:hi" mode="m:inline" priority="-1">
    <xsl:message select="'UNHANDLED: tei:hi[@rend=' || @rend || '] near #' || f:id(ancestor::*[@xml:id][1])"/>
    <xsl:call-template name="t:unknown-rend"/>
  </xsl:template>
  <xsl:template name="t:unknown-rend">
    <xsl:apply-templates mode="m:inline"/>
  </xsl:template>

  <!-- ============================================================== catch-all -->

  <!-- A document that is not one TEI text (a teiCorpus, another vocabulary): every output
       stops with one line saying so. -->
  <xsl:template match="document-node()[not(tei:TEI)]">
    <xsl:message terminate="yes" select="'NOT-TEI: the root element is ' || f:element-name(*[1])
                                         || ', not tei:TEI'"/>
  </xsl:template>

  <!-- The name of an element in messages: tei:foo for TEI, Q{uri}foo otherwise. -->
  <xsl:function name="f:element-name" as="xs:string">
    <xsl:param name="e" as="element()"/>
    <xsl:sequence select="
      if (namespace-uri($e) = 'http://www.tei-c.org/ns/1.0') then 'tei:' || local-name($e)
      else if (namespace-uri($e) = '') then local-name($e)
      else 'Q{' || namespace-uri($e) || '}' || local-name($e)"/>
  </xsl:function>

  <!-- An element no template of this output handles: say so (the build fails on this
       for the project's own masters) and keep its text. -->
  <xsl:template match="*" mode="m:block" priority="-10">
    <xsl:message select="'UNHANDLED: ' || f:element-name(.) || ' (block) near #' || f:id((ancestor-or-self::*[@xml:id][1], .)[1])"/>
    <xsl:call-template name="t:unhandled-block"/>
  </xsl:template>

  <xsl:template match="*" mode="m:inline" priority="-10">
    <xsl:message select="'UNHANDLED: ' || f:element-name(.) || ' near #' || f:id((ancestor-or-self::*[@xml:id][1], .)[1])"/>
    <xsl:call-template name="t:unhandled-inline"/>
  </xsl:template>

  <!-- Hooks: how an output keeps the text of an unhandled element. Defaults: its children. -->
  <xsl:template name="t:unhandled-block">
    <xsl:apply-templates mode="m:block"/>
  </xsl:template>
  <xsl:template name="t:unhandled-inline">
    <xsl:apply-templates mode="m:inline"/>
  </xsl:template>

  <!-- A broken pointer (anchor to a missing note, @ref to a missing entry): reported,
       rendered as its text. -->
  <xsl:function name="f:broken-message" as="xs:string">
    <xsl:param name="e" as="element()"/>
    <xsl:param name="pointer" as="xs:string?"/>
    <xsl:sequence select="'BROKEN-REF: ' || f:element-name($e) || ' points to ' || $pointer
                          || ' which is not in this document, near #' || f:id(($e/ancestor-or-self::*[@xml:id][1], $e)[1])"/>
  </xsl:function>

</xsl:stylesheet>
