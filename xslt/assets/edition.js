/* edition.js: the reading edition's only script, inlined into index.html by html.xsl.
   It switches the display of editorial brackets; everything else (notes in place,
   variant readings) works without JavaScript. */
document.addEventListener("DOMContentLoaded", function () {
  "use strict";
  var box = document.getElementById("toggle-brackets");
  if (!box) { return; }
  var controls = box.closest(".reading-controls");
  if (controls) { controls.hidden = false; }
  function apply() {
    document.body.classList.toggle("brackets-on", box.checked);
    document.body.classList.toggle("brackets-off", !box.checked);
  }
  box.addEventListener("change", apply);
  apply();
});

/* "Cite this passage": each cite link is a permalink (#id) and carries its citation;
   a click shows both in one dialog, with a button to copy them. */
document.addEventListener("DOMContentLoaded", function () {
  "use strict";
  var dialog = document.getElementById("cite-dialog");
  if (!dialog || typeof dialog.showModal !== "function") { return; }
  var text = document.getElementById("cite-text");
  var url = document.getElementById("cite-url");
  var copy = document.getElementById("cite-copy");
  document.addEventListener("click", function (event) {
    var link = event.target.closest ? event.target.closest("a.cite-link") : null;
    if (!link) { return; }
    event.preventDefault();
    var href = location.href.split("#")[0] + link.getAttribute("href");
    text.textContent = link.getAttribute("data-citation");
    url.textContent = href;
    url.setAttribute("href", link.getAttribute("href"));
    history.replaceState(null, "", link.getAttribute("href"));
    dialog.showModal();
  });
  copy.addEventListener("click", function () {
    var citation = text.textContent + " " + url.textContent;
    if (navigator.clipboard && navigator.clipboard.writeText) {
      navigator.clipboard.writeText(citation).then(function () { copy.textContent = "Copied"; },
        function () { copy.textContent = "Select the text to copy"; });
    } else {
      copy.textContent = "Select the text to copy";
    }
  });
  dialog.addEventListener("close", function () { copy.textContent = "Copy citation"; });
});
