/** Reserved words bash recognises in command position (`type if` → shell keyword). */
export const KEYWORDS = new Set([
  'if', 'then', 'else', 'elif', 'fi', 'case', 'esac', 'for', 'select', 'while', 'until', 'do', 'done',
  'in', 'function', 'time', '{', '}', '!', '[[', ']]', 'coproc',
]);
