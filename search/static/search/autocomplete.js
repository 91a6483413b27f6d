// Search suggestions as an ARIA 1.2 combobox. Progressive enhancement only:
// without this file the search form submits as usual.
(function () {
  "use strict";
  var DELAY_MS = 200;
  var MIN_LENGTH = 1;
  var counter = 0;

  function enhance(input) {
    var url = input.getAttribute("data-suggest-url");
    if (!url || !window.fetch) { return; }
    counter += 1;
    var listId = "search-suggest-" + counter;
    var list = document.createElement("ul");
    list.id = listId;
    list.className = "search-suggest";
    list.setAttribute("role", "listbox");
    list.setAttribute("aria-label", input.getAttribute("data-suggest-label") || "候補");
    list.hidden = true;
    input.parentNode.insertBefore(list, input.nextSibling);
    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", listId);

    var active = -1;
    var timer = null;
    var lastQuery = "";
    var controller = null;

    function options() { return list.querySelectorAll("[role=option]"); }

    function close() {
      list.hidden = true;
      list.textContent = "";
      active = -1;
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
    }

    function highlight(index) {
      var items = options();
      if (!items.length) { return; }
      active = (index + items.length) % items.length;
      for (var i = 0; i < items.length; i++) {
        items[i].setAttribute("aria-selected", i === active ? "true" : "false");
      }
      input.setAttribute("aria-activedescendant", items[active].id);
    }

    function choose(item) {
      input.value = item.getAttribute("data-value");
      close();
      if (input.form) { input.form.submit(); }
    }

    function render(results) {
      list.textContent = "";
      active = -1;
      input.removeAttribute("aria-activedescendant");
      results.forEach(function (result, i) {
        var li = document.createElement("li");
        li.id = listId + "-" + i;
        li.setAttribute("role", "option");
        li.setAttribute("aria-selected", "false");
        li.setAttribute("data-value", result.title);
        li.textContent = result.title;
        li.addEventListener("mousedown", function (event) {
          event.preventDefault();
          choose(li);
        });
        list.appendChild(li);
      });
      var open = results.length > 0;
      list.hidden = !open;
      input.setAttribute("aria-expanded", open ? "true" : "false");
    }

    function fetchSuggestions() {
      var query = input.value.trim();
      if (query === lastQuery) { return; }
      lastQuery = query;
      if (query.length < MIN_LENGTH) { close(); return; }
      if (controller) { controller.abort(); }
      controller = window.AbortController ? new AbortController() : null;
      var options = { headers: { Accept: "application/json" } };
      if (controller) { options.signal = controller.signal; }
      fetch(url + "?q=" + encodeURIComponent(query), options)
        .then(function (response) { return response.ok ? response.json() : { results: [] }; })
        .then(function (data) { render(data.results || []); })
        .catch(function () { /* aborted or offline: keep the plain form */ });
    }

    input.addEventListener("input", function () {
      window.clearTimeout(timer);
      timer = window.setTimeout(fetchSuggestions, DELAY_MS);
    });
    input.addEventListener("keydown", function (event) {
      var open = !list.hidden;
      if (event.key === "ArrowDown") {
        if (open) { highlight(active + 1); event.preventDefault(); }
      } else if (event.key === "ArrowUp") {
        if (open) { highlight(active - 1); event.preventDefault(); }
      } else if (event.key === "Enter") {
        if (open && active >= 0) { event.preventDefault(); choose(options()[active]); }
      } else if (event.key === "Escape") {
        if (open) { event.preventDefault(); close(); }
      }
    });
    input.addEventListener("blur", function () { window.setTimeout(close, 100); });
  }

  var inputs = document.querySelectorAll("input[data-suggest-url]");
  for (var i = 0; i < inputs.length; i++) { enhance(inputs[i]); }
})();
