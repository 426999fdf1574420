import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { rootCertificates } from 'node:tls';
import { afterAll, describe, expect, it } from 'vitest';
import { requestedLang } from './args';
import { parseProbeFlags } from './probe-flags';

const dir = mkdtempSync(join(tmpdir(), 'wxprobe-flags-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function ok(argv: string[]) {
  const parsed = parseProbeFlags(argv);
  if (!parsed.ok) throw parsed.error;
  return parsed;
}

function error(argv: string[]): string {
  const parsed = parseProbeFlags(argv);
  if (parsed.ok) throw new Error(`expected a usage error for ${argv.join(' ')}`);
  return parsed.error.text(requestedLang(argv));
}

describe('wxprobe probe flags', () => {
  it('takes one URL and defaults to Chinese, no raw, no json, no options', () => {
    expect(ok(['https://api.example.com/'])).toEqual({
      ok: true,
      url: 'https://api.example.com/',
      options: {},
      raw: false,
      json: false,
      lang: 'zh',
      help: false,
    });
  });

  it('turns every probe flag into its option', () => {
    const ca = join(dir, 'root.pem');
    writeFileSync(ca, `${rootCertificates[0]}\n${rootCertificates[1]}\n`);
    const flags = ok([
      'https://api.example.com/x',
      '--raw',
      '--lang',
      'en',
      '--client-report',
      'client.json',
      '--dns-server',
      '127.0.0.1:5353',
      '--resolve',
      'api.example.com:443:127.0.0.2',
      '--resolve',
      'cdn.example.com:*:[::1],127.0.0.3',
      '--ca',
      ca,
      '--allow-private',
      '--allow-cidr',
      '127.0.0.0/8',
      '--attempts',
      '20',
      '--timeout',
      '3000',
      '--total-timeout',
      '60000',
      '--control-sni',
      'www.example.cn',
      '-X',
      'post',
      '-H',
      'Authorization: Bearer x:y',
      '--header',
      'X-Trace: 1',
      '--http-port',
      '8080',
    ]);
    expect(flags).toMatchObject({ raw: true, lang: 'en', clientReport: 'client.json' });
    expect(flags.options).toEqual({
      dnsServer: '127.0.0.1:5353',
      resolve: [
        { host: 'api.example.com', port: 443, address: '127.0.0.2' },
        { host: 'cdn.example.com', port: '*', address: '::1' },
        { host: 'cdn.example.com', port: '*', address: '127.0.0.3' },
      ],
      ca: [expect.stringContaining('-----BEGIN CERTIFICATE-----')],
      allowPrivate: true,
      allowCidrs: ['127.0.0.0/8'],
      attempts: 20,
      attemptMode: 'exact',
      timeoutMs: 3000,
      totalTimeoutMs: 60000,
      controlSni: 'www.example.cn',
      method: 'POST',
      headers: { Authorization: 'Bearer x:y', 'X-Trace': '1' },
      httpPort: 8080,
    });
    expect(flags.options.ca?.[0]?.match(/BEGIN CERTIFICATE/g)).toHaveLength(2);
  });

  it('accepts IPv6 DNS servers with and without a port', () => {
    expect(ok(['https://a.example/', '--dns-server', '[::1]:53']).options.dnsServer).toBe('[::1]:53');
    expect(ok(['https://a.example/', '--dns-server', '::1']).options.dnsServer).toBe('::1');
  });

  it('explains each bad input in one line', () => {
    const notPem = join(dir, 'not.pem');
    writeFileSync(notPem, 'hello');
    const cases: Array<[string[], RegExp]> = [
      [[], /give one URL/],
      [['a', 'b'], /give one URL, not 2/],
      [['api.example.com'], /not a URL.*https:\/\/api\.example\.com/],
      [['https://a.example/', '--attempts', '0'], /--attempts must be between 1 and 100/],
      [['https://a.example/', '--attempts', 'ten'], /--attempts must be a whole number/],
      [['https://a.example/', '--timeout=-5'], /--timeout must be a whole number/],
      [['https://a.example/', '--timeout', '-5'], /--timeout must be a whole number, not "-5"/],
      [['https://a.example/', '--dns-server', 'dns.google'], /--dns-server must be an IP address/],
      [
        ['https://a.example/', '--dns-server', '1.1.1.1:99999'],
        /--dns-server must be an IP address with an optional port 1–65535/,
      ],
      [['https://a.example/', '--resolve', 'a.example:443'], /--resolve must look like host:port:address/],
      [
        ['https://a.example/', '--resolve', 'a.example:443:nohost'],
        /--resolve must look like host:port:address/,
      ],
      [
        ['https://a.example/', '--ca', join(dir, 'missing.pem')],
        /--ca must be a readable PEM file: cannot read .*no such file/,
      ],
      [['https://a.example/', '--ca', notPem], /holds no PEM certificate/],
      [['https://a.example/', '--allow-cidr', '10.0.0.0/99'], /--allow-cidr must be a CIDR/],
      [['https://a.example/', '--header', 'no colon'], /--header must look like "Name: value"/],
      [['https://a.example/', '--method', 'GE T'], /--method must be an HTTP method/],
      [['https://a.example/', '--raw', '--json'], /exclude each other/],
      [['https://a.example/', '--bogus'], /^unknown option --bogus$/],
      [['https://a.example/', '--http-port', '0'], /--http-port must be between 1 and 65535/],
      [['https://a.example/', '--control-sni', '1.2.3.4'], /--control-sni must be a host name/],
    ];
    for (const [argv, pattern] of cases) {
      const message = error([...argv, '--lang', 'en']);
      expect(message).toMatch(pattern);
      expect(message).not.toContain('\n');
    }
  });

  it('says it in Chinese unless --lang en', () => {
    const cases: Array<[string[], RegExp]> = [
      [[], /请给出一个要探测的 URL/],
      [['api.example.com'], /不是 URL：请写上协议，例如 https:\/\/api\.example\.com/],
      [['https://a.example/', '--attempts', 'ten'], /--attempts 必须是整数/],
      [['https://a.example/', '--lang', 'fr'], /--lang 只能是 zh 或 en/],
      [['https://a.example/', '--bogus'], /^未知选项 --bogus$/],
      [
        ['https://a.example/', '--ca', join(dir, 'missing.pem')],
        /--ca 必须是可读的 PEM 文件：无法读取 .*文件不存在/,
      ],
    ];
    for (const [argv, pattern] of cases) {
      const message = error(argv);
      expect(message).toMatch(pattern);
      expect(message).not.toContain('\n');
    }
    expect(error(['https://a.example/', '--lang=en', '--attempts', 'ten'])).toMatch(/must be a whole number/);
  });

  it('lets --help through without a URL', () => {
    expect(ok(['--help'])).toMatchObject({ help: true });
  });
});
