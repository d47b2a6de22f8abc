// 点击量: count this view and show the new number. Runs in the browser, so pages
// served from a cache still count and bots that run no script are not counted.
// With the hit go the referring site's domain (never its full address) and the kind of
// device (phone, tablet or computer) for 访问统计; nothing else about the reader.
(function () {
  "use strict";
  var counter = document.querySelector(".view-count[data-page-id]");
  if (!counter || !window.fetch) return;

  function referrerDomain() {
    try {
      return document.referrer ? new URL(document.referrer).hostname : "";
    } catch (error) {
      return "";
    }
  }

  // A touch screen as the main pointer is a phone when its shorter side is narrow.
  function deviceClass() {
    var hints = navigator.userAgentData;
    if (hints && hints.mobile) return "phone";
    var coarse = window.matchMedia && window.matchMedia("(pointer: coarse)").matches;
    if (!coarse) return "computer";
    return Math.min(screen.width, screen.height) < 600 ? "phone" : "tablet";
  }

  var body = new URLSearchParams();
  body.append("referrer", referrerDomain());
  body.append("device", deviceClass());
  fetch("/hits/" + encodeURIComponent(counter.dataset.pageId) + "/", {
    method: "POST",
    credentials: "omit",
    body: body,
  })
    .then(function (response) { return response.ok ? response.json() : null; })
    .then(function (data) { if (data) counter.textContent = data.count; })
    .catch(function () { /* the stored number stays on the page */ });
})();
