// Injected first into every test page (main world). Records what the page could observe of an
// extension: CSP violation events, uncaught errors, console errors, and globals it did not
// create itself. The tests read window.__probe.
(function () {
  var p = { violations: [], errors: [], consoleErrors: [], baseline: null };
  window.__probe = p;
  document.addEventListener("securitypolicyviolation", function (e) {
    p.violations.push(e.violatedDirective + " " + e.blockedURI);
  }, true);
  window.addEventListener("error", function (e) { p.errors.push(String(e.message)); });
  window.addEventListener("unhandledrejection", function (e) { p.errors.push(String(e.reason)); });
  var ce = console.error;
  console.error = function () {
    p.consoleErrors.push(Array.prototype.map.call(arguments, String).join(" "));
    return ce.apply(console, arguments);
  };
  p.baseline = Object.getOwnPropertyNames(window);
  p.newGlobals = function () {
    var base = new Set(p.baseline);
    return Object.getOwnPropertyNames(window).filter(function (k) { return !base.has(k); });
  };
})();
