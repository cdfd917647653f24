// eightk web UI: the one script. Pages read the same without it; it only makes a jump from
// the side list (or a link to #fact-N) scroll the place to the middle of the screen and flash it.
"use strict";
(function () {
  function flash(id) {
    var el = id && document.getElementById(id);
    if (!el) return false;
    el.scrollIntoView({ block: "center" });
    // a mark cut by another one's end continues in pieces named data-part="<id>"
    var parts = [el].concat(Array.prototype.slice.call(document.querySelectorAll('[data-part="' + CSS.escape(id) + '"]')));
    parts.forEach(function (p) { p.classList.remove("flash"); });
    void el.offsetWidth; // restart the animation when the same place is clicked again
    parts.forEach(function (p) { p.classList.add("flash"); });
    if (!el.hasAttribute("tabindex")) el.setAttribute("tabindex", "-1");
    el.focus({ preventScroll: true });
    return true;
  }
  document.addEventListener("click", function (ev) {
    var a = ev.target.closest && ev.target.closest("a.jump");
    if (!a) return;
    var id = decodeURIComponent(a.hash.slice(1));
    if (flash(id)) {
      ev.preventDefault();
      history.replaceState(null, "", "#" + id);
    }
  });
  window.addEventListener("DOMContentLoaded", function () {
    if (location.hash) flash(decodeURIComponent(location.hash.slice(1)));
  });
})();
