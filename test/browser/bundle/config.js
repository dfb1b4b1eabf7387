// The workshop's js/config.js, fed from the page's query string so the test can point it at the
// local pool the runner started.
(function () {
  var query = new URLSearchParams(location.search);
  window._config = {
    cognito: {
      userPoolId: query.get('userPoolId'),
      userPoolClientId: query.get('clientId'),
      region: (query.get('userPoolId') || '').split('_')[0],
      endpoint: query.get('endpoint'),
    },
  };
})();
