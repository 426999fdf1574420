/**
 * Terminal styling. Colours come from Node's `util.styleText`; whether to colour is decided once per
 * stream by `wantsColor` (NO_COLOR, FORCE_COLOR, then the terminal's own colour depth). Column
 * widths are columns.ts's, kept apart because string-width costs ~100 ms to load (see there).
 */
import * as util from 'node:util';

export type Style = {
  bold(s: string): string;
  dim(s: string): string;
  red(s: string): string;
  green(s: string): string;
  yellow(s: string): string;
  cyan(s: string): string;
};

type Format = 'bold' | 'dim' | 'red' | 'green' | 'yellow' | 'cyan';

/**
 * `util.styleText` exists from Node 20.12; from 20.18 / 22.8 it also checks `process.stdout` itself
 * unless told `validateStream: false` (on earlier versions the option is ignored and it always
 * colours). We decide per stream ourselves (the progress lines go to stderr, the report to stdout),
 * so it is always called with `validateStream: false`; where it is missing, nothing is coloured.
 */
const styleText = typeof util.styleText === 'function' ? util.styleText : null;

export function makeStyle(color: boolean): Style {
  const paint =
    color && styleText
      ? (format: Format) => (s: string) => styleText(format, s, { validateStream: false })
      : () => (s: string) => s;
  return {
    bold: paint('bold'),
    dim: paint('dim'),
    red: paint('red'),
    green: paint('green'),
    yellow: paint('yellow'),
    cyan: paint('cyan'),
  };
}

/** Node's FORCE_COLOR values that turn colours on (16, 256, 16M); any other value (e.g. 0) forces them off. */
const FORCE_COLOR_ON = new Set(['', '1', 'true', '2', '3']);

/**
 * Colour this stream? NO_COLOR (https://no-color.org: set and not empty) wins, then FORCE_COLOR (as
 * Node reads it), then the stream: a terminal whose `hasColors()` says so (it reads TERM,
 * NODE_DISABLE_COLORS and the rest). A pipe or file is never coloured unless forced. NO_COLOR is
 * checked first so that Node does not print its "NO_COLOR is ignored" warning.
 */
export function wantsColor(
  stream: Pick<NodeJS.WriteStream, 'isTTY'> & { hasColors?: (env?: object) => boolean },
  env: NodeJS.ProcessEnv = process.env,
): boolean {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  if (env.FORCE_COLOR !== undefined) return FORCE_COLOR_ON.has(env.FORCE_COLOR);
  return stream.isTTY === true && typeof stream.hasColors === 'function' && stream.hasColors(env);
}
