import type { ITheme } from '@xterm/xterm';

/** System monospace fonts only: nothing is downloaded (no request may leave the origin). */
export const terminalFontFamily =
  'ui-monospace, "SF Mono", Menlo, "Cascadia Mono", "Cascadia Code", Consolas, "DejaVu Sans Mono", "Liberation Mono", "Noto Sans Mono", "Ubuntu Mono", monospace';

export const pageBackground = '#0d1117';

/** A dark palette (after GitHub's dark terminal colours). */
export const terminalTheme: ITheme = {
  background: pageBackground,
  foreground: '#c9d1d9',
  cursor: '#58a6ff',
  cursorAccent: pageBackground,
  selectionBackground: '#264f78',
  black: '#484f58',
  red: '#ff7b72',
  green: '#3fb950',
  yellow: '#d29922',
  blue: '#58a6ff',
  magenta: '#bc8cff',
  cyan: '#39c5cf',
  white: '#b1bac4',
  brightBlack: '#6e7681',
  brightRed: '#ffa198',
  brightGreen: '#56d364',
  brightYellow: '#e3b341',
  brightBlue: '#79c0ff',
  brightMagenta: '#d2a8ff',
  brightCyan: '#56d4dd',
  brightWhite: '#f0f6fc',
};
