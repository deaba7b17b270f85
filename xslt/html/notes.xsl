<?xml version="1.0" encoding="UTF-8"?>
<!--
  notes.xsl: the notes of the HTML edition, linked both ways. Each anchor in the text
  (number, popover with the note) and the notes list (each note with its back-links, a
  flag where it has none).
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:f="urn:x-edition:function"
    xmlns:m="urn:x-edition:mode"
    xmlns:mp="urn:x-edition:mode:private"
    xmlns:t="urn:x-edition:template"
    exclude-result-prefixes="#all">

  <xsl:template match="tei:ref[@type = 'noteAnchor'][exists(f:anchor-note(.))]" mode="m:inline" priority="4">
    <xsl:call-template name="t:note-anchor">
      <xsl:with-param name="note" select="f:anchor-note(.)"/>
    </xsl:call-template>
  </xsl:template>

  <xsl:template match="tei:ref[@type = 'noteAnchor']" mode="m:inline" priority="3">
    <xsl:message select="f:broken-message(., string(@target))"/>
    <sup class="note-ref broken-ref"><xsl:apply-templates mode="m:inline"/></sup>
  </xsl:template>

  <!-- A note anchor: the number links to the endnote; a button opens the note in place
       (HTML popover: keyboard operable, Esc closes). Copies (inside a popover) get no ids
       and no nested popover. -->
  <xsl:template name="t:note-anchor">
    <xsl:param name="note" as="element(tei:note)"/>
    <xsl:param name="no-ids" as="xs:boolean" tunnel="yes" select="false()"/>
    <xsl:variable name="num" select="f:note-number($note)"/>
    <xsl:variable name="aid" select="f:anchor-id(.)"/>
    <span class="note-anchor">
      <a class="note-ref" href="#{f:note-id($note)}" role="doc-noteref">
        <xsl:if test="not($no-ids)"><xsl:attribute name="id" select="$aid"/></xsl:if>
        <span class="vh">Note </span><sup><xsl:value-of select="$num"/></sup>
      </a>
      <xsl:if test="not($no-ids)">
        <button type="button" class="note-peek" popovertarget="{$aid}-pop"
                aria-label="Show note {$num}"><span aria-hidden="true">i</span></button>
        <span id="{$aid}-pop" class="note-popover" popover="auto" role="note" aria-label="Note {$num}">
          <span class="popover-head">
            <span class="popover-title">Note <xsl:value-of select="$num"/></span>
            <a href="#{f:note-id($note)}">Go to the note</a>
            <button type="button" class="popover-close" popovertarget="{$aid}-pop"
                    popovertargetaction="hide">Close</button>
          </span>
          <span class="popover-body">
            <xsl:apply-templates select="$note/node()" mode="m:inline">
              <xsl:with-param name="no-ids" select="true()" tunnel="yes"/>
            </xsl:apply-templates>
          </span>
        </span>
      </xsl:if>
    </span>
  </xsl:template>

  <!-- paragraphs of a multi-paragraph note, inside a popover -->
  <xsl:template match="tei:note/tei:p" mode="m:inline">
    <span class="para"><xsl:apply-templates mode="m:inline"/></span>
  </xsl:template>

  <xsl:template match="tei:div[@type = 'notes']" mode="m:block">
    <xsl:call-template name="t:notes-section"/>
  </xsl:template>

  <xsl:template name="t:notes-section">
    <section id="{f:id(.)}" class="notes">
      <xsl:if test="not(tei:head)"><h2>Notes</h2></xsl:if>
      <xsl:apply-templates select="tei:head" mode="m:block"/>
      <ol class="notes-list">
        <xsl:apply-templates select="tei:note" mode="m:block"/>
      </ol>
      <xsl:apply-templates select="* except (tei:head | tei:note)" mode="m:block"/>
    </section>
  </xsl:template>

  <xsl:template match="tei:div[@type = 'notes']/tei:note" mode="m:block">
    <xsl:call-template name="t:note-item"/>
  </xsl:template>

  <xsl:template name="t:note-item">
    <xsl:variable name="anchors" select="f:note-anchors(.)"/>
    <li id="{f:note-id(.)}" class="note{if (empty($anchors)) then ' unanchored' else ''}">
      <span class="note-num"><xsl:value-of select="f:note-number(.)"/>.</span>
      <xsl:text> </xsl:text>
      <xsl:apply-templates select="." mode="mp:note-flag"/>
      <div class="note-text">
        <xsl:apply-templates select="." mode="mp:note-text"/>
      </div>
      <xsl:call-template name="t:cite-link"/>
      <xsl:call-template name="t:apparatus"/>
    </li>
  </xsl:template>

  <!-- back-links to each anchor; a visible flag for a note without one -->
  <xsl:mode name="mp:note-flag" on-no-match="shallow-skip"/>
  <xsl:template match="tei:note" mode="mp:note-flag">
    <xsl:variable name="anchors" select="f:note-anchors(.)"/>
    <xsl:variable name="num" select="f:note-number(.)"/>
    <span class="backrefs">
      <xsl:for-each select="$anchors">
        <a class="backref" href="#{f:anchor-id(.)}"
           aria-label="Back to the text{if (count($anchors) gt 1) then ' (reference ' || position() || ')' else ''} of note {$num}">
          <span aria-hidden="true">↩<xsl:if test="count($anchors) gt 1"><xsl:value-of select="position()"/></xsl:if></span>
        </a>
        <xsl:text> </xsl:text>
      </xsl:for-each>
    </span>
  </xsl:template>
  <xsl:template match="tei:note[empty(f:note-anchors(.))]" mode="mp:note-flag">
    <span class="flag">no anchor in the text</span>
  </xsl:template>

  <xsl:mode name="mp:note-text" on-no-match="shallow-skip"/>
  <xsl:template match="tei:note" mode="mp:note-text">
    <p><xsl:apply-templates mode="m:inline"/></p>
  </xsl:template>
  <xsl:template match="tei:note[tei:p]" mode="mp:note-text">
    <xsl:apply-templates mode="m:block"/>
  </xsl:template>

</xsl:stylesheet>
