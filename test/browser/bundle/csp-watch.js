// Records every Content-Security-Policy violation of the page, so the test can assert there are
// none (and that the policy is really enforced: the canary inline script must be one).
window.cspViolations = [];
document.addEventListener('securitypolicyviolation', function (event) {
  window.cspViolations.push({ directive: event.effectiveDirective, blocked: event.blockedURI, sample: event.sample });
});
