// The test page's own script (an external file: the page's CSP allows no inline script).
// Records CSP violations and the iframe's messages for embed.spec.mjs.
window.__violations = [];
window.__frameMessages = [];
document.addEventListener('securitypolicyviolation', (e) => {
  window.__violations.push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`);
});
const frame = document.getElementById('frame');
const origin = location.origin;
const params = new URLSearchParams({ image: 'alpine', 'docker-args': '--network=none', autostart: '', origin });
params.append('run', 'ip a');
params.append('run', 'hostname');
frame.src = `../embed.html?${params}`;
window.addEventListener('message', (ev) => {
  if (ev.source !== frame.contentWindow || ev.origin !== origin) return;
  window.__frameMessages.push(ev.data);
});
window.__runInFrame = (command) => frame.contentWindow.postMessage({ nsbox: 1, type: 'run', command }, origin);
