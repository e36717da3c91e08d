// The language chooser at / is in no one language, yet someone may need its quick exit
// at once: this names the quick exit and the safety link in the first of the browser's
// languages that the site has (its texts are in the header's data-texts, by language),
// and points the safety link to that language's page. Without JavaScript, or with no
// language in common, they stay in the default language.
"use strict";

(() => {
  const row = document.querySelector(".safety-row[data-texts]");
  if (!row) return;
  const texts = JSON.parse(row.dataset.texts);
  const lang = (navigator.languages || [navigator.language])
    .map((tag) => tag.split("-")[0].toLowerCase())
    .find((code) => Object.hasOwn(texts, code));
  if (!lang || lang === document.documentElement.lang) return;
  for (const element of row.querySelectorAll("[data-text]")) {
    element.textContent = texts[lang][element.dataset.text];
    element.lang = lang;
    if (element.dataset.href) element.href = element.dataset.href.replace("{lang}", lang);
  }
})();
