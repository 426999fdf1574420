import { timingSafeEqual } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ApiError, errorBody } from '../errors';
import { AgentTokens, assertKnownVantages } from './agent-auth';

const TOKENS = [
  { vantage: 'cn-east', token: 'east-token-0123456789abcdef' },
  { vantage: 'cn-north', token: 'north-token-0123456789abcdef' },
  { vantage: 'cn-east', token: 'east-rotated-0123456789abcdef' },
];

describe('agent tokens', () => {
  it('maps a bearer token to its vantage, and nothing else to any', () => {
    const tokens = new AgentTokens(TOKENS);
    expect(tokens.vantageOf('Bearer east-token-0123456789abcdef')).toBe('cn-east');
    expect(tokens.vantageOf('bearer  east-rotated-0123456789abcdef ')).toBe('cn-east');
    expect(tokens.vantageOf('Bearer north-token-0123456789abcdef')).toBe('cn-north');
    for (const header of [
      undefined,
      '',
      'Bearer',
      'Bearer ',
      'east-token-0123456789abcdef',
      'Basic east-token-0123456789abcdef',
      'Bearer east-token-0123456789abcde',
      'Bearer east-token-0123456789abcdefg',
      'Bearer EAST-TOKEN-0123456789ABCDEF',
      'Bearer east-token-0123456789abcdef north-token-0123456789abcdef',
    ]) {
      expect(tokens.vantageOf(header), String(header)).toBeNull();
    }
    expect(tokens.vantages).toEqual(['cn-east', 'cn-north']);
  });

  it('compares fixed-length digests against every configured token, also after a match and for no token', () => {
    const calls: [number, number][] = [];
    const tokens = new AgentTokens(TOKENS, {
      equal: (a, b) => {
        calls.push([a.length, b.length]);
        return timingSafeEqual(a, b);
      },
    });
    for (const header of ['Bearer east-token-0123456789abcdef', 'Bearer x', undefined, 'Basic zzz']) {
      calls.length = 0;
      tokens.vantageOf(header);
      expect(calls, String(header)).toEqual([
        [32, 32],
        [32, 32],
        [32, 32],
      ]);
    }
  });
});

describe('assertKnownVantages', () => {
  it('passes known names and refuses the first unknown one with 400 listing the known ones', () => {
    expect(() => assertKnownVantages(['local', 'cn-east'], ['local', 'cn-east'])).not.toThrow();
    let thrown: unknown;
    try {
      assertKnownVantages(['local', 'cn-west'], ['local', 'cn-east']);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ApiError);
    const error = thrown as ApiError;
    expect(error.statusCode).toBe(400);
    expect(error.code).toBe('unknown-vantage');
    expect(error.options.path).toBe('/body/vantages/1');
    const en = errorBody(error.code, 'en', { detail: error.options.detail! }).error.message;
    expect(en).toBe('No such vantage: "cn-west"; known vantages: local, cn-east');
    const zh = errorBody(error.code, 'zh', { detail: error.options.detail! }).error.message;
    expect(zh).toContain('已知的探测点：local, cn-east');
  });
});
