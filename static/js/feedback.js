/*
 * The feedback box, enhanced. Without this script the form is one plain POST
 * (templates/feedback/widget.html). With it:
 *   1. Ja / Nei first; the comment appears after the choice, with the label that
 *      fits it ("Hva lette du etter?" after Nei), and focus moves into it.
 *   2. A live count of the characters used.
 *   3. Sent with fetch (the view answers JSON to Accept: application/json);
 *      the thank-you is announced in the aria-live region and receives focus.
 *   4. Sent at most once per page view.
 * All texts come from data attributes, so they are translated with the page.
 */
(function () {
  "use strict";

  var form = document.querySelector("[data-feedback-form]");
  if (!form || !window.fetch || !window.FormData || !window.URLSearchParams) {
    return; // the plain form keeps working
  }

  var status = document.querySelector("[data-feedback-status]");
  var client = form.querySelector("[data-feedback-client]");
  if (client && window.crypto && window.crypto.getRandomValues) {
    // A random token for this page view only (never stored): the server counts posts per
    // browser with it, so people behind one shared address are not turned away together.
    var bytes = new Uint8Array(16);
    window.crypto.getRandomValues(bytes);
    client.value = Array.prototype.map.call(bytes, function (b) {
      return ("0" + b.toString(16)).slice(-2);
    }).join("");
  }
  var heading = form.querySelector("#feedback-heading");
  var commentBlock = form.querySelector("[data-feedback-comment]");
  var label = form.querySelector("[data-feedback-label]");
  var textarea = form.querySelector("textarea[name=comment]");
  var count = form.querySelector("[data-feedback-count]");
  var error = form.querySelector("[data-feedback-error]");
  var answersGroup = form.querySelector("[data-feedback-answers]");
  var answerButtons = form.querySelectorAll("[data-feedback-answer]");
  var maxLength = parseInt(textarea.getAttribute("maxlength"), 10) || 1000;
  var describedBy = textarea.getAttribute("aria-describedby") || "";
  var sending = false;
  var sent = false;

  // The chosen answer travels in a hidden field; the Ja/Nei buttons become toggles.
  var answer = document.createElement("input");
  answer.type = "hidden";
  answer.name = "answer";
  form.appendChild(answer);

  var sendButton = document.createElement("button");
  sendButton.type = "submit";
  sendButton.className = "button feedback__send";
  sendButton.textContent = form.dataset.send;
  commentBlock.appendChild(sendButton);

  // In the two-step form the comment follows the buttons, in reading and tab order.
  answersGroup.parentNode.insertBefore(commentBlock, answersGroup.nextSibling);
  commentBlock.hidden = true;
  form.classList.add("feedback__form--enhanced");

  function updateCount() {
    // Characters as the server counts them (code points), not UTF-16 units.
    var used = Array.from(textarea.value).length;
    count.textContent = form.dataset.count
      .replace("%(used)s", String(used))
      .replace("%(max)s", String(maxLength));
  }

  function showError(message) {
    if (message) {
      error.textContent = message;
      error.hidden = false;
      textarea.setAttribute("aria-invalid", "true");
      textarea.setAttribute("aria-describedby", "feedback-comment-error " + describedBy);
    } else {
      error.textContent = "";
      error.hidden = true;
      textarea.removeAttribute("aria-invalid");
      textarea.setAttribute("aria-describedby", describedBy);
    }
  }

  function announce(message) {
    status.textContent = "";
    var paragraph = document.createElement("p");
    paragraph.textContent = message;
    status.appendChild(paragraph);
  }

  function choose(value) {
    answer.value = value;
    Array.prototype.forEach.call(answerButtons, function (button) {
      button.setAttribute("aria-pressed", button.value === value ? "true" : "false");
    });
    label.textContent = value === "no" ? form.dataset.labelNo : form.dataset.labelYes;
    commentBlock.hidden = false;
    textarea.focus();
  }

  Array.prototype.forEach.call(answerButtons, function (button) {
    button.type = "button";
    button.removeAttribute("name");
    button.setAttribute("aria-pressed", "false");
    button.addEventListener("click", function () {
      choose(button.value);
    });
  });

  textarea.addEventListener("input", updateCount);
  updateCount();

  function finish(message) {
    sent = true;
    // Keep the question as the section's heading (aria-labelledby points to it).
    form.parentNode.insertBefore(heading, form);
    form.remove();
    status.classList.add("notice", "notice--success");
    announce(message);
    if (form.dataset.moreUrl) {
      // The same link as the thank-you without JavaScript: what feedback has led to.
      var more = document.createElement("p");
      var link = document.createElement("a");
      link.href = form.dataset.moreUrl;
      link.textContent = form.dataset.moreText;
      more.appendChild(link);
      status.appendChild(more);
    }
    // The button that had focus is gone: put focus on the thank-you instead of the page top.
    status.focus();
  }

  function fail(message, fieldError) {
    sending = false;
    sendButton.disabled = false;
    showError(fieldError);
    announce(message);
    if (fieldError) {
      textarea.focus();
    }
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    if (sending || sent || !answer.value) {
      return;
    }
    sending = true;
    sendButton.disabled = true;
    showError("");
    announce(form.dataset.sending);

    fetch(form.action, {
      method: "POST",
      headers: {
        Accept: "application/json",
        "Content-Type": "application/x-www-form-urlencoded;charset=UTF-8",
      },
      body: new URLSearchParams(new FormData(form)),
      credentials: "omit", // the view needs no cookie, and none is sent
    })
      .then(function (response) {
        return response.json().then(function (data) {
          return { ok: response.ok, data: data };
        });
      })
      .then(function (result) {
        if (result.ok) {
          finish(result.data.message);
          return;
        }
        var errors = result.data.errors || {};
        var fieldError = (errors.comment || errors.answer || [])[0] || "";
        fail(result.data.message, fieldError);
      })
      .catch(function () {
        fail(form.dataset.failed, "");
      });
  });
})();
