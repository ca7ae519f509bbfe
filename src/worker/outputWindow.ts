/**
 * Output the page may have received and not yet processed, in characters. It bounds what a flood
 * (`yes`, `cat /dev/zero | tr ...`) puts in flight between the threads: once the page's terminal lags
 * this far behind, the writing program sleeps, as on a pty whose buffer is full, and ^C's echo and
 * the next prompt wait behind at most this much text. xterm.js parses this in a few milliseconds.
 */
export const OUTPUT_WINDOW = 32 * 1024;
