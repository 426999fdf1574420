import { afterEach, describe, expect, it, vi } from 'vitest';
import { parseProbeObservation } from '../../../../shared/observations/index';
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
  it('--raw prints one wxprobe.probe/1 document and exits 0 (here: refused by the address policy)', async () => {
    const { out } = capture();
    const code = await run(['https://127.0.0.1:9/', '--raw', '--attempts', '1']);
    expect(code).toBe(0);
    expect(out).toHaveLength(1);
    const parsed = parseProbeObservation(JSON.parse(out[0] ?? ''));
    expect(parsed.ok).toBe(true);
    if (parsed.ok) expect(parsed.value.steps.policy).toBe('refused');
  });

  it('usage errors exit 2 with a one-line reason on stderr and nothing on stdout', async () => {
    const { out, err } = capture();
    expect(await run(['https://a.example/', '--attempts', 'many'])).toBe(2);
    expect(out).toEqual([]);
    expect(err.join('').split('\n')[0]).toBe('wxprobe probe: --attempts must be a whole number, not "many"');
  });

  it('--help prints the usage and exits 0', async () => {
    const { out } = capture();
    expect(await run(['--help'])).toBe(0);
    expect(out.join('')).toContain('usage: wxprobe probe');
  });
});
