/* Enhancements only: every page works without this script.
   Copy-citation buttons: where the page shows a citation as selectable text (data-citation),
   add a button that puts it on the clipboard, and say so to screen readers. */
(function () {
  "use strict";

  var status = document.getElementById("live-status");

  function announce(message) {
    if (!status) return;
    status.textContent = "";
    window.setTimeout(function () { status.textContent = message; }, 60);
  }

  function selectContents(element) {
    var range = document.createRange();
    range.selectNodeContents(element);
    var selection = window.getSelection();
    selection.removeAllRanges();
    selection.addRange(range);
  }

  function writeToClipboard(text) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text);
    }
    return Promise.reject(new Error("The clipboard is not available here."));
  }

  function addCopyButton(holder) {
    var citation = holder.getAttribute("data-citation");
    var label = holder.getAttribute("data-citation-label");
    var button = document.createElement("button");
    button.type = "button";
    button.className = "copy-button secondary";
    button.appendChild(document.createTextNode("Copy citation"));
    if (label) {
      var hidden = document.createElement("span");
      hidden.className = "visually-hidden";
      hidden.textContent = " of " + label;
      button.appendChild(hidden);
    }
    button.addEventListener("click", function () {
      writeToClipboard(citation).then(function () {
        button.firstChild.nodeValue = "Copied";
        button.classList.add("copy-done");
        announce("Citation copied: " + citation);
        window.setTimeout(function () {
          button.firstChild.nodeValue = "Copy citation";
          button.classList.remove("copy-done");
        }, 2500);
      }, function () {
        // No clipboard access: show the text selected, ready for the reader to copy.
        if (holder.tagName === "DETAILS") holder.open = true;
        var text = holder.querySelector(".cite__text") || holder;
        selectContents(text);
        announce("Citation selected: press Control+C (or Command+C) to copy it.");
      });
    });
    holder.parentNode.insertBefore(button, holder.tagName === "DETAILS" ? holder : holder.nextSibling);
  }

  Array.prototype.forEach.call(document.querySelectorAll("[data-citation]"), addCopyButton);
})();
