<?xml version="1.0" encoding="UTF-8"?>
<!--
  title-page.xsl: the title page of the HTML, print and EPUB editions, built from the
  teiHeader. One title page for the three: title, subtitles, authors; the facts (summary,
  writing, sources, responsibilities, this edition, rights, witnesses), each under the
  label common.xsl gives it (f:fact-label, the text edition's too); how to cite; and on
  the HTML page "About this edition", the editorial declaration (mode mp:about, which
  epub.xsl also uses for its about.xhtml).

  Where print.xsl and epub.xsl differ, they override:
    t:title-page         the wrapper around fp:title-page-parts: a <header> here; print.xsl
                         adds the running title, epub.xsl makes it a titlepage <section>
    t:cite-example       how to cite a passage, with the first citable paragraph as the
                         example: by its link here, by its identifier in print.xsl, none
                         in epub.xsl
    mode mp:facts        print.xsl leaves out the summary and the witnesses (its "About
                         this edition" and variant readings sections begin with them)
  and fp:title-page-parts takes two parameters:
    title-class  xs:string?  a class for the <h1> (print.xsl: doc-title)
    about        xs:boolean  end with "About this edition" (print.xsl and epub.xsl: false,
                             they give it a section or a file of its own)
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

  <xsl:template name="t:title-page">
    <header class="title-page">
      <xsl:call-template name="fp:title-page-parts"/>
    </header>
  </xsl:template>

  <xsl:template name="fp:title-page-parts">
    <xsl:param name="title-class" as="xs:string?" select="()"/>
    <xsl:param name="about" as="xs:boolean" select="true()"/>
    <xsl:variable name="h" select="/tei:TEI/tei:teiHeader"/>
    <xsl:variable name="fd" select="$h/tei:fileDesc"/>
    <h1>
      <xsl:for-each select="$title-class"><xsl:attribute name="class" select="."/></xsl:for-each>
      <xsl:value-of select="f:main-title(.)"/>
    </h1>
    <xsl:for-each select="$fd/tei:titleStmt/tei:title[@type = 'sub']">
      <p class="subtitle"><xsl:apply-templates mode="m:inline"/></p>
    </xsl:for-each>
    <xsl:for-each select="$fd/tei:titleStmt/tei:author">
      <p class="author"><xsl:apply-templates mode="m:inline"/></p>
    </xsl:for-each>
    <dl class="facts">
      <xsl:apply-templates mode="mp:facts" select="
          $h/tei:profileDesc/tei:abstract, $h/tei:profileDesc/tei:creation,
          $h/tei:profileDesc/tei:correspDesc[tei:correspAction], $fd/tei:sourceDesc/tei:msDesc, $fd/tei:sourceDesc/tei:bibl,
          $fd/tei:titleStmt/tei:respStmt, $fd/tei:publicationStmt, $fd/tei:publicationStmt/tei:availability,
          $fd/tei:sourceDesc/tei:listWit"/>
    </dl>
    <section class="how-to-cite">
      <h2>How to cite</h2>
      <p class="citation"><xsl:value-of select="f:citation(.)"/></p>
      <xsl:for-each select="(/tei:TEI/tei:text/tei:body//tei:p[@xml:id])[1]">
        <xsl:call-template name="t:cite-example"/>
      </xsl:for-each>
    </section>
    <xsl:if test="$about">
      <!-- folded: the declaration is long, and most readers come for the text -->
      <xsl:for-each select="$h/tei:encodingDesc[tei:projectDesc | tei:editorialDecl]">
        <details class="about">
          <summary>About this edition</summary>
          <xsl:apply-templates select="fp:declaration-paragraphs(.)" mode="mp:about"/>
        </details>
      </xsl:for-each>
    </xsl:if>
  </xsl:template>

  <!-- (The text of the example keeps the indentation its lines had in the page: it is
       the text of the output.) -->
  <xsl:template name="t:cite-example">
    <p class="cite-passage">To cite a passage, link to its identifier: every section and
            paragraph has one, for example <a href="#{@xml:id}"><code>#<xsl:value-of select="@xml:id"/></code></a>.</p>
  </xsl:template>

  <!-- ============================================================== facts -->

  <!-- A fact: its label, then what the teiHeader says (mode mp:fact-value). -->
  <xsl:mode name="mp:facts" on-no-match="shallow-skip"/>
  <xsl:template match="*" mode="mp:facts">
    <dt><xsl:value-of select="f:fact-label(.)"/></dt>
    <xsl:apply-templates select="." mode="mp:fact-value"/>
  </xsl:template>

  <xsl:mode name="mp:fact-value" on-no-match="fail"/>

  <xsl:template match="tei:abstract" mode="mp:fact-value">
    <dd><xsl:apply-templates select="*" mode="mp:statement"/></dd>
  </xsl:template>

  <xsl:template match="tei:creation" mode="mp:fact-value">
    <dd><xsl:value-of select="string-join(f:written(.), ', ')"/></dd>
  </xsl:template>

  <xsl:template match="tei:correspDesc" mode="mp:fact-value">
    <dd class="correspDesc"><xsl:value-of select="string-join(f:correspondence(.), '; ')"/></dd>
  </xsl:template>

  <xsl:template match="tei:msDesc" mode="mp:fact-value">
    <dd class="msDesc"><xsl:value-of select="f:manuscript(.)"/></dd>
  </xsl:template>

  <xsl:template match="tei:bibl" mode="mp:fact-value">
    <dd><xsl:apply-templates select="@xml:id" mode="mp:id"/><xsl:apply-templates select="." mode="mp:bibl"/></dd>
  </xsl:template>

  <xsl:template match="tei:respStmt" mode="mp:fact-value">
    <dd><xsl:value-of select="string-join(f:resp-names(.) ! f:plain(.), ', ')"/></dd>
  </xsl:template>

  <xsl:template match="tei:publicationStmt" mode="mp:fact-value">
    <dd><xsl:value-of select="string-join(f:this-edition(.), ', ')"/></dd>
  </xsl:template>

  <xsl:template match="tei:availability" mode="mp:fact-value">
    <dd class="rights"><xsl:apply-templates select="*" mode="mp:statement"/></dd>
  </xsl:template>

  <xsl:template match="tei:listWit" mode="mp:fact-value">
    <dd>
      <ul class="witnesses">
        <xsl:for-each select="tei:witness">
          <li><xsl:apply-templates select="@xml:id" mode="mp:id"/><span class="siglum"><xsl:value-of select="f:witness-siglum(.)"/></span>: <xsl:apply-templates mode="m:inline"/></li>
        </xsl:for-each>
      </ul>
    </dd>
  </xsl:template>

  <!-- The paragraphs of a summary or a rights statement; a licence as its link. -->
  <xsl:mode name="mp:statement" on-no-match="shallow-skip"/>
  <xsl:template match="tei:p" mode="mp:statement">
    <p><xsl:apply-templates mode="m:inline"/></p>
  </xsl:template>
  <xsl:template match="tei:licence" mode="mp:statement">
    <p class="licence">
      <xsl:apply-templates select="." mode="mp:link"/>
    </p>
  </xsl:template>

  <!-- ============================================================== about this edition -->

  <!-- The editorial declaration in words: the project description, then the principles
       of the editorialDecl, in their order. -->
  <xsl:function name="fp:declaration-paragraphs" as="element(tei:p)*">
    <xsl:param name="encoding" as="element(tei:encodingDesc)*"/>
    <xsl:sequence select="$encoding/tei:projectDesc/tei:p, $encoding/tei:editorialDecl//tei:p"/>
  </xsl:function>

  <!-- One paragraph, run in by the principle it states ("Correction. ..."); those of the
       project description and of the declaration as a whole have no label. -->
  <xsl:mode name="mp:about" on-no-match="fail"/>
  <xsl:template match="tei:p" mode="mp:about">
    <p>
      <xsl:if test="not(parent::tei:projectDesc or parent::tei:editorialDecl)">
        <strong><xsl:value-of select="f:declaration-label(..)"/>. </strong>
      </xsl:if>
      <xsl:apply-templates mode="m:inline"/>
    </p>
  </xsl:template>

</xsl:stylesheet>
