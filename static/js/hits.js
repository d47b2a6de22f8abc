// 点击量: count this view and show the new number. Runs in the browser, so pages
// served from a cache still count and bots that run no script are not counted.
(function () {
  "use strict";
  var counter = document.querySelector(".view-count[data-page-id]");
  if (!counter || !window.fetch) return;
  fetch("/hits/" + encodeURIComponent(counter.dataset.pageId) + "/", {
    method: "POST",
    credentials: "omit",
  })
    .then(function (response) { return response.ok ? response.json() : null; })
    .then(function (data) { if (data) counter.textContent = data.count; })
    .catch(function () { /* the stored number stays on the page */ });
})();
