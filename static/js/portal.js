// Small progressive enhancements; every page works without them.
(function () {
  "use strict";

  function setupMenuToggle() {
    var toggle = document.querySelector(".menu-toggle");
    if (!toggle) return;
    var menu = toggle.closest(".main-menu");
    toggle.addEventListener("click", function () {
      var open = !menu.classList.contains("is-open");
      menu.classList.toggle("is-open", open);
      toggle.setAttribute("aria-expanded", String(open));
      toggle.textContent = open ? toggle.dataset.closeLabel : toggle.dataset.openLabel;
    });
  }

  document.addEventListener("DOMContentLoaded", setupMenuToggle);
})();
