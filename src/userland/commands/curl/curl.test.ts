import { describe, expect, test } from 'vitest';
import { netBox } from '../../../sandbox/netTestkit.ts';

describe('curl and python3 -m http.server', () => {
  test('nothing listening: curl says it could not connect', async () => {
    const box = await netBox();
    expect(await box.run('curl localhost:8080')).toEqual({
      stdout: '', stderr: "curl: (7) Failed to connect to localhost port 8080 after 0 ms: Couldn't connect to server\n", status: 7,
    });
    expect((await box.run('curl -s localhost:8080')).stderr).toBe('');
    expect((await box.run('curl http://nope/')).stderr).toBe('curl: (6) Could not resolve host: nope\n');
  });

  test('a GET reaches the server, which logs it; the server shows in ss with its backlog of 5', async () => {
    const box = await netBox();
    await box.run(['sh', '-c', 'mkdir /tmp/site && echo hello > /tmp/site/index.html']);
    const srv = await box.spawn(['python3', '-m', 'http.server', '8000', '-d', '/tmp/site']);
    expect((await box.run('ss -tln')).stdout).toContain('LISTEN 0      5            0.0.0.0:8000      0.0.0.0:*');
    expect(await box.run('curl -s http://localhost:8000/')).toEqual({ stdout: 'hello\n', stderr: '', status: 0 });
    const head = await box.run('curl -sI localhost:8000/index.html');
    expect(head.stdout).toMatch(/^HTTP\/1\.0 200 OK\r\nServer: SimpleHTTP\/0\.6 Python\/3\.11\.2\r\nDate: \w{3}, \d\d \w{3} \d{4} \d\d:\d\d:\d\d GMT\r\nContent-type: text\/html\r\nContent-Length: 6\r\nLast-Modified: .* GMT\r\n\r\n$/);
    const missing = await box.run('curl -s -o /dev/null -f localhost:8000/nope');
    expect(missing.status).toBe(22);
    // The server closes first (HTTP/1.0): its side of each connection waits in TIME-WAIT.
    expect((await box.run('ss -tan state time-wait')).stdout).toMatch(/127\.0\.0\.1:8000 +127\.0\.0\.1:\d+/);
    void srv;
  });

  test('the access log line', async () => {
    const box = await netBox();
    const srv = await box.spawn(['python3', '-m', 'http.server', '-b', '127.0.0.1', '8082']);
    await box.run('curl -s localhost:8082/');
    const pid = [...box.kernel.tasks].find((t) => t.comm === 'python3')!.pid.nrIn(box.kernel.initPidNs);
    await box.run(['kill', '-INT', String(pid)]);
    const r = await srv.result;
    expect(r.stdout).toBe('Serving HTTP on 127.0.0.1 port 8082 (http://127.0.0.1:8082/) ...\n\nKeyboard interrupt received, exiting.\n');
    expect(r.stderr).toBe('127.0.0.1 - - [29/Nov/2026 09:13:00] "GET / HTTP/1.1" 200 -\n');
  });
});
