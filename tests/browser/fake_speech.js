// A stand-in for the browser's speechSynthesis, installed before the page loads (headless
// Chromium has no voices). It records what it is asked to say and lets the test fire the
// events a real voice fires: window.fakeSpeech.boundary(charIndex), .finish().
(() => {
  const noVoices = window.fakeSpeechWithoutVoices === true;
  const log = [];
  const queue = [];
  let current = null;
  const voices = noVoices ? [] : [{ name: "测试普通话", lang: "zh-CN", voiceURI: "fake-zh", localService: true, default: true }];

  function fire(target, type, extra) {
    const event = new Event(type);
    Object.assign(event, extra || {});
    target.dispatchEvent(event);
    if (typeof target["on" + type] === "function") target["on" + type](event);
  }

  function startNext() {
    current = queue.shift() || null;
    if (current) fire(current, "start", { charIndex: 0 });
  }

  class FakeUtterance extends EventTarget {
    constructor(text) {
      super();
      this.text = text || "";
      this.lang = "";
      this.rate = 1;
      this.voice = null;
    }
  }

  const synth = new EventTarget();
  Object.assign(synth, {
    paused: false,
    get speaking() { return current !== null; },
    get pending() { return queue.length > 0; },
    getVoices: () => voices.slice(),
    speak(utterance) {
      log.push({ text: utterance.text, lang: utterance.lang, rate: utterance.rate, voice: utterance.voice && utterance.voice.lang });
      queue.push(utterance);
      if (!current) startNext();
    },
    pause() { this.paused = true; log.push({ call: "pause" }); },
    resume() { this.paused = false; log.push({ call: "resume" }); },
    cancel() {
      log.push({ call: "cancel" });
      queue.length = 0;
      const was = current;
      current = null;
      if (was) fire(was, "error", { error: "interrupted" });
    },
  });

  Object.defineProperty(window, "speechSynthesis", { value: synth, configurable: true });
  window.SpeechSynthesisUtterance = FakeUtterance;
  window.fakeSpeech = {
    log,
    said: () => log.filter((entry) => entry.text !== undefined),
    current: () => (current ? current.text : null),
    boundary(charIndex) { if (current) fire(current, "boundary", { charIndex, name: "word" }); },
    finish() {
      const was = current;
      if (!was) return;
      current = null;
      fire(was, "end");
      if (!current) startNext();
    },
    highlighted() {
      const h = CSS.highlights.get("read-aloud");
      return h ? [...h][0].toString() : null;
    },
  };
})();
