/**
 * A JSON preview for the page, bounded whatever the value holds: at most `maxChars` characters (then
 * `…`), containers nested deeper than `maxDepth` collapsed to `{…}` / `[… n]`, strings and keys cut
 * at `maxStringChars`. It prints with its own stack — a recursive printer, like JSON.stringify,
 * overflows on deep documents — and reads the value lazily, stopping when the budget is spent, so its
 * cost follows the budget, not the document. A cut preview is no longer valid JSON; the page says so
 * and links the full download.
 */

export type PreviewLimits = {
  maxChars: number;
  maxDepth: number;
  maxStringChars: number;
  /** Spaces per level; 0 prints on one line. */
  indent: number;
};

export type Preview = { text: string; truncated: boolean };

type Frame =
  | { kind: 'value'; value: unknown; depth: number; label: string }
  | { kind: 'members'; value: object; keys: string[] | null; index: number; depth: number };

function cut(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

export function jsonPreview(value: unknown, limits: PreviewLimits): Preview {
  const out: string[] = [];
  let length = 0;
  const emit = (text: string) => {
    out.push(text);
    length += text.length;
  };
  const quoted = (text: string) => JSON.stringify(cut(text, limits.maxStringChars));
  const newline = (depth: number) => (limits.indent > 0 ? `\n${' '.repeat(depth * limits.indent)}` : '');
  const colon = ': ';
  const comma = limits.indent > 0 ? ',' : ', ';

  const stack: Frame[] = [{ kind: 'value', value, depth: 0, label: '' }];
  while (stack.length > 0) {
    if (length >= limits.maxChars)
      return { text: `${out.join('').slice(0, limits.maxChars)}\n…`, truncated: true };
    const frame = stack.pop() as Frame;
    if (frame.kind === 'members') {
      const { value: container, keys, index, depth } = frame;
      const count = keys ? keys.length : (container as unknown[]).length;
      const closing = Array.isArray(container) ? ']' : '}';
      if (index >= count) {
        emit(`${newline(depth)}${closing}`);
        continue;
      }
      if (index > 0) emit(comma);
      stack.push({ ...frame, index: index + 1 });
      const key = keys ? (keys[index] as string) : null;
      const child =
        key === null ? (container as unknown[])[index] : (container as Record<string, unknown>)[key];
      const label = `${newline(depth + 1)}${key === null ? '' : quoted(key) + colon}`;
      stack.push({ kind: 'value', value: child, depth: depth + 1, label });
      continue;
    }
    const { value: current, depth, label } = frame;
    if (current === null || typeof current !== 'object') {
      const text = typeof current === 'string' ? quoted(current) : String(JSON.stringify(current) ?? 'null');
      emit(label + text);
      continue;
    }
    const isArray = Array.isArray(current);
    if (depth >= limits.maxDepth) {
      // Counting an object's keys would read all of them: only arrays say how many they hold.
      emit(label + (isArray ? `[… ${(current as unknown[]).length}]` : '{…}'));
      continue;
    }
    const keys = isArray ? null : Object.keys(current);
    if ((keys ? keys.length : (current as unknown[]).length) === 0) {
      emit(label + (isArray ? '[]' : '{}'));
      continue;
    }
    emit(label + (isArray ? '[' : '{'));
    stack.push({ kind: 'members', value: current, keys, index: 0, depth });
  }
  return { text: out.join(''), truncated: false };
}
