// Counts a click on a search result for the staff report of queries (search/clicks.py).
// Sends the query alone, with navigator.sendBeacon; the link itself is untouched.
(function () {
  "use strict";
  var list = document.querySelector("[data-click-url]");
  if (!list || !navigator.sendBeacon || !window.FormData) { return; }
  var url = list.getAttribute("data-click-url");
  var query = list.getAttribute("data-click-query") || "";
  if (!query) { return; }
  var sent = false;
  function count(event) {
    var link = event.target.closest ? event.target.closest("a[href]") : null;
    if (!link || sent) { return; }
    sent = true;  // one click per page view is enough for the report
    var data = new FormData();
    data.append("q", query);
    navigator.sendBeacon(url, data);
  }
  list.addEventListener("click", count);
  list.addEventListener("auxclick", count);  // middle click: opened in a new tab
})();
