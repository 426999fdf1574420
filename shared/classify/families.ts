/**
 * Known phrase families, matched on word tokens with one typo allowed in a long word (fuzzy.ts):
 * the last text step, for drifted strings no exact rule took (`request:fail interupted`,
 * `url not in doain list`, `conection refused`). A family fires only on its whole phrase, in order,
 * with nothing in between (`*` stands for any one word). The exact spellings of these phrases are
 * decided by the exact rules (text-patterns.ts) before this table is read: it only adds tolerance,
 * and it runs after the errno, because a typo-tolerant reading is the least certain evidence.
 *
 * ORDER IS PRECEDENCE, as in text-patterns.ts: specific before generic, abort/interrupted last.
 */
import type { Kind } from '../taxonomy/codes';
import { nearestWord } from './fuzzy';
import { tokensOf } from './normalize';
import { TCP_SOCKET_EXCEPTION } from './text-patterns';

export type Family = {
  id: string;
  kind: Kind;
  phrases: readonly (readonly string[])[];
  /** The family does not apply when this matches the text (e.g. Java's `SocketException`). */
  unless?: RegExp;
};

const f = (id: string, kind: Kind, phrases: string[], unless?: RegExp): Family => {
  const family: Family = { id, kind, phrases: phrases.map((p) => p.split(' ')) };
  if (unless) family.unless = unless;
  return family;
};

export const FAMILIES: readonly Family[] = [
  f('not-in-domain-list', 'not-in-domain-list', ['in domain list']),
  f('network-change', 'network-changed', ['network change', 'cancel all task']),
  f('max-connection-count', 'too-many-requests', [
    'max task count',
    'max * connection count',
    'max connection count',
  ]),
  f('max-redirect-count', 'too-many-redirects', ['max redirect count', 'too many redirects']),
  f('invalid-url', 'invalid-url', ['invalid url']),
  f('invalid-request', 'invalid-request', ['protocol must be', 'parameter error', 'invalid request data']),
  f('httpdns', 'httpdns-failure', ['httpdns']),
  f('response-decode', 'response-decode', ['response data convert', 'convert to utf8 fail']),
  f('cert-expired', 'cert-date-invalid', ['certificate has expired', 'certificate expired']),
  f('cert-self-signed', 'cert-authority-invalid', [
    'self signed certificate',
    'trust anchor for certification path',
  ]),
  f('connection-refused', 'connection-refused', ['connection refused']),
  f('address-unreachable', 'address-unreachable', [
    'network is unreachable',
    'host is unreachable',
    'no route to host',
  ]),
  f('connection-reset', 'connection-reset', ['connection reset']),
  f('connection-closed', 'connection-closed', [
    'connection closed by peer',
    'connection closed by server',
    'connection closed before receiving',
  ]),
  f('connection-timeout', 'connection-timeout', ['connection timed out', 'connect timed out']),
  f('unknown-host', 'name-not-resolved', [
    'unknown host',
    'unable to resolve host',
    'no address associated with hostname',
  ]),
  f('offline', 'offline', ['not connected to internet', 'not connected to the internet']),
  f('timeout', 'timeout', ['timeout', 'timed out', 'time out', 'timer expired']),
  f('ssl-handshake', 'ssl-handshake', ['ssl handshake', 'ssl hand shake', 'tls handshake']),
  f('http-status', 'http-status', ['unexpected response code', 'invalid http status']),
  f('local-file', 'local-file', [
    'file not found',
    'no such file',
    'file not exist',
    'file does not exist',
    "file doesn't exist",
    'file is not exist',
    'permission denied can not open file',
  ]),
  f(
    'socket-not-open',
    'socket-not-open',
    ['websocket is not connected', 'sockettask is not connected', 'readystate is not open'],
    TCP_SOCKET_EXCEPTION,
  ),
  f('interrupted', 'interrupted', ['interrupted']),
  f('aborted', 'aborted', ['aborted', 'canceled']),
];

/**
 * Real words one edit from a family word, read as themselves so that they are never "corrected"
 * (`connection reused` is not `connection refused`; `certificate expires` is not an error).
 */
const DECOYS = [
  'reused',
  'refuses',
  'expires',
  'resolved',
  'resolver',
  'served',
  'cloned',
  'chance',
  'charge',
];

const VOCABULARY: ReadonlySet<string> = new Set([
  ...FAMILIES.flatMap((x) => x.phrases.flatMap((p) => p.filter((w) => w !== '*'))),
  ...DECOYS,
]);

function phraseAt(words: readonly (string | undefined)[], phrase: readonly string[], at: number): boolean {
  for (let k = 0; k < phrase.length; k++) {
    const want = phrase[k];
    const got = words[at + k];
    if (got === undefined && at + k >= words.length) return false;
    if (want !== '*' && got !== want) return false;
  }
  return true;
}

function containsPhrase(words: readonly (string | undefined)[], phrase: readonly string[]): boolean {
  for (let at = 0; at + phrase.length <= words.length; at++) if (phraseAt(words, phrase, at)) return true;
  return false;
}

/** The first family whose phrase the text's tokens spell, each token read as its nearest word. */
export function matchFamily(text: string): Family | undefined {
  const tokens = tokensOf(text);
  if (tokens.length === 0) return undefined;
  const words = tokens.map((t) => nearestWord(t, VOCABULARY));
  for (const family of FAMILIES) {
    if (family.unless && family.unless.test(text)) continue;
    for (const phrase of family.phrases) if (containsPhrase(words, phrase)) return family;
  }
  return undefined;
}
