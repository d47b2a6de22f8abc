// 无障碍工具条: 读屏, 大字幕, 十字线, 大鼠标, 高对比度, 页面缩放, 纯文本, 重置 (the items of
// the MIIT 适老化 guidance). Every choice is kept in this browser (localStorage); the HTML
// is the same for every reader. reader-prefs.js applies the display modes before the first
// paint; this script wires the buttons and the tools that follow the pointer.
(function () {
  "use strict";

  var PREFIX = "portal:a11y:";
  var ZOOMS = [100, 125, 150, 175, 200];
  var CLASS_MODES = ["contrast", "cursor", "text"];
  var root = document.documentElement;

  function load(name) {
    try {
      return window.localStorage.getItem(PREFIX + name);
    } catch (e) {
      return null;
    }
  }

  function save(name, value) {
    try {
      if (value === null) window.localStorage.removeItem(PREFIX + name);
      else window.localStorage.setItem(PREFIX + name, value);
    } catch (e) {
      // Storage blocked: the choice holds for this page only.
    }
  }

  function each(selector, fn, scope) {
    Array.prototype.forEach.call((scope || document).querySelectorAll(selector), fn);
  }

  function collapse(text) {
    return (text || "").replace(/\s+/g, " ").trim();
  }

  // What a control or a piece of text says, for the caption and for reading aloud.
  function spokenText(el) {
    if (!el || el.nodeType !== 1) return "";
    var label = el.getAttribute("aria-label") || el.getAttribute("alt") || el.getAttribute("title");
    if (label) return collapse(label);
    if (el.tagName === "INPUT" || el.tagName === "TEXTAREA") {
      var field = el.labels && el.labels[0] ? collapse(el.labels[0].textContent) : "";
      return collapse(field + " " + (el.value || el.placeholder || ""));
    }
    if (el.tagName === "SELECT") {
      var chosen = el.options[el.selectedIndex];
      var name = el.labels && el.labels[0] ? collapse(el.labels[0].textContent) : "";
      return collapse(name + " " + (chosen ? chosen.textContent : ""));
    }
    return collapse(el.innerText || el.textContent);
  }

  // The smallest element under the pointer that says something by itself.
  var READABLE = "a, button, label, h1, h2, h3, h4, h5, h6, p, li, td, th, dt, dd, figcaption, img, input, select, textarea, summary, time";

  function readableAt(target) {
    var el = target && target.closest ? target.closest(READABLE) : null;
    if (!el || el.closest("#a11y-toolbar, .a11y-caption")) return null;
    return el;
  }

  // ---- status line -------------------------------------------------------------
  // The toolbar's status line, or the article's when the toolbar is closed: one place
  // speaks, so a screen reader hears the message once.
  function say(message) {
    var toolbar = document.getElementById("a11y-toolbar");
    var lines = document.querySelectorAll("[data-a11y-status]");
    Array.prototype.forEach.call(lines, function (line) {
      var inToolbar = toolbar.contains(line);
      var speaks = lines.length === 1 || inToolbar !== toolbar.hidden;
      line.textContent = speaks ? message : "";
    });
  }

  // ---- 读屏: speech synthesis in Chinese ---------------------------------------------
  var Speech = {
    queue: [], // [{text, sentences: [{start, end, range}]}]
    current: null,
    paused: false,
    rate: 1,

    supported: function () {
      return "speechSynthesis" in window && "SpeechSynthesisUtterance" in window;
    },

    chineseVoice: function () {
      var voices = window.speechSynthesis.getVoices() || [];
      for (var i = 0; i < voices.length; i++) {
        if (/^(zh|cmn)([-_]|$)/i.test(voices[i].lang)) return voices[i];
      }
      return null;
    },

    // Voices may arrive a moment after the page loads.
    withVoice: function (then) {
      if (!Speech.supported()) {
        say("本浏览器不支持朗读。");
        return;
      }
      var voice = Speech.chineseVoice();
      if (voice) return then(voice);
      var done = false;
      function retry() {
        if (done) return;
        done = true;
        window.speechSynthesis.removeEventListener("voiceschanged", retry);
        voice = Speech.chineseVoice();
        if (voice) then(voice);
        else say("本设备没有中文语音，无法朗读。请在系统设置中安装中文（普通话）语音后再试。");
      }
      window.speechSynthesis.addEventListener("voiceschanged", retry);
      window.setTimeout(retry, 1000);
    },

    // Blocks of text under `scope`, each split into sentences with DOM ranges, so the
    // sentence being read can be highlighted without changing the page's HTML.
    blocksOf: function (scope) {
      var blocks = [];
      var parts = scope.matches("p, li, h1, h2, h3, h4, h5, h6, td, th, figcaption")
        ? [scope]
        : scope.querySelectorAll("h1, h2, h3, h4, h5, h6, p, li, td, th, figcaption");
      if (!parts.length) parts = [scope];
      var list = Array.prototype.slice.call(parts);
      list.forEach(function (part) {
        if (part.closest("#a11y-toolbar, .article-meta") || part.offsetParent === null) return;
        // A paragraph inside a list item is read with the item, once.
        var inside = list.some(function (other) {
          return other !== part && other.contains(part);
        });
        if (inside) return;
        var block = Speech.sentencesOf(part);
        if (block.text) blocks.push(block);
      });
      return blocks;
    },

    sentencesOf: function (el) {
      var walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
      var nodes = [];
      var text = "";
      for (var node = walker.nextNode(); node; node = walker.nextNode()) {
        nodes.push({ node: node, start: text.length });
        text += node.nodeValue;
      }
      function point(offset) {
        for (var i = nodes.length - 1; i >= 0; i--) {
          if (nodes[i].start <= offset) return [nodes[i].node, offset - nodes[i].start];
        }
        return [el, 0];
      }
      var sentences = [];
      var pattern = /[^。！？!?；;\n]+[。！？!?；;”」』）)]*/g;
      var match;
      while ((match = pattern.exec(text))) {
        if (!match[0].trim()) continue;
        var range = document.createRange();
        var from = point(match.index);
        var to = point(match.index + match[0].length);
        range.setStart(from[0], from[1]);
        range.setEnd(to[0], Math.min(to[1], to[0].nodeValue ? to[0].nodeValue.length : 0));
        sentences.push({ start: match.index, end: match.index + match[0].length, range: range });
      }
      return { text: text, sentences: sentences };
    },

    highlight: function (sentence) {
      if (!window.CSS || !CSS.highlights || typeof Highlight === "undefined") return;
      if (sentence) CSS.highlights.set("read-aloud", new Highlight(sentence.range));
      else CSS.highlights.delete("read-aloud");
    },

    read: function (scopes) {
      Speech.withVoice(function (voice) {
        Speech.stop();
        Speech.queue = [].concat.apply([], scopes.map(Speech.blocksOf));
        Speech.voice = voice;
        if (!Speech.queue.length) return;
        say("正在朗读。");
        Speech.next();
      });
    },

    next: function () {
      var block = Speech.queue.shift();
      Speech.current = block || null;
      if (!block) {
        Speech.highlight(null);
        Speech.changed();
        say("朗读结束。");
        return;
      }
      var utterance = new SpeechSynthesisUtterance(block.text);
      utterance.lang = "zh-CN";
      utterance.voice = Speech.voice;
      utterance.rate = Speech.rate;
      utterance.addEventListener("start", function () {
        Speech.highlight(block.sentences[0]);
      });
      // Boundary events carry the position being spoken: highlight its sentence.
      utterance.addEventListener("boundary", function (event) {
        var at = event.charIndex;
        for (var i = 0; i < block.sentences.length; i++) {
          if (at < block.sentences[i].end) return Speech.highlight(block.sentences[i]);
        }
      });
      utterance.addEventListener("end", function () {
        if (Speech.current === block) Speech.next();
      });
      utterance.addEventListener("error", function (event) {
        if (Speech.current !== block || event.error === "interrupted" || event.error === "canceled") return;
        Speech.stop();
        say("朗读失败：本设备的语音暂不可用。");
      });
      window.speechSynthesis.speak(utterance);
      Speech.changed();
    },

    pause: function () {
      if (!Speech.current) return;
      Speech.paused = !Speech.paused;
      if (Speech.paused) window.speechSynthesis.pause();
      else window.speechSynthesis.resume();
      say(Speech.paused ? "已暂停。" : "继续朗读。");
      Speech.changed();
    },

    stop: function () {
      var wasReading = Speech.current;
      Speech.queue = [];
      Speech.current = null;
      Speech.paused = false;
      if (Speech.supported()) window.speechSynthesis.cancel();
      Speech.highlight(null);
      if (wasReading) say("已停止朗读。");
      Speech.changed();
    },

    changed: function () {
      each("[data-speech=pause]", function (button) {
        button.setAttribute("aria-pressed", String(Speech.paused));
        button.textContent = Speech.paused ? "继续" : "暂停";
      });
      each("[data-read-article]", function (button) {
        var on = Speech.current !== null && Speech.scope === "article";
        button.setAttribute("aria-checked", String(on));
        button.querySelector("[data-switch-state]").textContent = on ? "开" : "关";
      });
    },
  };

  // An article's title and text (not its meta or editor line); elsewhere the main part.
  function articleScope() {
    var title = document.querySelector(".article-title");
    var body = document.querySelector(".article-body");
    return title && body ? [title, body] : [document.querySelector("main")];
  }

  function setupSpeech(toolbar) {
    var rate = toolbar.querySelector("[data-speech=rate]");
    if (load("rate") && rate.querySelector('option[value="' + load("rate") + '"]')) rate.value = load("rate");
    Speech.rate = parseFloat(rate.value);
    rate.addEventListener("change", function () {
      Speech.rate = parseFloat(rate.value);
      save("rate", rate.value);
    });
    toolbar.querySelector("[data-speech=start]").addEventListener("click", function () {
      Speech.scope = "article";
      Speech.read(articleScope());
    });
    toolbar.querySelector("[data-speech=pause]").addEventListener("click", Speech.pause);
    toolbar.querySelector("[data-speech=stop]").addEventListener("click", Speech.stop);
    each("[data-read-article]", function (button) {
      button.hidden = false;
      button.addEventListener("click", function () {
        if (button.getAttribute("aria-checked") === "true") return Speech.stop();
        Speech.scope = "article";
        Speech.read(articleScope());
      });
    });
    // With 读屏 on, what the reader points at or moves the focus to is read out (指读).
    var pending = null;
    function readSoon(el) {
      window.clearTimeout(pending);
      if (!el || !modes.speech) return;
      pending = window.setTimeout(function () {
        Speech.scope = "element";
        Speech.withVoice(function (voice) {
          Speech.stop();
          Speech.voice = voice;
          var text = spokenText(el);
          if (!text) return;
          Speech.queue = [{ text: text, sentences: Speech.sentencesOf(el).sentences }];
          Speech.next();
        });
      }, 350);
    }
    document.addEventListener("focusin", function (event) {
      readSoon(readableAt(event.target));
    });
    document.addEventListener("mouseover", function (event) {
      readSoon(readableAt(event.target));
    });
  }

  // ---- 大字幕 and 十字线: elements outside the HTML, placed by script --------------------
  var caption, lineX, lineY;

  function setupFollowers() {
    caption = document.createElement("div");
    caption.className = "a11y-caption";
    caption.setAttribute("aria-hidden", "true"); // what it shows is on the page already
    caption.hidden = true;
    lineX = document.createElement("div");
    lineX.className = "a11y-crosshair a11y-crosshair-x";
    lineY = document.createElement("div");
    lineY.className = "a11y-crosshair a11y-crosshair-y";
    [lineX, lineY].forEach(function (line) {
      line.setAttribute("aria-hidden", "true");
      line.hidden = true;
    });
    document.body.appendChild(caption);
    document.body.appendChild(lineX);
    document.body.appendChild(lineY);

    function show(el) {
      if (!modes.caption) return;
      var text = spokenText(el);
      if (text) caption.textContent = text.length > 120 ? text.slice(0, 120) + "…" : text;
    }
    document.addEventListener("mousemove", function (event) {
      if (modes.crosshair) {
        lineX.style.top = event.clientY + "px";
        lineY.style.left = event.clientX + "px";
      }
    });
    document.addEventListener("mouseover", function (event) {
      show(readableAt(event.target));
    });
    document.addEventListener("focusin", function (event) {
      show(readableAt(event.target) || event.target);
    });
  }

  // ---- the modes ---------------------------------------------------------------
  var modes = {};

  function apply(name, on) {
    modes[name] = on;
    if (CLASS_MODES.indexOf(name) >= 0) root.classList.toggle("a11y-" + name, on);
    if (name === "caption") {
      caption.hidden = !on;
      root.classList.toggle("a11y-has-caption", on);
      if (on && !caption.textContent) caption.textContent = "大字幕：指向或聚焦的文字显示在这里";
    }
    if (name === "crosshair") {
      lineX.hidden = lineY.hidden = !on;
    }
    if (name === "speech" && !on) Speech.stop();
    each('[data-a11y="' + name + '"]', function (button) {
      button.setAttribute("aria-pressed", String(on));
    });
  }

  function zoomLevel() {
    return parseInt(root.getAttribute("data-zoom") || "100", 10);
  }

  function setZoom(level) {
    if (level === 100) root.removeAttribute("data-zoom");
    else root.setAttribute("data-zoom", String(level));
    save("zoom", level === 100 ? null : String(level));
    each("[data-zoom-value]", function (out) {
      out.textContent = level + "%";
    });
    each("[data-zoom-step]", function (button) {
      var step = parseInt(button.dataset.zoomStep, 10);
      button.disabled = ZOOMS.indexOf(level + 25 * step) < 0;
    });
  }

  function setupToolbar() {
    var toolbar = document.getElementById("a11y-toolbar");
    var opener = document.querySelector("[data-a11y-open]");
    if (!toolbar || !opener) return;
    setupFollowers();

    function setOpen(open, focus) {
      toolbar.hidden = !open;
      opener.setAttribute("aria-expanded", String(open));
      save("open", open ? "on" : null);
      if (open && focus) toolbar.querySelector("button").focus();
      if (!open && focus) opener.focus();
    }
    opener.addEventListener("click", function () {
      setOpen(toolbar.hidden, true);
    });
    toolbar.querySelector("[data-a11y-close]").addEventListener("click", function () {
      setOpen(false, true);
    });
    toolbar.addEventListener("keydown", function (event) {
      if (event.key === "Escape") setOpen(false, true);
    });
    // Alt+Shift+A from anywhere opens the toolbar and moves into it.
    document.addEventListener("keydown", function (event) {
      if (event.altKey && event.shiftKey && (event.key === "A" || event.key === "a" || event.code === "KeyA")) {
        event.preventDefault();
        setOpen(toolbar.hidden, true);
      }
    });
    if (load("open") === "on") setOpen(true, false);

    ["speech", "caption", "crosshair"].concat(CLASS_MODES).forEach(function (name) {
      apply(name, load(name) === "on");
    });
    each("[data-a11y]", function (button) {
      button.addEventListener("click", function () {
        var name = button.dataset.a11y;
        var on = !modes[name];
        apply(name, on);
        save(name, on ? "on" : null);
        say(button.textContent + (on ? "已开启。" : "已关闭。"));
      });
    });
    each("[data-zoom-step]", function (button) {
      button.addEventListener("click", function () {
        var next = zoomLevel() + 25 * parseInt(button.dataset.zoomStep, 10);
        if (ZOOMS.indexOf(next) >= 0) setZoom(next);
      });
    });
    setZoom(zoomLevel());
    setupSpeech(toolbar);

    toolbar.querySelector("[data-a11y-reset]").addEventListener("click", function () {
      ["speech", "caption", "crosshair"].concat(CLASS_MODES).forEach(function (name) {
        apply(name, false);
        save(name, null);
      });
      setZoom(100);
      save("rate", null);
      toolbar.querySelector("[data-speech=rate]").value = "1";
      Speech.rate = 1;
      say("已恢复默认显示。");
    });
  }

  document.addEventListener("DOMContentLoaded", setupToolbar);
})();
