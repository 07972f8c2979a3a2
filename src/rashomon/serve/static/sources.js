// Sources page: a link to #source-N opens that source's claims.
"use strict";
(function () {
  function open() {
    const id = decodeURIComponent(location.hash.slice(1));
    const section = id && document.getElementById(id);
    if (section && section.classList.contains("source")) {
      const details = section.querySelector("details");
      if (details) details.open = true;
    }
  }
  window.addEventListener("hashchange", open);
  open();
})();
