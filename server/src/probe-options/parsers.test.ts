import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { rootCertificates } from 'node:tls';
import { afterAll, describe, expect, it } from 'vitest';
import {
  checkHostName,
  checkInteger,
  formatCidr,
  parseBoolean,
  parseCidr,
  parseDnsServer,
  parseHeader,
  parseHostName,
  parseHttpMethod,
  parseInteger,
  parseResolve,
  readCaFile,
  type OptionResult,
} from './parsers';

const dir = mkdtempSync(join(tmpdir(), 'wxprobe-options-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function value<T>(result: OptionResult<T>): T {
  if (!result.ok) throw new Error(`refused: ${result.problem.en}`);
  return result.value;
}
function code(result: OptionResult<unknown>): string {
  if (result.ok) throw new Error(`accepted: ${JSON.stringify(result.value)}`);
  expect(result.problem.zh.length).toBeGreaterThan(3);
  expect(result.problem.en).toMatch(/^must /);
  return result.problem.code;
}

const range = { min: 1, max: 100 };

describe('whole numbers', () => {
  it('takes decimal digits, spaces around them ignored', () => {
    expect(value(parseInteger('10', range))).toBe(10);
    expect(value(parseInteger(' 7 ', range))).toBe(7);
    expect(value(parseInteger('007', range))).toBe(7);
    expect(value(parseInteger('100', range))).toBe(100);
  });
  it('refuses anything else as not-integer, and the outside of the range as out-of-range', () => {
    for (const bad of ['', 'ten', '2.5', '-1', '1e3', '0x10', '+5', '5 5', '１０'])
      expect(code(parseInteger(bad, range)), bad).toBe('not-integer');
    for (const bad of ['0', '101', '99999999999999999999'])
      expect(code(parseInteger(bad, range)), bad).toBe('out-of-range');
    const refused = parseInteger('ten', range);
    expect(refused.ok || refused.problem.en).toBe('must be a whole number, not "ten"');
    const outside = parseInteger('0', range);
    expect(outside.ok || outside.problem.zh).toBe('必须在 1 到 100 之间，不能是 0');
  });
  it('checks a JSON value the same way', () => {
    expect(value(checkInteger(5, range))).toBe(5);
    for (const bad of [2.5, '5', null, true, Number.NaN])
      expect(code(checkInteger(bad, range))).toBe('not-integer');
    expect(code(checkInteger(0, range))).toBe('out-of-range');
  });
});

describe('booleans', () => {
  it('reads 1/0, true/false, yes/no, on/off in any case; empty is false', () => {
    for (const yes of ['1', 'true', 'YES', ' on ']) expect(value(parseBoolean(yes))).toBe(true);
    for (const no of ['0', 'False', 'no', 'off', '']) expect(value(parseBoolean(no))).toBe(false);
    for (const bad of ['maybe', '2', 'y']) expect(code(parseBoolean(bad))).toBe('not-boolean');
  });
});

describe('CIDRs', () => {
  it('parses IPv4 and IPv6 CIDRs; a bare address is one host', () => {
    expect(value(parseCidr('127.0.0.0/8'))).toEqual({ network: '127.0.0.0', prefix: 8, family: 4 });
    expect(value(parseCidr(' 10.0.0.0/08 '))).toEqual({ network: '10.0.0.0', prefix: 8, family: 4 });
    expect(value(parseCidr('::1'))).toEqual({ network: '::1', prefix: 128, family: 6 });
    expect(formatCidr(value(parseCidr('10.1.2.3')))).toBe('10.1.2.3/32');
    expect(formatCidr(value(parseCidr('fd00::/8')))).toBe('fd00::/8');
    expect(value(parseCidr('0.0.0.0/0')).prefix).toBe(0);
  });
  it('refuses junk, too long prefixes and host names', () => {
    for (const bad of [
      '127.0.0.0/33',
      '::1/129',
      '300.0.0.0/8',
      'localhost/8',
      '10.0.0.0/8/1',
      '10.0.0.0/x',
      '10.0.0.0/',
      '',
    ])
      expect(code(parseCidr(bad)), bad).toBe('not-cidr');
  });
});

describe('DNS servers', () => {
  it('takes addr, addr:port, bare IPv6 and [v6]:port, kept as written', () => {
    for (const ok of ['1.1.1.1', '127.0.0.1:5353', '[::1]:53', '::1', '[::1]', '1.1.1.1:65535'])
      expect(value(parseDnsServer(ok))).toBe(ok);
    expect(value(parseDnsServer(' 1.1.1.1 '))).toBe('1.1.1.1');
  });
  it('refuses names, bad ports and IPv4 in brackets', () => {
    for (const bad of [
      'example.com',
      'dns.google:53',
      '1.1.1.1:0',
      '1.1.1.1:70000',
      '1.1.1.1:',
      '1.1.1.1:x',
      '[::1]x',
      '[1.2.3.4]:53',
      '[::1]:0',
      '',
    ])
      expect(code(parseDnsServer(bad)), bad).toBe('not-dns-server');
  });
});

describe('host names (control SNI)', () => {
  it('takes DNS names, lowercased', () => {
    expect(value(parseHostName('WWW.Example.COM'))).toBe('www.example.com');
    for (const ok of ['localhost', 'a-b.example', 'xn--fiqs8s.cn', '1a.example', '123.example'])
      expect(value(parseHostName(ok))).toBe(ok);
  });
  it('refuses IP literals, empty labels, bad characters and over-long names', () => {
    for (const bad of [
      '1.2.3.4',
      '::1',
      'a..b',
      '-a.example',
      'a-.example',
      'example.com.',
      'a_b.example',
      '中文.cn',
      '',
      `${'a'.repeat(64)}.example`,
      `${'a.'.repeat(127)}ab`,
    ])
      expect(code(parseHostName(bad)), bad).toBe('not-host-name');
    expect(code(checkHostName(42))).toBe('not-host-name');
    expect(value(checkHostName('Example.com'))).toBe('example.com');
  });
});

describe('HTTP method, headers, --resolve', () => {
  it('uppercases letter-only methods and refuses the rest', () => {
    expect(value(parseHttpMethod('post'))).toBe('POST');
    for (const bad of ['GE T', 'GET1', '', 'PO-ST'])
      expect(code(parseHttpMethod(bad))).toBe('not-http-method');
  });
  it('splits "Name: value" at the first colon', () => {
    expect(value(parseHeader('Authorization: Bearer x:y'))).toEqual(['Authorization', 'Bearer x:y']);
    expect(value(parseHeader('X-Empty:'))).toEqual(['X-Empty', '']);
    for (const bad of ['no colon', ': value', 'Bad Name: x'])
      expect(code(parseHeader(bad))).toBe('not-header');
  });
  it('reads host:port:addr[,addr…] with * for any port and IPv6 in brackets', () => {
    expect(value(parseResolve('API.example.com:443:127.0.0.2'))).toEqual([
      { host: 'api.example.com', port: 443, address: '127.0.0.2' },
    ]);
    expect(value(parseResolve('cdn.example:*:[::1],127.0.0.3'))).toEqual([
      { host: 'cdn.example', port: '*', address: '::1' },
      { host: 'cdn.example', port: '*', address: '127.0.0.3' },
    ]);
    for (const bad of [
      'a.example:443',
      'a.example:443:nohost',
      'a.example:0:127.0.0.1',
      'a.example:x:127.0.0.1',
      'a.example:443:127.0.0.1,',
    ])
      expect(code(parseResolve(bad)), bad).toBe('not-resolve');
  });
});

describe('CA files', () => {
  it('reads the PEM certificates of a file, each one parsed', () => {
    const file = join(dir, 'roots.pem');
    writeFileSync(file, `# two roots\n${rootCertificates[0]}\n${rootCertificates[1]}\n`);
    expect(value(readCaFile(file)).match(/BEGIN CERTIFICATE/g)).toHaveLength(2);
  });
  it('refuses a missing file, one without PEM, and an unreadable certificate', () => {
    const empty = join(dir, 'empty.pem');
    writeFileSync(empty, 'hello');
    const broken = join(dir, 'broken.pem');
    writeFileSync(broken, '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n');
    for (const bad of [join(dir, 'missing.pem'), empty, broken])
      expect(code(readCaFile(bad)), bad).toBe('not-ca-file');
    const missing = readCaFile(join(dir, 'missing.pem'));
    expect(missing.ok || missing.problem.en).toMatch(/cannot read .*no such file/);
  });
});
