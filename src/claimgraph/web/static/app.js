// claimgraph pages: light touches only; every page works without JavaScript.
// Hovering any part of a claim (source, cue, content) in an article lights up its other parts.
"use strict";
document.addEventListener("DOMContentLoaded", function () {
  var parts = document.querySelectorAll("[data-claim]");
  function mark(id, on) {
    parts.forEach(function (el) {
      if (el.getAttribute("data-claim") === id) { el.classList.toggle("lit", on); }
    });
  }
  parts.forEach(function (el) {
    el.addEventListener("mouseenter", function () { mark(el.getAttribute("data-claim"), true); });
    el.addEventListener("mouseleave", function () { mark(el.getAttribute("data-claim"), false); });
    el.addEventListener("click", function () {
      var target = document.getElementById("claim-" + el.getAttribute("data-claim"));
      if (target) { target.scrollIntoView({ behavior: "smooth", block: "center" }); target.classList.add("lit"); }
    });
  });
  // an evidence link (#claim-ID) lands on the claim in the list and lights its words in the text
  if (location.hash.indexOf("#claim-") === 0) { mark(location.hash.slice(7), true); }
});
