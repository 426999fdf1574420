import { describe, expect, it } from 'vitest';
import { parseCommandArgs, protectDashValues, UsageError } from './args';

const OPTIONS = {
  errno: { type: 'string' },
  json: { type: 'boolean' },
  level: { type: 'string', short: 'l' },
} as const;

describe('protectDashValues', () => {
  it('moves raw texts that start with a dash and a digit behind --', () => {
    expect(protectDashValues(['-2:net::ERR_FAILED', '--json'], OPTIONS)).toEqual([
      '--json',
      '--',
      '-2:net::ERR_FAILED',
    ]);
  });

  it('attaches a dash value to the option that takes it', () => {
    expect(protectDashValues(['--errno', '-5', 'x'], OPTIONS)).toEqual(['--errno=-5', 'x']);
    expect(protectDashValues(['-l', '-5'], OPTIONS)).toEqual(['-l-5']);
  });

  it('leaves options, plain values and an explicit -- alone', () => {
    expect(protectDashValues(['--json', 'request:fail', '--errno', '5'], OPTIONS)).toEqual([
      '--json',
      'request:fail',
      '--errno',
      '5',
    ]);
    expect(protectDashValues(['--', '-1'], OPTIONS)).toEqual(['--', '-1']);
  });
});

describe('parseCommandArgs', () => {
  it('parses values and positionals', () => {
    const { values, positionals } = parseCommandArgs(['-1009', '--errno', '-5', '--json'], OPTIONS);
    expect(values).toEqual({ errno: '-5', json: true });
    expect(positionals).toEqual(['-1009']);
  });

  it('turns parse failures into one-line usage errors', () => {
    for (const argv of [['--nope'], ['--errno'], ['--json=1']]) {
      let caught: unknown;
      try {
        parseCommandArgs(argv, OPTIONS);
      } catch (error) {
        caught = error;
      }
      expect(caught).toBeInstanceOf(UsageError);
      expect((caught as Error).message).not.toContain('\n');
    }
  });
});
