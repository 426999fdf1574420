/**
 * Loads compiled pages and components into miniprogram-simulate (jsdom test files only) and drives
 * them like a user: type into an input, tap, pick, toggle; read the rendered text.
 */
import { join } from 'node:path';
import simulate from 'miniprogram-simulate';
import { inject } from 'vitest';
import './paths';

const compiledMiniprogram = inject('miniprogramBuild');

export type Rendered = ReturnType<typeof simulate.render>;
type Node = NonNullable<ReturnType<Rendered['querySelector']>>;

/** Renders `pages/<name>/index` or `components/<name>/index` with the given properties, attached to a parent. */
export function render(path: string, properties: Record<string, unknown> = {}): Rendered {
  const id = simulate.load(join(compiledMiniprogram, path), { rootPath: compiledMiniprogram });
  const component = simulate.render(id, properties);
  component.attach(document.createElement('parent-wrapper'));
  return component;
}

/** The page's own methods (onLoad, onShow, onShareAppMessage…), as WeChat would call them. */
export function page<T = Record<string, (...args: never[]) => unknown>>(component: Rendered): T {
  return component.instance as unknown as T;
}

function find(root: Rendered | Node, selector: string): Node {
  const node = root.querySelector(selector);
  if (!node) throw new Error(`nothing matches ${selector}`);
  return node;
}

/** Lets the simulated events (dispatched on a microtask) and setData settle. */
export const settle = () => simulate.sleep(10);

export async function type(root: Rendered | Node, selector: string, value: string): Promise<void> {
  find(root, selector).dispatchEvent('input', { detail: { value } });
  await settle();
}

export async function tap(root: Rendered | Node, selector: string): Promise<void> {
  find(root, selector).dispatchEvent('tap');
  await settle();
}

export async function change(root: Rendered | Node, selector: string, value: unknown): Promise<void> {
  find(root, selector).dispatchEvent('change', { detail: { value } });
  await settle();
}

/** Rendered text of the first match, whitespace collapsed. */
export function text(root: Rendered | Node, selector: string): string {
  return (find(root, selector).dom.textContent ?? '').replace(/\s+/g, ' ').trim();
}

export function texts(root: Rendered | Node, selector: string): string[] {
  return root.querySelectorAll(selector).map((n) => (n.dom.textContent ?? '').replace(/\s+/g, ' ').trim());
}

export function exists(root: Rendered | Node, selector: string): boolean {
  return root.querySelector(selector) !== undefined && root.querySelector(selector) !== null;
}

export function allText(root: Rendered): string {
  return (root.dom.textContent ?? '').replace(/\s+/g, ' ').trim();
}
