/*
 * Suggestions as you type in the directory search, following the WAI-ARIA 1.2
 * combobox pattern (list autocomplete, no automatic selection). Without this
 * script the search is a plain GET form (templates/phases/directory/_search_form.html
 * and the organisations page), and it still is: Enter without a chosen
 * suggestion submits the form.
 *   - The input becomes role="combobox" controlling a listbox of up to eight
 *     suggestions from data-suggest (phases.views.organisation_suggestions).
 *   - Down/Up move through them (aria-activedescendant), Enter opens the chosen
 *     one, Escape closes the list (a second Escape clears the input), Tab leaves.
 *   - The number of suggestions is announced in a polite live region.
 * Texts come from data attributes, so they are translated with the page.
 */
(function () {
  "use strict";

  if (!window.fetch || !window.URLSearchParams) {
    return; // the plain form keeps working
  }

  var inputs = document.querySelectorAll("input[data-suggest]");
  Array.prototype.forEach.call(inputs, enhance);

  function enhance(input, number) {
    var listId = input.id + "-forslag";
    var list = document.createElement("ul");
    var status = document.createElement("p");
    var options = [];
    var active = -1;
    var timer = null;
    var asked = "";

    list.id = listId;
    list.className = "suggestions";
    list.setAttribute("role", "listbox");
    list.setAttribute("aria-label", input.getAttribute("data-suggest-label") || "");
    list.hidden = true;
    status.className = "visually-hidden";
    status.setAttribute("role", "status");
    input.parentNode.insertBefore(list, input.nextSibling);
    input.parentNode.appendChild(status);

    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", listId);

    input.addEventListener("input", function () {
      window.clearTimeout(timer);
      timer = window.setTimeout(ask, 150);
    });
    input.addEventListener("keydown", onKey);
    input.addEventListener("blur", function () {
      // Leave time for a click on a suggestion to land first.
      window.setTimeout(close, 150);
    });

    function ask() {
      var query = input.value.trim();
      if (query.length < 2) {
        close();
        return;
      }
      asked = query;
      var url = input.getAttribute("data-suggest") + "?" + new URLSearchParams({ q: query });
      window.fetch(url, { headers: { Accept: "application/json" } })
        .then(function (response) {
          return response.ok ? response.json() : { suggestions: [] };
        })
        .then(function (data) {
          if (query === asked && input.value.trim() === query) {
            show(data.suggestions || []);
          }
        })
        .catch(close);
    }

    function show(suggestions) {
      list.textContent = "";
      options = suggestions.map(function (suggestion, index) {
        var option = document.createElement("li");
        var detail = document.createElement("span");
        option.id = listId + "-" + index;
        option.setAttribute("role", "option");
        option.setAttribute("aria-selected", "false");
        option.setAttribute("data-url", suggestion.url);
        option.appendChild(document.createTextNode(suggestion.name));
        detail.className = "suggestions__detail";
        detail.textContent = suggestion.detail;
        option.appendChild(detail);
        option.addEventListener("mousedown", function (event) {
          event.preventDefault(); // keep focus in the input until we navigate
          window.location.assign(suggestion.url);
        });
        list.appendChild(option);
        return option;
      });
      active = -1;
      input.removeAttribute("aria-activedescendant");
      list.hidden = options.length === 0;
      input.setAttribute("aria-expanded", options.length ? "true" : "false");
      if (options.length) {
        var form = options.length === 1 ? "data-suggest-one" : "data-suggest-many";
        status.textContent = options.length + " " + (input.getAttribute(form) || "");
      } else {
        status.textContent = input.getAttribute("data-suggest-none") || "";
      }
    }

    function close() {
      list.hidden = true;
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
      active = -1;
    }

    function choose(index) {
      if (active >= 0) {
        options[active].setAttribute("aria-selected", "false");
      }
      active = index;
      if (active >= 0) {
        options[active].setAttribute("aria-selected", "true");
        input.setAttribute("aria-activedescendant", options[active].id);
        options[active].scrollIntoView({ block: "nearest" });
      } else {
        input.removeAttribute("aria-activedescendant");
      }
    }

    function onKey(event) {
      var open = !list.hidden && options.length > 0;
      if (event.key === "ArrowDown") {
        event.preventDefault();
        if (!open) {
          ask();
          return;
        }
        choose(active + 1 < options.length ? active + 1 : 0);
      } else if (event.key === "ArrowUp" && open) {
        event.preventDefault();
        choose(active > 0 ? active - 1 : options.length - 1);
      } else if (event.key === "Enter" && open && active >= 0) {
        event.preventDefault();
        window.location.assign(options[active].getAttribute("data-url"));
      } else if (event.key === "Escape") {
        if (open) {
          event.preventDefault();
          close();
        } else {
          input.value = "";
        }
      } else if (event.key === "Tab") {
        close();
      }
    }
  }
})();
