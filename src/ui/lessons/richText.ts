/**
 * The lessons' tiny markup: paragraphs separated by blank lines, lines starting with `- ` as a list, and
 * `code` in backticks. Parsed into data and rendered by Svelte as text (never as HTML), so a lesson
 * file cannot inject markup.
 */
export type Inline = { code: boolean; text: string };
export type Block = { kind: 'p'; parts: Inline[] } | { kind: 'ul'; items: Inline[][] };

export function inline(text: string): Inline[] {
  return text.split('`').map((part, i) => ({ code: i % 2 === 1, text: part })).filter((p) => p.text !== '');
}

export function blocks(text: string): Block[] {
  return text
    .split(/\n\s*\n/)
    .map((chunk) => chunk.trim())
    .filter(Boolean)
    .map((chunk): Block => {
      const lines = chunk.split('\n');
      if (lines.every((l) => l.startsWith('- '))) return { kind: 'ul', items: lines.map((l) => inline(l.slice(2))) };
      return { kind: 'p', parts: inline(lines.join(' ')) };
    });
}
