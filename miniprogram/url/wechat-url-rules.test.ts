import { describe, expect, it } from 'vitest';
import { asWxFailure, loadCorpus } from '../test/corpus';
import { checkWechatUrl, hasBlockingProblem } from './wechat-url-rules';

const codes = (url: string, api: Parameters<typeof checkWechatUrl>[1] = 'request') =>
  checkWechatUrl(url, api).map((p) => `${p.severity}:${p.code}`);

describe('checkWechatUrl follows WeChat’s rules (network.md)', () => {
  it('accepts a plain https URL on a domain, and wss for sockets', () => {
    expect(codes('https://api.example.com/v1/health?x=1')).toEqual([]);
    expect(codes('wss://ws.example.com/socket', 'connectSocket')).toEqual([]);
    expect(codes('https://api.example.com', 'downloadFile')).toEqual([]);
  });

  it('only https for request/uploadFile/downloadFile, only wss for connectSocket', () => {
    expect(codes('http://api.example.com/')).toEqual(['error:scheme-not-https']);
    expect(codes('wss://api.example.com/', 'uploadFile')).toEqual(['error:scheme-not-https']);
    expect(codes('ws://ws.example.com/', 'connectSocket')).toEqual(['error:scheme-not-wss']);
    expect(codes('https://ws.example.com/', 'connectSocket')).toEqual(['error:scheme-not-wss']);
  });

  it('no IP address as host, in any spelling; LAN IPs only warn (allowed since base library 2.4.0)', () => {
    expect(codes('https://203.0.113.7/')).toEqual(['error:ip-host']);
    expect(codes('https://[2001:db8::1]/')).toEqual(['error:ip-host']);
    expect(codes('https://3405803783/')).toEqual(['error:ip-host']);
    expect(codes('https://0xcb.0.113.7/')).toEqual(['error:ip-host']);
    expect(codes('https://127.0.0.1/')).toEqual(['error:ip-host']);
    expect(codes('https://192.168.1.20/')).toEqual(['warn:lan-ip-host']);
    expect(codes('https://10.0.0.8:8443/')).toEqual(['warn:lan-ip-host', 'warn:explicit-port']);
  });

  it('no localhost', () => {
    expect(codes('https://localhost/')).toEqual(['error:localhost']);
    expect(codes('https://app.localhost:8080/')).toEqual(['error:localhost', 'warn:explicit-port']);
  });

  it('an https port works only if the domain list entry carries it; :443 spelled out fails without one', () => {
    expect(codes('https://api.example.com:8443/')).toEqual(['warn:explicit-port']);
    expect(codes('https://api.example.com:443/')).toEqual(['warn:explicit-default-port']);
  });

  it('wss allows every port, but port 80 is plain HTTP', () => {
    expect(codes('wss://ws.example.com:9001/', 'connectSocket')).toEqual([]);
    expect(codes('wss://ws.example.com:80/', 'connectSocket')).toEqual(['warn:wss-port-80']);
  });

  it('api.weixin.qq.com cannot be listed', () => {
    expect(codes('https://api.weixin.qq.com/sns/jscode2session')).toEqual(['error:forbidden-domain']);
  });

  it('empty, whitespace and malformed input', () => {
    expect(codes('')).toEqual(['error:empty']);
    expect(codes(' https://api.example.com/')).toEqual(['error:whitespace']);
    expect(codes('api.example.com/health')).toEqual(['error:malformed']);
    expect(codes('https://')).toEqual(['error:malformed']);
    expect(codes('https://api.example.com:99999/')).toEqual(['error:malformed']);
  });

  it('blocks only on errors', () => {
    expect(hasBlockingProblem(checkWechatUrl('https://api.example.com:8443/', 'request'))).toBe(false);
    expect(hasBlockingProblem(checkWechatUrl('http://api.example.com/', 'request'))).toBe(true);
  });

  it('flags every URL the corpus shows WeChat refusing for its scheme or IP host', () => {
    // Corpus lines that quote the refused URL: devtools' "<url> 不在以下 request 合法域名列表中".
    const quoted = loadCorpus()
      .map((l) => /^(\S+:\/\/\S+?)\s+不在以下/.exec(asWxFailure(l).errMsg)?.[1])
      .filter((u): u is string => u !== undefined);
    expect(quoted.length).toBeGreaterThan(0);
    for (const url of quoted.filter((u) => !u.startsWith('https://api.github.com'))) {
      expect(hasBlockingProblem(checkWechatUrl(url, 'request'))).toBe(true);
    }
  });
});
