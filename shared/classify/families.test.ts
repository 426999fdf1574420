import { describe, expect, it } from 'vitest';
import { isKind } from '../taxonomy/codes';
import { FAMILIES, matchFamily } from './families';

// A drifted example for every family: one typo in a long word, or a word order the exact rules miss.
const EXAMPLES: Record<string, readonly string[]> = {
  'not-in-domain-list': ['request:fail url not in doain list', 'downloadFile:fail url not in domian list'],
  'network-change': ['error_msg:netwrok change', 'error_msg:network chnage, cancel all task'],
  'max-connection-count': ['createUploadTask:fail exceed max uplaod conection count 10'],
  'max-redirect-count': ['request:fail too many redierects'],
  'invalid-url': ['createDownloadTask:fail invaild url'],
  'invalid-request': ['downloadFile:fail downloadFile protcol must be http or https'],
  httpdns: ['getDNSInfo:fail no enough htpdns quota'],
  'response-decode': ['request:fail respone data convert to utf8 fail'],
  'cert-expired': ['request:fail certificate has expierd'],
  'cert-self-signed': ['request:fail self signed certifcate in certificate chain'],
  'connection-refused': ['request:fail conection refused'],
  'address-unreachable': ['request:fail network is unreachble'],
  'connection-reset': ['request:fail ERR_CONECTION_RESET'],
  'connection-closed': ['request:fail Conection closed by peer'],
  'connection-timeout': ['request:fail conection timed out'],
  'unknown-host': ['request:fail unable to reslove host'],
  offline: ['request:fail not connected to the interent'],
  timeout: ['request:fail timeuot', 'exception onOpen fail code:9, msg:Timer Expierd'],
  'ssl-handshake': ['request:fail ssl handshak error'],
  'http-status': ['Error during WebSocket handshake: Unexpected responce code: 400'],
  'local-file': [
    "uploadFile:fail file dosen't exist",
    'downloadFile:fail permision denied can not open file',
  ],
  'socket-not-open': ['sendSocketMessage:fail WebSocket is not conected'],
  interrupted: ['Request:fail interupted'],
  aborted: ['request:fail cancelled by user'],
};

describe('the phrase families', () => {
  it('have unique ids, valid kinds, and each a drifted example', () => {
    expect(new Set(FAMILIES.map((f) => f.id)).size).toBe(FAMILIES.length);
    for (const family of FAMILIES) {
      expect(isKind(family.kind), family.id).toBe(true);
      expect(EXAMPLES[family.id]?.length ?? 0, family.id).toBeGreaterThan(0);
    }
  });

  describe.each(FAMILIES.map((family) => [family.id, family] as const))('%s', (id, family) => {
    it.each((EXAMPLES[id] ?? []).map((text) => [text] as const))('reads %s', (text) => {
      expect(matchFamily(text)?.id).toBe(id);
      expect(matchFamily(text)?.kind).toBe(family.kind);
    });
  });

  it('never corrects a real word into a family word, nor a short word at all', () => {
    for (const text of [
      'request:fail connection reused',
      'request:fail certificate expires soon',
      'request:fail connection closed by served',
      'request:fail connection rest',
      'request:fail url not in domain lst',
      'request:fail canceld',
      'request:fail too many redirecs',
      'request:fail unable to resolver host',
    ])
      expect(matchFamily(text), text).toBeUndefined();
  });

  it('keeps socket state words about a TCP SocketException out', () => {
    expect(matchFamily('java.net.SocketException: websocket is not conected')).toBeUndefined();
  });

  it('reads a whole phrase only, in order', () => {
    expect(matchFamily('request:fail domain list')).toBeUndefined();
    expect(matchFamily('request:fail refused connection')).toBeUndefined();
  });
});
