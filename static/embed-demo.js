// The demo page's own script: listens for the widget's `command` events and uses its JS API.
// (An external file: the page's Content-Security-Policy allows no inline script.)
const quest = document.getElementById('quest');
const button = document.getElementById('quest-run');
const status = document.getElementById('quest-status');

quest.addEventListener('command', (ev) => {
  const { command, output } = ev.detail;
  if (/\/sbin\/init|systemd/.test(output)) {
    status.textContent = `You found the host’s init! (“${command}” printed ${JSON.stringify(output.slice(0, 40))})`;
    status.parentElement.classList.add('found');
  }
});

customElements.whenDefined('nsbox-terminal').then(() => {
  button.disabled = false;
  button.addEventListener('click', () => {
    button.disabled = true;
    quest
      .run('cat /proc/1/cmdline; echo')
      .catch((err) => {
        status.textContent = String(err.message || err);
      })
      .finally(() => {
        button.disabled = false;
      });
  });
});
