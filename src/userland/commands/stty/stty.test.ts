import { expect, test } from 'vitest';
import { session } from '../../../docker/test/session.ts';

// Expected texts are coreutils' stty on an 80x24 pty.
test('stty size, -a (wrapped to the width), the short form, changes and errors', async () => {
  const r = await session(['stty size', 'stty -a', 'stty -echo; stty; stty echo', 'stty cols 100 rows 30; stty size', 'stty bogus; echo $?', 'stty < /dev/null; echo $?']);
  expect(r.map((x) => x.output)).toEqual([
    '24 80\n',
    [
      'speed 38400 baud; rows 24; columns 80; line = 0;',
      'intr = ^C; quit = ^\\; erase = ^?; kill = ^U; eof = ^D; eol = <undef>;',
      'eol2 = <undef>; swtch = <undef>; start = ^Q; stop = ^S; susp = ^Z; rprnt = ^R;',
      'werase = ^W; lnext = ^V; discard = ^O; min = 1; time = 0;',
      '-parenb -parodd -cmspar cs8 -hupcl -cstopb cread -clocal -crtscts',
      '-ignbrk -brkint -ignpar -parmrk -inpck -istrip -inlcr -igncr icrnl ixon -ixoff',
      '-iuclc -ixany -imaxbel iutf8',
      'opost -olcuc -ocrnl onlcr -onocr -onlret -ofill -ofdel nl0 cr0 tab0 bs0 vt0 ff0',
      'isig icanon iexten echo echoe echok -echonl -noflsh -xcase -tostop -echoprt',
      'echoctl echoke -flusho -extproc', '',
    ].join('\n'),
    'speed 38400 baud; line = 0;\n-brkint -imaxbel iutf8\n-echo\n',
    '30 100\n',
    "stty: invalid argument 'bogus'\nTry 'stty --help' for more information.\n1\n",
    "stty: 'standard input': Inappropriate ioctl for device\n1\n",
  ]);
});
