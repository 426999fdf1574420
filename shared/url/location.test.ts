import { describe, expect, it } from 'vitest';
import { resolveLocation } from './location';

describe('resolveLocation', () => {
  it('resolves absolute, scheme-relative, absolute-path and relative Locations', () => {
    const base = 'https://a.example/v1/ping?x=1';
    expect(resolveLocation(base, 'http://b.example/')).toBe('http://b.example/');
    expect(resolveLocation(base, '//c.example/x')).toBe('https://c.example/x');
    expect(resolveLocation(base, '/login')).toBe('https://a.example/login');
    expect(resolveLocation(base, 'pong')).toBe('https://a.example/v1/pong');
  });
});
