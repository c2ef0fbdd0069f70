/* ConflictWatch review queue: keys on top of plain forms that work without this file.
 *
 *   j / k   select the next / previous claim
 *   c       confirm the selected claim
 *   d       open the selected claim's dispute note (Enter sends, Shift+Enter a new line,
 *           Esc closes it)
 *   e       open the selected claim's edit form
 *   x       tick or untick the selected claim for "Confirm selected"
 *
 * Keys typed into a field are left alone, as are keys pressed with Ctrl, Alt or Meta.
 */
(function () {
  "use strict";

  var items = Array.prototype.slice.call(document.querySelectorAll("[data-review-item]"));
  var help = document.querySelector("[data-keys-help]");
  if (help) {
    help.hidden = false;
  }
  if (!items.length) {
    return;
  }
  var current = -1;

  // scroll: false when the pointer or focus chose the claim. Scrolling then would move the
  // card under the pointer between press and release, and the click would land elsewhere.
  function select(index, scroll) {
    if (index < 0 || index >= items.length) {
      return;
    }
    if (index === current) {
      return;
    }
    if (current >= 0) {
      items[current].classList.remove("is-selected");
      items[current].removeAttribute("aria-current");
    }
    current = index;
    var item = items[current];
    item.classList.add("is-selected");
    item.setAttribute("aria-current", "true");
    if (scroll !== false) {
      item.scrollIntoView({ block: "nearest" });
    }
  }

  function selected() {
    return current >= 0 ? items[current] : null;
  }

  function submit(form) {
    if (typeof form.requestSubmit === "function") {
      form.requestSubmit();
    } else {
      form.submit();
    }
  }

  function isTyping(target) {
    if (!target || !target.tagName) {
      return false;
    }
    var tag = target.tagName.toLowerCase();
    return tag === "input" || tag === "textarea" || tag === "select" || target.isContentEditable;
  }

  function confirmSelected(item) {
    var button = item.querySelector("[data-action=confirm]");
    if (button) {
      // Clicking the button sends its name/value (verdict=confirm) with the form.
      button.click();
    }
  }

  function openDispute(item) {
    var details = item.querySelector("[data-dispute]");
    var note = item.querySelector("[data-dispute-note]");
    if (details && note) {
      details.open = true;
      note.focus();
    }
  }

  function openEdit(item) {
    var link = item.querySelector("[data-action=edit]");
    if (link) {
      window.location.assign(link.href);
    }
  }

  function toggleSelect(item) {
    var box = item.querySelector("[data-select]");
    if (box) {
      box.checked = !box.checked;
    }
  }

  var actions = {
    j: function () { select(Math.min(current + 1, items.length - 1)); },
    k: function () { select(Math.max(current - 1, 0)); },
    c: confirmSelected,
    d: openDispute,
    e: openEdit,
    x: toggleSelect,
  };

  document.addEventListener("keydown", function (event) {
    if (event.ctrlKey || event.altKey || event.metaKey || event.defaultPrevented) {
      return;
    }
    if (isTyping(event.target)) {
      return;
    }
    var action = actions[event.key];
    if (!action) {
      return;
    }
    event.preventDefault();
    if (event.key === "j" || event.key === "k") {
      action();
      return;
    }
    var item = selected();
    if (item) {
      action(item);
    }
  });

  // In a dispute note, Enter sends the dispute and Esc puts the note away.
  items.forEach(function (item, index) {
    var note = item.querySelector("[data-dispute-note]");
    if (note) {
      note.addEventListener("keydown", function (event) {
        if (event.key === "Enter" && !event.shiftKey && !event.isComposing) {
          event.preventDefault();
          submit(note.form);
        } else if (event.key === "Escape") {
          event.preventDefault();
          note.closest("[data-dispute]").open = false;
          note.blur();
        }
      });
    }
    // A click or focus inside a claim makes it the selected one.
    item.addEventListener("focusin", function () { select(index, false); });
    item.addEventListener("click", function () { select(index, false); });
  });

  // After a verdict the page comes back at the next claim (#claim-N): keep going from it.
  if (window.location.hash) {
    var landed = document.getElementById(window.location.hash.slice(1));
    var at = items.indexOf(landed);
    if (at >= 0) {
      select(at, false);
    }
  }
})();
