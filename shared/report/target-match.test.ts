import { describe, expect, it } from 'vitest';
import { compareTargets, targetMatchText } from './target-match';

describe('compareTargets: one server or two', () => {
  it.each([
    ['https://a.example/x', 'https://a.example/x', 'same'],
    ['https://A.example./x', 'https://a.example/x', 'same'],
    ['https://a.example:443/x', 'https://a.example/x', 'same'],
    ['wss://a.example/socket', 'https://a.example/socket', 'same'],
    ['https://a.example/v1/ping?x=1', 'https://a.example/', 'other-path'],
    ['https://b.example/', 'https://a.example/', 'other-target'],
    ['https://a.example:8443/', 'https://a.example/', 'other-target'],
    ['http://a.example/', 'https://a.example/', 'other-target'],
    ['not a url', 'https://a.example/', 'unparseable'],
  ])('%s vs %s → %s', (client, probe, kind) => {
    expect(compareTargets(client, probe).kind).toBe(kind);
  });

  it('says why in one line, in either language', () => {
    const host = compareTargets('https://b.example/', 'https://a.example/');
    expect(targetMatchText(host, 'https://b.example/', 'https://a.example/', 'zh')).toMatch(
      /^客户端报告测的是另一个目标（主机 b\.example，而探测的是 a\.example）/,
    );
    const port = compareTargets('https://a.example:8443/', 'https://a.example/');
    expect(targetMatchText(port, '', '', 'en')).toContain("port 8443, the probe's is 443");
    const path = compareTargets('https://a.example/v1', 'https://a.example/');
    expect(targetMatchText(path, '', '', 'zh')).toContain('路径 /v1');
    for (const m of [host, port, path]) expect(targetMatchText(m, 'u', 'v', 'zh')).not.toContain('\n');
  });
});
