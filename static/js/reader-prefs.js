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
  } catch (e) {
    // Storage may be blocked (private mode); the default size stays.
  }
})();
