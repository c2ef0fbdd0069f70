/* ConflictWatch article page: while extraction runs, ask the API for the article's status
 * and reload the page once it has changed, so the claims and highlights appear. Without
 * this file the page refreshes itself (a meta refresh inside <noscript>). */
(function () {
  "use strict";

  var box = document.querySelector("[data-progress]");
  if (!box || !window.fetch) {
    return;
  }
  var url = box.getAttribute("data-status-url");
  var seen = box.getAttribute("data-status");
  var every = Math.max(parseInt(box.getAttribute("data-interval"), 10) || 3, 1) * 1000;
  var text = box.querySelector("[data-progress-text]");
  var failures = 0;

  function poll() {
    fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin" })
      .then(function (response) {
        if (!response.ok) {
          throw new Error("status " + response.status);
        }
        return response.json();
      })
      .then(function (article) {
        failures = 0;
        if (article.status !== seen) {
          window.location.reload();
          return;
        }
        window.setTimeout(poll, every);
      })
      .catch(function () {
        // A server restarting or a dropped connection: back off, then fall back to reloading.
        failures += 1;
        if (failures >= 5) {
          window.location.reload();
          return;
        }
        if (text) {
          text.textContent = "Could not reach the server; trying again…";
        }
        window.setTimeout(poll, every * failures);
      });
  }

  window.setTimeout(poll, every);
})();
