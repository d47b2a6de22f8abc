// Small progressive enhancements; every page works without them.
(function () {
  "use strict";

  var FONT_KEY = "portal:font-size";
  var ELDER_KEY = "portal:elder";

  function remember(key, value) {
    try {
      window.localStorage.setItem(key, value);
    } catch (e) {
      // Not remembered, but applied to this page.
    }
  }

  function each(selector, fn, scope) {
    Array.prototype.forEach.call((scope || document).querySelectorAll(selector), fn);
  }

  // Main menu: 打开菜单 / 收起菜单 on narrow screens.
  function setupMenuToggle() {
    var toggle = document.querySelector(".menu-toggle");
    if (!toggle) return;
    var menu = toggle.closest(".main-menu");
    var label = toggle.querySelector(".menu-toggle-label") || toggle;
    function setOpen(open) {
      menu.classList.toggle("is-open", open);
      toggle.setAttribute("aria-expanded", String(open));
      label.textContent = open ? toggle.dataset.closeLabel : toggle.dataset.openLabel;
    }
    toggle.addEventListener("click", function () {
      setOpen(!menu.classList.contains("is-open"));
    });
    menu.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && menu.classList.contains("is-open")) {
        setOpen(false);
        toggle.focus();
      }
    });
  }

  // Desktop drop-downs open on hover or focus (CSS); Esc closes one and returns to its section.
  function setupSubmenus() {
    each(".menu-item.has-children", function (item) {
      function reopen() {
        item.classList.remove("submenu-closed");
      }
      item.addEventListener("keydown", function (event) {
        if (event.key !== "Escape" || item.classList.contains("submenu-closed")) return;
        item.classList.add("submenu-closed");
        item.querySelector("a").focus();
      });
      item.addEventListener("focusout", function (event) {
        if (!item.contains(event.relatedTarget)) reopen();
      });
      item.addEventListener("mouseleave", reopen);
    });
  }

  // Pop-overs (收藏, 微信公众号, QQ群, 分享到微信): a link to the panel works without
  // script (CSS :target); with script it becomes a toggle button that Esc closes.
  var openTrigger = null;

  function closePopover(returnFocus) {
    if (!openTrigger) return;
    var trigger = openTrigger;
    document.getElementById(trigger.getAttribute("aria-controls")).classList.remove("is-open");
    trigger.setAttribute("aria-expanded", "false");
    openTrigger = null;
    if (returnFocus) trigger.focus();
  }

  function setupPopovers() {
    each("[data-popover]", function (trigger) {
      var id = trigger.getAttribute("href").slice(1);
      var panel = document.getElementById(id);
      if (!panel) return;
      trigger.setAttribute("role", "button");
      trigger.setAttribute("aria-controls", id);
      trigger.setAttribute("aria-expanded", "false");
      trigger.addEventListener("click", function (event) {
        event.preventDefault();
        var wasOpen = openTrigger === trigger;
        closePopover(false);
        if (wasOpen) return;
        panel.classList.add("is-open");
        trigger.setAttribute("aria-expanded", "true");
        openTrigger = trigger;
      });
      trigger.addEventListener("keydown", function (event) {
        if (event.key === " ") {
          event.preventDefault();
          trigger.click();
        }
      });
    });
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape") closePopover(true);
    });
    document.addEventListener("click", function (event) {
      if (openTrigger && !openTrigger.parentNode.contains(event.target)) closePopover(false);
    });
  }

  // 字体 大/中/小: remembered in this browser (reader-prefs.js applies it on load).
  function currentFontSize() {
    return document.documentElement.getAttribute("data-font-size") || "medium";
  }

  function showFontSize() {
    var size = currentFontSize();
    each("[data-font-size]", function (button) {
      if (button.tagName === "BUTTON") {
        button.setAttribute("aria-pressed", String(button.dataset.fontSize === size));
      }
    });
  }

  function setupFontSwitch() {
    each("button[data-font-size]", function (button) {
      button.addEventListener("click", function () {
        var size = button.dataset.fontSize;
        if (size === "medium") document.documentElement.removeAttribute("data-font-size");
        else document.documentElement.setAttribute("data-font-size", size);
        remember(FONT_KEY, size);
        showFontSize();
      });
    });
    showFontSize();
  }

  // 长者模式 in the utility bar: reader-prefs.js applies it on load.
  function setupElderMode() {
    var root = document.documentElement;
    each("[data-elder-toggle]", function (button) {
      button.setAttribute("aria-pressed", String(root.classList.contains("elder")));
      button.addEventListener("click", function () {
        var on = !root.classList.contains("elder");
        root.classList.toggle("elder", on);
        remember(ELDER_KEY, on ? "on" : "off");
        each("[data-elder-toggle]", function (other) {
          other.setAttribute("aria-pressed", String(on));
        });
      });
    });
  }

  // 复制链接
  function copyText(text) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text);
    }
    return new Promise(function (resolve, reject) {
      var field = document.createElement("textarea");
      field.value = text;
      field.setAttribute("readonly", "");
      field.style.position = "fixed";
      field.style.opacity = "0";
      document.body.appendChild(field);
      field.select();
      var copied = false;
      try {
        copied = document.execCommand("copy");
      } catch (e) {
        copied = false;
      }
      document.body.removeChild(field);
      if (copied) resolve();
      else reject();
    });
  }

  function setupCopyLink() {
    each("[data-copy]", function (button) {
      var status = button.parentNode.querySelector(".share-status");
      button.addEventListener("click", function () {
        var url = button.dataset.copy;
        copyText(url).then(
          function () {
            status.textContent = "链接已复制";
          },
          function () {
            status.textContent = "请长按或选中后复制：" + url;
          }
        );
      });
    });
  }

  // Link directory: the groups become tabs (政府部门 · 行业协会 · …).
  function setupTabs() {
    each("[data-tabs]", function (box) {
      // Roles only once the panels exist: a tab without its tabpanel is invalid HTML.
      var tablist = box.querySelector("[data-tablist]");
      var tabs = Array.prototype.slice.call(tablist.querySelectorAll("[data-tab]"));
      if (!tabs.length) return;
      tablist.setAttribute("role", "tablist");
      tablist.setAttribute("aria-label", "链接目录");
      function select(tab, focus) {
        tabs.forEach(function (other) {
          var selected = other === tab;
          other.setAttribute("aria-selected", String(selected));
          other.tabIndex = selected ? 0 : -1;
          document.getElementById(other.getAttribute("aria-controls")).hidden = !selected;
        });
        if (focus) tab.focus();
      }
      tabs.forEach(function (tab, index) {
        var panel = document.getElementById(tab.getAttribute("aria-controls"));
        tab.setAttribute("role", "tab");
        panel.setAttribute("role", "tabpanel");
        panel.setAttribute("aria-labelledby", tab.id);
        panel.tabIndex = 0;
        tab.addEventListener("click", function () {
          select(tab, false);
        });
        tab.addEventListener("keydown", function (event) {
          var next = {
            ArrowRight: tabs[(index + 1) % tabs.length],
            ArrowLeft: tabs[(index - 1 + tabs.length) % tabs.length],
            Home: tabs[0],
            End: tabs[tabs.length - 1],
          }[event.key];
          if (next) {
            event.preventDefault();
            select(next, true);
          }
        });
      });
      tablist.hidden = false;
      box.classList.add("tabs-ready");
      select(tabs[0], false);
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    setupMenuToggle();
    setupSubmenus();
    setupPopovers();
    setupFontSwitch();
    setupElderMode();
    setupCopyLink();
    setupTabs();
  });
})();
