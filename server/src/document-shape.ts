/**
 * How deep and how big a parsed JSON document is. The walk is iterative, with its own stack: a
 * recursive one would overflow on exactly the documents it exists to refuse. It stops at the first
 * value past a limit and names it with a JSON pointer, so the client learns where, not just that.
 */

export type ShapeLimits = {
  /** Containers nested inside one another; the document itself is level 1. */
  maxDepth: number;
  /** Values of any kind, the document itself included. */
  maxNodes: number;
};

export type ShapeViolation = { limit: 'depth' | 'nodes'; path: string };

/**
 * What a real observation needs, with room: a report nests about 8 levels and holds a few thousand
 * values. The server's defaults (WXPROBE_MAX_JSON_DEPTH / _NODES) and the CLI's input files use these.
 */
export const DEFAULT_SHAPE_LIMITS: ShapeLimits = { maxDepth: 32, maxNodes: 100_000 };

/** A value still to look at, with the way back to the root (the path is built only on failure). */
type Pending = { value: unknown; depth: number; key: string; parent: Pending | null };

/** A pointer segment: escaped per RFC 6901; absurdly long keys are cut so the answer stays small. */
const MAX_SEGMENT_CHARS = 100;

function segment(key: string): string {
  const escaped = key.replace(/~/g, '~0').replace(/\//g, '~1');
  return escaped.length > MAX_SEGMENT_CHARS ? `${escaped.slice(0, MAX_SEGMENT_CHARS)}…` : escaped;
}

function pointerOf(item: Pending, prefix: string): string {
  const keys: string[] = [];
  for (let at: Pending | null = item; at?.parent; at = at.parent) keys.push(segment(at.key));
  return (
    prefix +
    keys
      .reverse()
      .map((k) => `/${k}`)
      .join('')
  );
}

function isContainer(value: unknown): value is object {
  return value !== null && typeof value === 'object';
}

/**
 * The first value that breaks a limit, or null. Values are counted as they are reached, so a huge
 * array is refused after `maxNodes` elements without queueing the rest.
 */
export function checkDocumentShape(
  document: unknown,
  limits: ShapeLimits,
  prefix = '',
): ShapeViolation | null {
  const root: Pending = { value: document, depth: 1, key: '', parent: null };
  if (isContainer(document) && limits.maxDepth < 1) return { limit: 'depth', path: prefix };
  let nodes = 1;
  const stack: Pending[] = [root];
  while (stack.length > 0) {
    const item = stack.pop() as Pending;
    const value = item.value;
    if (!isContainer(value)) continue;
    const record = value as Record<string, unknown>;
    const keys = Array.isArray(value) ? null : Object.keys(record);
    const count = keys ? keys.length : (value as unknown[]).length;
    const children: Pending[] = [];
    for (let i = 0; i < count; i++) {
      const key = keys ? (keys[i] as string) : String(i);
      const child: Pending = { value: record[key], depth: item.depth + 1, key, parent: item };
      if (++nodes > limits.maxNodes) return { limit: 'nodes', path: pointerOf(child, prefix) };
      if (isContainer(child.value) && child.depth > limits.maxDepth) {
        return { limit: 'depth', path: pointerOf(child, prefix) };
      }
      children.push(child);
    }
    // Reversed onto the stack, so the walk (and the value it names) follows document order.
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i] as Pending);
  }
  return null;
}
