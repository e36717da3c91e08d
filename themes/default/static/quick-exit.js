// Quick exit: the button in the header, or Escape pressed three times within 1.5 s,
// hides the page at once and replaces it with the neutral site of `quick_exit_url`
// (config.toml). location.replace drops this page from the tab's history, so Back
// does not return to it. Without JavaScript the button is a plain link to that site.
"use strict";

(() => {
  const button = document.querySelector("a.quick-exit");
  if (!button) return;
  const target = button.href;
  const PRESSES = 3;
  const WINDOW_MS = 1500;

  function leave(event) {
    if (event) event.preventDefault();
    // Clear the screen first: the next site may take a moment to load.
    document.title = "";
    document.body.hidden = true;
    location.replace(target);
  }

  button.addEventListener("click", leave);

  let presses = [];
  document.addEventListener("keydown", (event) => {
    if (event.key !== "Escape" || event.repeat || event.isComposing) return;
    const now = event.timeStamp;
    presses = presses.filter((t) => now - t < WINDOW_MS);
    presses.push(now);
    if (presses.length >= PRESSES) leave(event);
  });
})();
