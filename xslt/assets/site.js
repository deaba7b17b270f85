/* site.js: full-text search on the corpus site (dist/index.html), inlined by site.xsl.

   The index is Pagefind's (dist/pagefind/, built by pipeline/site/search.py from each
   document's index.html), in shards: one Pagefind bundle each, listed in order in
   pagefind/shards.json. The first bundle's pagefind.js is the search API; the others are
   merged into it (Pagefind's mergeIndex), so one search covers them all. Pagefind returns
   pages; for each page it also returns every element with an id ("anchors", with the
   word position where each starts) and the word positions of the hits ("locations"). A
   hit belongs to the last citable passage (a paragraph, division or note listed in
   #search-data, which site.xsl computes from the TEI) that starts at or before it, so
   every result links to its passage: tactics-and-tasks/index.html#sec-IV-p20.

   Pagefind loads its index with fetch(), which browsers refuse for file:// pages: the
   site must be served over HTTP (any static server). The page says so if loading fails.
   ?q=words in the page's URL runs a search on load. */
(function () {
  "use strict";

  var form = document.getElementById("search-form");
  var input = document.getElementById("search-input");
  var status = document.getElementById("search-status");
  var list = document.getElementById("search-results");
  var dataNode = document.getElementById("search-data");
  if (!form || !input || !status || !list || !dataNode) return;

  var PASSAGES_SHOWN = 12;   // per document; the rest are counted
  var EXCERPT_WORDS = 32;
  var corpus = JSON.parse(dataNode.textContent);
  var pagefind = null;
  var searchCount = 0;

  function loadPagefind() {
    if (!pagefind) {
      var base = new URL("pagefind/", document.baseURI);
      // results come back as site-absolute paths ("/doc/index.html"); made relative below
      var settings = { baseUrl: "/" };
      // no-cache: revalidated, so that a rebuilt site never names shards that are gone
      pagefind = fetch(new URL("shards.json", base).href, { cache: "no-cache" })
        .then(function (response) {
          if (!response.ok) throw new Error("pagefind/shards.json: " + response.status);
          return response.json();
        })
        .then(function (manifest) {
          var bundles = manifest.shards.map(function (name) {
            return new URL(name + "/", base).href;
          });
          return import(bundles[0] + "pagefind.js").then(function (module) {
            return module.options(settings).then(function () {
              return Promise.all(bundles.slice(1).map(function (bundle) {
                return module.mergeIndex(bundle, settings);
              }));
            }).then(function () { return module; });
          });
        });
      pagefind.catch(function () { pagefind = null; });
    }
    return pagefind;
  }

  function el(name, attrs, children) {
    var node = document.createElement(name);
    Object.keys(attrs || {}).forEach(function (key) { node.setAttribute(key, attrs[key]); });
    (children || []).forEach(function (child) {
      node.appendChild(typeof child === "string" ? document.createTextNode(child) : child);
    });
    return node;
  }

  function terms(query) {
    return query.split(/\s+/).filter(function (t) { return t.length > 0; });
  }

  /* An excerpt of a passage around its first hit, every hit marked. Pagefind's word
     positions count the words of the indexed content split at white space, so the
     words from one passage's anchor to the next are that passage's text. */
  function excerpt(words, passage) {
    var first = passage.hits[0];
    var start = Math.max(passage.start, first - Math.floor(EXCERPT_WORDS / 3));
    var end = Math.min(passage.end, start + EXCERPT_WORDS);
    var hits = new Set(passage.hits);
    var node = el("p", { "class": "excerpt" });
    if (start > passage.start) node.appendChild(document.createTextNode("… "));
    for (var i = start; i < end; i++) {
      if (i > start) node.appendChild(document.createTextNode(" "));
      node.appendChild(hits.has(i) ? el("mark", {}, [words[i]]) : document.createTextNode(words[i]));
    }
    if (end < passage.end) node.appendChild(document.createTextNode(" …"));
    return node;
  }

  /* The passages of one page that hold hits, in document order: each with where its
     words start and end and the positions of its hits. */
  function passagesOf(data, info, wordCount) {
    var known = new Map(info.passages.map(function (p) { return [p[0], p]; }));
    var anchors = (data.anchors || []).filter(function (a) { return known.has(a.id); })
      .sort(function (a, b) { return a.location - b.location; });
    var found = new Map();
    (data.locations || []).slice().sort(function (a, b) { return a - b; }).forEach(function (loc) {
      var at = -1;
      for (var i = 0; i < anchors.length && anchors[i].location <= loc; i++) at = i;
      if (at < 0) return;
      var id = anchors[at].id;
      if (!found.has(id)) {
        var next = anchors.slice(at + 1).find(function (a) { return a.location > anchors[at].location; });
        found.set(id, { passage: known.get(id), start: anchors[at].location,
                        end: next ? next.location : wordCount, hits: [] });
      }
      found.get(id).hits.push(loc);
    });
    return Array.from(found.values());
  }

  function pagePath(url) {
    return url.replace(/^\//, "").replace(/#.*$/, "");
  }

  function renderResult(data) {
    var page = pagePath(data.url);
    var info = corpus[page];
    if (!info) return null;   // a page the site does not list (never expected)
    var words = (data.content || "").split(/\s+/);
    var passages = passagesOf(data, info, words.length);
    var items = passages.slice(0, PASSAGES_SHOWN).map(function (p) {
      var id = p.passage[0], label = p.passage[1], section = p.passage[2];
      return el("li", {}, [
        el("a", { "class": "passage-link", href: page + "#" + id }, [label]),
        section ? el("span", { "class": "passage-section" }, [" · " + section]) : "",
        excerpt(words, p)
      ]);
    });
    var children = [el("h3", {}, [el("a", { href: page }, [info.title])])];
    if (items.length) children.push(el("ul", { "class": "passages" }, items));
    if (passages.length > PASSAGES_SHOWN) {
      children.push(el("p", { "class": "more" }, [
        "and " + (passages.length - PASSAGES_SHOWN) + " more passages in this document"]));
    }
    return { node: el("li", { "class": "result" }, children), passages: passages.length };
  }

  function search(query) {
    var mine = ++searchCount;
    var words = terms(query);
    list.textContent = "";
    if (!words.length) { status.textContent = ""; return Promise.resolve(); }
    status.textContent = "Searching…";
    return loadPagefind().then(function (module) {
      return module.search(query);
    }).then(function (found) {
      return Promise.all(found.results.map(function (r) { return r.data(); }));
    }).then(function (pages) {
      if (mine !== searchCount) return;   // a newer search has started
      var total = 0, docs = 0;
      pages.forEach(function (data) {
        var result = renderResult(data);
        if (result && result.passages) {
          list.appendChild(result.node);
          total += result.passages;
          docs += 1;
        }
      });
      status.textContent = total
        ? total + (total === 1 ? " passage" : " passages") + " in " + docs +
          (docs === 1 ? " document" : " documents") + " for “" + query + "”."
        : "Nothing found for “" + query + "”.";
    }).catch(function () {
      if (mine !== searchCount) return;
      status.textContent = location.protocol === "file:"
        ? "Search needs the site to be served over HTTP (for example: python -m http.server --directory dist); "
          + "browsers do not let a page opened as a file load the search index."
        : "The search index could not be loaded (pagefind/ is missing: rebuild the site).";
    });
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var query = input.value.trim();
    var url = new URL(location.href);
    if (query) url.searchParams.set("q", query); else url.searchParams.delete("q");
    url.hash = "search";
    history.replaceState(null, "", url.href);
    search(query);
  });

  var initial = new URL(location.href).searchParams.get("q");
  if (initial) {
    input.value = initial;
    search(initial.trim());
  }
})();
