import { describe, expect, test } from 'vitest';
import { netBox } from '../../../sandbox/netTestkit.ts';

describe('python3 -m http.server', () => {
  test('a port in use ends in the traceback Python prints', async () => {
    const box = await netBox();
    const r = await box.run('python3 -m http.server 22');
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/^Traceback \(most recent call last\):\n[\s\S]*\nOSError: \[Errno 98\] Address already in use\n$/);
  });

  test('an ordinary user may not bind a privileged port', async () => {
    const box = await netBox();
    const r = await box.run('python3 -m http.server 80', { uid: 1000 });
    expect(r.stderr).toMatch(/\nPermissionError|\nOSError: \[Errno 13\] Permission denied\n$/);
  });

  test('directory listings and 404s', async () => {
    const box = await netBox();
    await box.run(['sh', '-c', 'mkdir -p /tmp/d/sub && echo x > /tmp/d/a.txt']);
    await box.spawn(['python3', '-m', 'http.server', '8000', '--directory', '/tmp/d']);
    const page = (await box.run('curl -s localhost:8000/')).stdout;
    expect(page).toContain('<title>Directory listing for /</title>');
    expect(page).toContain('<li><a href="a.txt">a.txt</a></li>\n<li><a href="sub/">sub/</a></li>');
    expect((await box.run(['curl', '-s', '-o', '/dev/null', '-w', '%{http_code}', 'localhost:8000/nope'])).stdout).toBe('404');
  });
});
