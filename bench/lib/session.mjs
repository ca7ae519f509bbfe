// Commands a session is made of, shared by the Node transcript bench and the browser session: everyday
// commands, nothing that waits on the network or on input. The browser list adds the heavier views.
export const SESSION_LINES = [
  'echo hello world', 'pwd', 'ls /', 'cd /tmp', 'ls -la', 'cd', 'id', 'uname -a', 'hostname', 'cat /etc/os-release',
  'ps', 'true', 'seq 5', 'printf "%s-%d\\n" a 1 b 2', 'echo $((6*7))', 'ls /proc | head -5', 'grep -c root /etc/passwd',
  'whoami', 'date', 'wc -l /etc/passwd',
];

export const SESSION_COMMANDS = [...SESSION_LINES, 'ps aux', 'ip a', 'ss -a', 'docker ps', 'ls -la /usr/bin | head -20'];
