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
