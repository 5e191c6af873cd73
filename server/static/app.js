// agrirent — the only script: it keeps the month calendar's free counts live. Every page works
// without it (the server renders the counts); this only refreshes them while the page is open,
// so a farmer who takes a while to decide sees a day fill up.
"use strict";

(function () {
  var REFRESH_MS = 30000;

  function refresh(calendar) {
    var d = calendar.dataset;
    var url = "/api/v1/availability?branch=" + encodeURIComponent(d.branch) +
      "&type=" + encodeURIComponent(d.type) +
      "&from=" + encodeURIComponent(d.from) + "&to=" + encodeURIComponent(d.to);
    return fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (res) { return res.ok ? res.json() : null; })
      .then(function (body) {
        if (!body || !Array.isArray(body.days)) {
          return;
        }
        body.days.forEach(function (day) {
          var cell = calendar.querySelector('td[data-date="' + day.date + '"]');
          if (!cell || !cell.querySelector("a")) {
            return; // past, unknown or not bookable yet: nothing live to show
          }
          var free = cell.querySelector(".day-free");
          if (!free) {
            return;
          }
          var full = !(day.available > 0);
          // Half days (DOMAIN.md §11): no full day left, but a morning or an afternoon is.
          var half = full && day.half_day && (day.half_day.am > 0 || day.half_day.pm > 0);
          free.textContent = half ? d.half : full ? d.full :
            d.unit.replace("#", String(day.available));
          cell.classList.toggle("day-full", full && !half);
        });
      })
      .catch(function () { /* offline: keep what the server rendered */ });
  }

  function start() {
    var calendars = document.querySelectorAll("[data-live-calendar]");
    if (!calendars.length || !window.fetch) {
      return;
    }
    var tick = function () {
      if (document.visibilityState === "visible") {
        calendars.forEach(refresh);
      }
    };
    setInterval(tick, REFRESH_MS);
    document.addEventListener("visibilitychange", tick);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
