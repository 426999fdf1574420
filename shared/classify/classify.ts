/**
 * classifyClientError: one raw client error (errMsg, errno, platform, API) → `{phase, kind}` from the
 * taxonomy, with the code that decided it. Pure and total: no I/O, never throws, bounded work, and
 * `unknown`/`unknown` whenever the evidence decides nothing (the raw text stays the evidence).
 *
 * Precedence, most specific first:
 *   1. an explicit code in the text: a Chromium net error (name or number, both cronet formats), an
 *      NSURLError / CFNetwork / SecureTransport code. A recognised code is final even when it means
 *      `unknown` (e.g. ERR_FAILED): the words around it are the code's own name, not extra evidence;
 *   2. an iOS localized description (zh-Hans, zh-Hant, en) of an NSURLError;
 *   3. the ordered text rules (text-patterns.ts);
 *   4. the WeChat errno, when the text decided nothing (600001 says only "cronet component error",
 *      while the text beside it names the real error; 600002 alone means not in the domain list);
 *   5. the phrase families (families.ts): the same phrases read as word tokens, one typo allowed in
 *      a long word (`interupted`, `doain list`). Last, because tolerance is the least certain evidence.
 *
 * The text is normalised first (normalize.ts: spaces around colons, look-alike punctuation, the
 * `api:fail,` forms), and a Chromium name may be written in any case (`net::err_timed_out`).
 */
import { PHASE_KINDS, phaseOfKind, type Kind } from '../taxonomy/codes';
import { readChromiumError } from './chromium-net-errors';
import { extractRaw, toErrno } from './extract';
import { matchFamily } from './families';
import { nearestWord } from './fuzzy';
import {
  cfNetworkErrorByCode,
  nsurlErrorByCode,
  nsurlErrorByLocalizedText,
  nsurlErrorByName,
  secureTransportErrorByCode,
  squashText,
} from './ios-nsurl-errors';
import { normaliseText } from './normalize';
import { platformsSeenIn } from './platform-formats';
import { matchTextRule } from './text-patterns';
import type { ClassifyInput, ClientErrorClass, CodeReading, FormatPlatform } from './types';
import { readWechatErrno } from './wechat-errno';

export type { ClassifyInput, ClientErrorClass } from './types';

/** API names as WeChat spells them; a prefix in any case (`Request:fail`) is reported like this. */
const KNOWN_APIS = [
  'request',
  'uploadFile',
  'downloadFile',
  'connectSocket',
  'createSocketTask',
  'createRequestTask',
  'createUploadTask',
  'createDownloadTask',
  'sendSocketMessage',
  'closeSocket',
  'getDNSInfo',
] as const;

const API_PREFIX = /([A-Za-z][A-Za-z0-9_]{0,39})\s*:\s*fail/;
const API_NAME = /^[A-Za-z][A-Za-z0-9_]{0,39}$/;

const API_BY_LOWER = new Map<string, string>(KNOWN_APIS.map((api) => [api.toLowerCase(), api]));
const API_WORDS: ReadonlySet<string> = new Set(API_BY_LOWER.keys());

/** The known API a name stands for, in any case and with one typo (`closeScoket`); else the name. */
function canonicalApi(name: string): string {
  const near = nearestWord(name.toLowerCase(), API_WORDS);
  return (near !== undefined ? API_BY_LOWER.get(near) : undefined) ?? name;
}

/**
 * Closing a SocketTask that is not open (`closeSocket:fail WebSocket is not connected`) decides
 * nothing: the words are about the close call itself, not about why the socket is not open.
 */
function isClosingCall(api: string | undefined): boolean {
  return api === 'closeSocket' || api === 'close';
}

// A known API leading the text even when `fail` itself is misspelt (`closeSocket:fial …`).
const LEADING_NAME = /^\s*([A-Za-z][A-Za-z0-9_]{0,39})\s*:/;

function apiOf(text: string, given: unknown): string | undefined {
  const seen = API_PREFIX.exec(text);
  if (seen && seen[1] !== undefined) return canonicalApi(seen[1]);
  const leading = LEADING_NAME.exec(text);
  const name = leading && leading[1] !== undefined ? canonicalApi(leading[1]) : undefined;
  if (name !== undefined && API_BY_LOWER.has(name.toLowerCase())) return name;
  if (typeof given === 'string' && API_NAME.test(given.trim())) return canonicalApi(given.trim());
  return undefined;
}

function givenPlatform(given: unknown): string | undefined {
  if (typeof given !== 'string') return undefined;
  const p = given
    .trim()
    .toLowerCase()
    .replace(/[\u0000-\u001f\u007f]/g, '')
    .slice(0, 32);
  return p === '' || p === 'unknown' ? undefined : p;
}

// Where codes hide in the text (see the module comments of each table for the formats).
// Chromium prints names in upper case after a lower-case `net::`; retyped texts change the case.
const CHROMIUM_NAME = /(?:(net::)|\b)ERR_([A-Z0-9_]{2,80})/gi;
// The long cronet form's fields, also with a field missing or its name drifted (`cronet_err_code`,
// `error code`, `errcode -101`).
const CRONET_NUMBER =
  /(?:cronet[ _]?err(?:or)?[ _]?code|err[ _]?code|error[ _]?code|net[ _]?error)\s*[:=]?\s*(-\d{1,4})(?!\d)/i;
const SHORT_CRONET_NUMBER = /(-\d{1,4})\s*:\s*net::/i;
const NSURL_NUMBER = /NSURLErrorDomain\D{0,16}?(-\d{1,5})(?!\d)/;
const CFNETWORK_NUMBER = /kCFErrorDomainCFNetwork\D{0,16}?(-?\d{1,5})(?!\d)/;
const NSURL_NAME = /(?:NSURLError|kCFURLError)([A-Z][A-Za-z]{2,60})/;
const SECURE_TRANSPORT_NUMBER =
  /(?:kCFStreamErrorCodeKey|SSLHandshake failed|errSSL[A-Za-z]*|OSStatus)\D{0,6}(-98\d\d)(?!\d)/i;
// A bare negative number: the whole text, or right after `fail` (`request:fail -101`).
const BARE_NUMBER = /(?:^\s*|fail\s*:?\s*)(-\d{1,5})(?![\d.])/i;

type Found = { reading: CodeReading; apple: boolean };

function numberIn(pattern: RegExp, text: string): number | undefined {
  const m = pattern.exec(text);
  return m && m[1] !== undefined ? toErrno(m[1]) : undefined;
}

/** Chromium's codes run from -1 to -899; another number in a cronet field is not one of them. */
function chromiumNumberIn(text: string): number | undefined {
  const n = numberIn(CRONET_NUMBER, text) ?? numberIn(SHORT_CRONET_NUMBER, text);
  return n !== undefined && n <= -1 && n >= -899 ? n : undefined;
}

function chromiumIn(text: string): CodeReading | undefined {
  const number = chromiumNumberIn(text);
  CHROMIUM_NAME.lastIndex = 0;
  for (let i = 0; i < 8; i++) {
    const m = CHROMIUM_NAME.exec(text);
    if (!m || m[2] === undefined) break;
    const reading = readChromiumError(m[2], m[1] !== undefined, number);
    if (reading) return reading;
  }
  return number !== undefined ? readChromiumError(undefined, false, number) : undefined;
}

/** A bare number, or an NSURL-sized one in a cronet-style `errcode:` field. */
function bareNumberIn(text: string): CodeReading | undefined {
  const n = numberIn(BARE_NUMBER, text) ?? numberIn(CRONET_NUMBER, text);
  if (n === undefined) return undefined;
  // Chromium's codes stop at -899; NSURL's start at -995. The ranges do not overlap.
  if (n >= -899) return readChromiumError(undefined, false, n);
  return nsurlErrorByCode(n);
}

/** Step 1: an explicit code. */
function codeIn(text: string): Found | undefined {
  const chromium = chromiumIn(text);
  if (chromium) return { reading: chromium, apple: false };
  const nsurlNumber = numberIn(NSURL_NUMBER, text);
  const nsurl = nsurlNumber !== undefined ? nsurlErrorByCode(nsurlNumber) : undefined;
  if (nsurl) return { reading: nsurl, apple: true };
  const cfNumber = numberIn(CFNETWORK_NUMBER, text);
  const cf = cfNumber !== undefined ? cfNetworkErrorByCode(cfNumber) : undefined;
  if (cf) return { reading: cf, apple: true };
  const name = NSURL_NAME.exec(text);
  const byName = name && name[1] !== undefined ? nsurlErrorByName(name[1]) : undefined;
  if (byName) return { reading: byName, apple: true };
  const stNumber = numberIn(SECURE_TRANSPORT_NUMBER, text);
  const st = stNumber !== undefined ? secureTransportErrorByCode(stNumber) : undefined;
  if (st) return { reading: st, apple: true };
  const bare = bareNumberIn(text);
  if (bare) return { reading: bare, apple: bare.codeName.indexOf('NSURLError') === 0 };
  return undefined;
}

function inferPlatform(text: string, apple: boolean): string {
  const seen: FormatPlatform[] = platformsSeenIn(text);
  if (apple && seen.indexOf('ios') === -1) seen.push('ios');
  return seen.length === 1 && seen[0] !== undefined ? seen[0] : 'unknown';
}

type Decision = { kind: Kind; code?: number; codeName?: string; apple: boolean };

function decide(text: string, errno: number | undefined, api: string | undefined): Decision {
  const decides = (kind: Kind): boolean => !(kind === 'socket-not-open' && isClosingCall(api));
  const errnoReading = errno !== undefined ? readWechatErrno(errno) : undefined;
  const withCode = (kind: Kind, reading: CodeReading | undefined, apple: boolean): Decision => {
    const d: Decision = { kind, apple };
    if (reading) {
      if (reading.code !== undefined) d.code = reading.code;
      d.codeName = reading.codeName;
    }
    return d;
  };

  const code = codeIn(text);
  if (code) {
    if (code.reading.kind !== 'unknown') return withCode(code.reading.kind, code.reading, code.apple);
    if (errnoReading && errnoReading.kind !== 'unknown')
      return withCode(errnoReading.kind, errnoReading, code.apple);
    return withCode('unknown', code.reading, code.apple);
  }

  const squashed = squashText(text);
  const localized = squashed === '' ? undefined : nsurlErrorByLocalizedText(squashed);
  if (localized && localized.kind !== 'unknown') return withCode(localized.kind, localized, true);

  const rule = text === '' ? undefined : matchTextRule(text);
  if (rule && decides(rule.kind)) {
    // The errno is kept as the code when it says the same thing (e.g. 5 with "request:fail timeout").
    const agreeing = errnoReading && errnoReading.kind === rule.kind ? errnoReading : undefined;
    return withCode(rule.kind, agreeing, localized !== undefined);
  }

  if (errnoReading && errnoReading.kind !== 'unknown') {
    return withCode(errnoReading.kind, errnoReading, localized !== undefined);
  }
  const family = text === '' ? undefined : matchFamily(text);
  if (family && decides(family.kind)) return withCode(family.kind, undefined, localized !== undefined);
  return withCode('unknown', localized ?? errnoReading, localized !== undefined);
}

function readInput(input: unknown): ClassifyInput {
  if (input !== null && typeof input === 'object' && !Array.isArray(input)) {
    const i = input as Record<string, unknown>;
    return { raw: i.raw, errno: i.errno, platform: i.platform, api: i.api };
  }
  return { raw: input };
}

const UNKNOWN: ClientErrorClass = { phase: 'unknown', kind: 'unknown', platform: 'unknown' };

export function classifyClientError(input: ClassifyInput): ClientErrorClass {
  try {
    const given = readInput(input);
    const extracted = extractRaw(given.raw);
    const errno = toErrno(given.errno) ?? extracted.errno;
    const text = normaliseText(extracted.text);
    const api = apiOf(text, given.api);
    const decision = decide(text, errno, api);
    // A table entry with a kind that is not in the taxonomy would be a bug: fall back, never leak it.
    const phase = phaseOfKind(decision.kind);
    const valid = (PHASE_KINDS[phase] as readonly string[]).indexOf(decision.kind) !== -1;
    const result: ClientErrorClass = {
      phase: valid ? phase : 'unknown',
      kind: valid ? decision.kind : 'unknown',
      platform: givenPlatform(given.platform) ?? inferPlatform(text, decision.apple),
    };
    if (decision.code !== undefined) result.code = decision.code;
    if (decision.codeName !== undefined) result.codeName = decision.codeName;
    if (api !== undefined) result.api = api;
    return result;
  } catch {
    return { ...UNKNOWN };
  }
}
