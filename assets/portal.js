// Read aloud (issue 4): the browser's own speech synthesis, in the page's language.
// Progressive enhancement: the buttons stay hidden without this script or without speech.
(() => {
  const synth = window.speechSynthesis;
  if (!synth || typeof SpeechSynthesisUtterance === "undefined") return;
  const lang = document.documentElement.lang || "nl";
  const voiceFor = (code) => {
    const voices = synth.getVoices();
    return (
      voices.find((v) => v.lang.toLowerCase() === code.toLowerCase()) ||
      voices.find((v) => v.lang.toLowerCase().startsWith(`${code.toLowerCase()}-`))
    );
  };
  for (const box of document.querySelectorAll('[data-module="read-aloud"]')) {
    const button = box.querySelector("button");
    const message = box.querySelector(".koers-read-aloud__message");
    const target = document.getElementById(box.dataset.target || "");
    if (!button || !target) continue;
    const label = button.textContent;
    box.hidden = false;
    button.addEventListener("click", () => {
      if (synth.speaking) {
        synth.cancel();
        button.textContent = label;
        return;
      }
      // Voices load late on some phones: ask again at the moment of reading.
      const voice = voiceFor(lang);
      if (!voice) {
        if (message) message.textContent = box.dataset.noVoice || "";
        return;
      }
      const text = target.innerText.replace(/\s+/g, " ").trim();
      const utterance = new SpeechSynthesisUtterance(text);
      utterance.lang = voice.lang;
      utterance.voice = voice;
      utterance.addEventListener("end", () => {
        button.textContent = label;
      });
      if (message) message.textContent = "";
      button.textContent = box.dataset.stop || label;
      synth.speak(utterance);
    });
  }
})();
