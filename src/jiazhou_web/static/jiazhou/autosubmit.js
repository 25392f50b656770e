// Forms that submit when a selector changes (month, year, list pickers): no inline handlers,
// so the Content-Security-Policy can forbid inline script without a nonce.
document.addEventListener("change", function (event) {
  var el = event.target;
  if (el && el.hasAttribute && el.hasAttribute("data-autosubmit") && el.form) {
    el.form.submit();
  }
});
