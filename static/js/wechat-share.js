// Inside WeChat's browser only: configure the JS-SDK share card (title, summary,
// cover) with a signature the portal computes. Without an official account
// configured the portal answers 404 and sharing works as usual.
(function () {
  "use strict";
  if (!/MicroMessenger/i.test(navigator.userAgent)) return;

  function loadScript(src, done) {
    var script = document.createElement("script");
    script.src = src;
    script.onload = done;
    document.head.appendChild(script);
  }

  function configure(box, card) {
    var wx = window.wx;
    wx.config({
      debug: false,
      appId: card.appId,
      timestamp: card.timestamp,
      nonceStr: card.nonceStr,
      signature: card.signature,
      jsApiList: [
        "updateAppMessageShareData",
        "updateTimelineShareData",
        "onMenuShareAppMessage",
        "onMenuShareTimeline",
      ],
    });
    wx.ready(function () {
      var share = { title: card.title, desc: card.desc, link: card.link, imgUrl: card.imgUrl };
      if (wx.updateAppMessageShareData) {
        wx.updateAppMessageShareData(share);
        wx.updateTimelineShareData(share);
      } else {
        wx.onMenuShareAppMessage(share);
        wx.onMenuShareTimeline(share);
      }
    });
    box.setAttribute("data-wechat-configured", "true");
  }

  document.addEventListener("DOMContentLoaded", function () {
    var box = document.querySelector("[data-wechat-share]");
    if (!box) return;
    var request = new XMLHttpRequest();
    var url = window.location.href.split("#")[0];
    request.open("GET", box.dataset.wechatShare + "?url=" + encodeURIComponent(url));
    request.onload = function () {
      if (request.status !== 200) return;
      var card = JSON.parse(request.responseText);
      loadScript(box.dataset.wechatSdk, function () {
        configure(box, card);
      });
    };
    request.send();
  });
})();
