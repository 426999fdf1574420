import { afterEach, describe, expect, it, vi } from 'vitest';
import { run } from './probe';

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => (out.push(String(chunk)), true));
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => (err.push(String(chunk)), true));
  return { out, err };
}

afterEach(() => vi.restoreAllMocks());

describe('wxprobe probe', () => {
  it('a target the address policy refuses is a usage answer, even with --raw: one line, exit 2', async () => {
    const { out, err } = capture();
    const code = await run(['https://127.0.0.1:9/', '--raw', '--attempts', '1']);
    expect(code).toBe(2);
    expect(out).toEqual([]);
    expect(err.join('').trim().split('\n')).toHaveLength(1);
    expect(err.join('')).toContain('--allow-private 或 --allow-cidr 127.0.0.1/32');
  });

  it('usage errors exit 2 with a one-line reason on stderr and nothing on stdout', async () => {
    const { out, err } = capture();
    expect(await run(['https://a.example/', '--attempts', 'many'])).toBe(2);
    expect(out).toEqual([]);
    expect(err.join('').split('\n')[0]).toBe('wxprobe probe: --attempts 必须是整数，不能是 "many"');
    err.length = 0;
    expect(await run(['https://a.example/', '--attempts', 'many', '--lang', 'en'])).toBe(2);
    expect(err.join('').split('\n')[0]).toBe('wxprobe probe: --attempts must be a whole number, not "many"');
  });

  it('--help prints the usage and exits 0', async () => {
    const { out } = capture();
    expect(await run(['--help'])).toBe(0);
    expect(out.join('')).toContain('usage: wxprobe probe');
  });
});
