// Loaded in <head> without defer: applies the reader's choices before the page is
// drawn. The HTML is the same for every reader; only this browser remembers.
(function () {
  "use strict";
  var root = document.documentElement;
  root.classList.add("js");
  // WeChat's own browser shares from its ··· menu: show that hint instead of a QR code.
  if (/MicroMessenger/i.test(navigator.userAgent)) root.classList.add("in-wechat");
  try {
    var size = window.localStorage.getItem("portal:font-size");
    if (size === "large" || size === "small") root.setAttribute("data-font-size", size);
    // 长者模式: larger text, stronger contrast, bigger touch targets.
    if (window.localStorage.getItem("portal:elder") === "on") root.classList.add("elder");
    // 无障碍工具条 (a11y-toolbar.js): display modes and 页面缩放, before the first paint.
    ["contrast", "cursor", "text"].forEach(function (mode) {
      if (window.localStorage.getItem("portal:a11y:" + mode) === "on") {
        root.classList.add("a11y-" + mode);
      }
    });
    var zoom = window.localStorage.getItem("portal:a11y:zoom");
    if (/^(125|150|175|200)$/.test(zoom || "")) root.setAttribute("data-zoom", zoom);
  } catch (e) {
    // Storage may be blocked (private mode); the default size stays.
  }
})();
