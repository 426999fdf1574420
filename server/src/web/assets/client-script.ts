/**
 * The page's only script (served at /static/wxprobe.js, allowed by the CSP as 'self'): turns the home
 * form into a background probe job and shows its live progress from the SSE stream, then opens the
 * report; on the report page it shows the share link as the full address the browser resolves. Plain ES2017 so it runs in any browser and in WeChat's web view; without it the form still
 * works (it posts to /probe and the server redirects to the report).
 */
export const CLIENT_SCRIPT_JS = `(function () {
  'use strict';
  // Share links are relative in the page (never built from a Host header): show them whole.
  var shares = document.querySelectorAll('a.share-link');
  for (var i = 0; i < shares.length; i++) shares[i].textContent = shares[i].href;

  var form = document.getElementById('probe-form');
  if (!form || !window.fetch || !window.EventSource || !window.JSON) return;
  var box = document.getElementById('progress');
  var list = document.getElementById('progress-list');
  var status = document.getElementById('progress-status');
  var button = form.querySelector('button[type=submit]');
  var lang = document.documentElement.lang === 'en' ? 'en' : 'zh';
  var stepLabels = JSON.parse(form.getAttribute('data-step-labels') || '{}');
  var statusLabels = JSON.parse(form.getAttribute('data-status-labels') || '{}');

  function text(name) { return form.getAttribute('data-text-' + name) || ''; }
  function field(name) { var el = form.elements.namedItem(name); return el ? String(el.value).trim() : ''; }
  function show(message, cls) { status.textContent = message; status.className = cls || ''; }
  function fail(message) { show(text('failed') + message, 'error'); button.disabled = false; }

  function addStep(p) {
    var li = document.createElement('li');
    li.className = 'step step-' + p.status;
    li.textContent = (stepLabels[p.step] || p.step) + ' · ' + (statusLabels[p.status] || p.status) +
      (p.detail ? ' — ' + p.detail : '') + ' (' + Math.round(p.elapsedMs) + ' ms)';
    list.appendChild(li);
  }

  function follow(job) {
    var events = new EventSource(job.eventsUrl);
    events.addEventListener('progress', function (e) { addStep(JSON.parse(e.data)); });
    events.addEventListener('done', function () {
      events.close();
      show(text('done'), 'ok');
      window.location.href = job.pageUrl; // the page's language is saved in a cookie
    });
    events.addEventListener('failed', function (e) {
      events.close();
      fail(JSON.parse(e.data).message);
    });
  }

  // A phone view file is read into the paste box; with a phone view the form posts as it is
  // (POST /probe diagnoses both; the live-progress job only probes).
  var fileInput = document.getElementById('client-file');
  if (fileInput) fileInput.addEventListener('change', function () {
    var file = fileInput.files && fileInput.files[0];
    if (!file) return;
    var reader = new FileReader();
    reader.onload = function () { form.elements.namedItem('client').value = String(reader.result); };
    reader.readAsText(file);
  });

  form.addEventListener('submit', function (ev) {
    if (field('client') !== '') return;
    ev.preventDefault();
    var url = field('url');
    // A bare host is what people type; the probe needs a scheme (the server does the same for /probe).
    if (url !== '' && !/^[a-z][a-z0-9+.-]*:\\/\\//i.test(url)) url = 'https://' + url;
    var options = {};
    if (field('attempts') !== '') options.attempts = Number(field('attempts'));
    if (field('timeoutMs') !== '') options.timeoutMs = Number(field('timeoutMs'));
    if (field('controlSni') !== '') options.controlSni = field('controlSni');
    if (field('httpPort') !== '') options.httpPort = Number(field('httpPort'));
    button.disabled = true;
    box.hidden = false;
    list.textContent = '';
    show(text('starting'));
    fetch('/api/v1/probes?lang=' + lang, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ url: url, options: options })
    }).then(function (res) {
      return res.json().then(function (body) { return { ok: res.ok, body: body }; });
    }).then(function (r) {
      if (!r.ok) return fail(r.body && r.body.error ? r.body.error.message : 'HTTP error');
      follow(r.body);
    }).catch(function (e) { fail(String(e)); });
  });
})();
`;
