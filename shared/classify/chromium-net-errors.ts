/**
 * Chromium's network error list (net/base/net_error_list.h), the codes WeChat's cronet stack reports
 * on Android (request since client 7.0.10, download since 7.0.12) and on iOS (request/download since
 * 8.0.3), in both formats: `-101:net::ERR_CONNECTION_RESET` and
 * `errcode:-101 cronet_error_code:-101 error_msg:net::ERR_CONNECTION_RESET`.
 *
 * The whole list is here, not only the codes users reported, so that a code never seen before still
 * gets its name and, when its meaning is clear, its kind. Codes whose meaning says nothing about where
 * the request failed map to `unknown` on purpose (never guess). Removed codes are kept: old WeChat
 * clients ship old cronet builds, and Chromium never reuses a number.
 */
import type { Kind } from '../taxonomy/codes';
import { nearestWord } from './fuzzy';
import type { CodeReading } from './types';

export type ChromiumNetError = {
  code: number;
  /** Without the `ERR_` prefix, as in net_error_list.h. */
  name: string;
  kind: Kind;
};

// Each code's English meaning lives in chromium-net-error-meanings.ts, which only the server's
// presenters import: the mini-program package carries this table, not the paraphrases.
// No kind means `unknown`: the code says nothing about where the request failed (never guess).
const e = (code: number, name: string, kind: Kind = 'unknown'): ChromiumNetError => ({ code, name, kind });

export const CHROMIUM_NET_ERRORS: readonly ChromiumNetError[] = [
  // 0-99: system errors. The FILE_ ones are about a local file (an upload's source, a download's
  // target), never the network: `local-file`.
  e(-1, 'IO_PENDING'),
  e(-2, 'FAILED'),
  e(-3, 'ABORTED', 'aborted'),
  e(-4, 'INVALID_ARGUMENT'),
  e(-5, 'INVALID_HANDLE'),
  e(-6, 'FILE_NOT_FOUND', 'local-file'),
  e(-7, 'TIMED_OUT', 'timeout'),
  e(-8, 'FILE_TOO_BIG', 'local-file'),
  e(-9, 'UNEXPECTED'),
  e(-10, 'ACCESS_DENIED'),
  e(-11, 'NOT_IMPLEMENTED'),
  e(-12, 'INSUFFICIENT_RESOURCES'),
  e(-13, 'OUT_OF_MEMORY'),
  e(-14, 'UPLOAD_FILE_CHANGED', 'local-file'),
  e(-15, 'SOCKET_NOT_CONNECTED'),
  e(-16, 'FILE_EXISTS'),
  e(-17, 'FILE_PATH_TOO_LONG', 'local-file'),
  e(-18, 'FILE_NO_SPACE', 'local-file'),
  e(-19, 'FILE_VIRUS_INFECTED'),
  e(-20, 'BLOCKED_BY_CLIENT'),
  e(-21, 'NETWORK_CHANGED', 'network-changed'),
  e(-22, 'BLOCKED_BY_ADMINISTRATOR'),
  e(-23, 'SOCKET_IS_CONNECTED'),
  e(-25, 'UPLOAD_STREAM_REWIND_NOT_SUPPORTED'),
  e(-26, 'CONTEXT_SHUT_DOWN'),
  e(-27, 'BLOCKED_BY_RESPONSE'),
  // An http:// URL refused by the client itself: the taxonomy's "non-https scheme refused".
  e(-29, 'CLEARTEXT_NOT_PERMITTED', 'invalid-url'),
  e(-30, 'BLOCKED_BY_CSP'),
  e(-31, 'H2_OR_QUIC_REQUIRED'),
  e(-32, 'BLOCKED_BY_ORB'),

  // 100-199: connection errors
  e(-100, 'CONNECTION_CLOSED', 'connection-closed'),
  e(-101, 'CONNECTION_RESET', 'connection-reset'),
  e(-102, 'CONNECTION_REFUSED', 'connection-refused'),
  // An established connection broke (data never ACKed; ECONNABORTED maps here): the nearest kind is
  // a reset, not a connect timeout.
  e(-103, 'CONNECTION_ABORTED', 'connection-reset'),
  // Generic: refused, unreachable and timed-out connects have their own codes, so this one says no more.
  e(-104, 'CONNECTION_FAILED'),
  e(-105, 'NAME_NOT_RESOLVED', 'name-not-resolved'),
  e(-106, 'INTERNET_DISCONNECTED', 'offline'),
  e(-107, 'SSL_PROTOCOL_ERROR', 'ssl-handshake'),
  e(-108, 'ADDRESS_INVALID'),
  e(-109, 'ADDRESS_UNREACHABLE', 'address-unreachable'),
  e(-110, 'SSL_CLIENT_AUTH_CERT_NEEDED', 'ssl-handshake'),
  e(-111, 'TUNNEL_CONNECTION_FAILED', 'proxy'),
  e(-112, 'NO_SSL_VERSIONS_ENABLED', 'ssl-version-or-cipher'),
  e(-113, 'SSL_VERSION_OR_CIPHER_MISMATCH', 'ssl-version-or-cipher'),
  e(-114, 'SSL_RENEGOTIATION_REQUESTED', 'ssl-handshake'),
  e(-115, 'PROXY_AUTH_UNSUPPORTED', 'proxy'),
  e(-116, 'CERT_ERROR_IN_SSL_RENEGOTIATION', 'cert-invalid'),
  e(-117, 'BAD_SSL_CLIENT_AUTH_CERT', 'ssl-handshake'),
  e(-118, 'CONNECTION_TIMED_OUT', 'connection-timeout'),
  e(-119, 'HOST_RESOLVER_QUEUE_TOO_LARGE'),
  e(-120, 'SOCKS_CONNECTION_FAILED', 'proxy'),
  e(-121, 'SOCKS_CONNECTION_HOST_UNREACHABLE', 'proxy'),
  e(-122, 'ALPN_NEGOTIATION_FAILED', 'ssl-handshake'),
  e(-123, 'SSL_NO_RENEGOTIATION', 'ssl-handshake'),
  e(-124, 'WINSOCK_UNEXPECTED_WRITTEN_BYTES'),
  e(-125, 'SSL_DECOMPRESSION_FAILURE_ALERT', 'ssl-handshake'),
  e(-126, 'SSL_BAD_RECORD_MAC_ALERT', 'ssl-handshake'),
  e(-127, 'PROXY_AUTH_REQUESTED', 'proxy'),
  e(-129, 'SSL_WEAK_SERVER_EPHEMERAL_DH_KEY', 'ssl-version-or-cipher'),
  e(-130, 'PROXY_CONNECTION_FAILED', 'proxy'),
  e(-131, 'MANDATORY_PROXY_CONFIGURATION_FAILED', 'proxy'),
  e(-133, 'PRECONNECT_MAX_SOCKET_LIMIT'),
  e(-134, 'SSL_CLIENT_AUTH_PRIVATE_KEY_ACCESS_DENIED', 'ssl-handshake'),
  e(-135, 'SSL_CLIENT_AUTH_CERT_NO_PRIVATE_KEY', 'ssl-handshake'),
  e(-136, 'PROXY_CERTIFICATE_INVALID', 'proxy'),
  e(-137, 'NAME_RESOLUTION_FAILED', 'name-not-resolved'),
  // Chromium: "most likely caused by a firewall" — on a phone it can be the OS or an app firewall; not
  // enough to say which layer.
  e(-138, 'NETWORK_ACCESS_DENIED'),
  e(-139, 'TEMPORARILY_THROTTLED'),
  e(-140, 'HTTPS_PROXY_TUNNEL_RESPONSE_REDIRECT', 'proxy'),
  e(-141, 'SSL_CLIENT_AUTH_SIGNATURE_FAILED', 'ssl-handshake'),
  e(-142, 'MSG_TOO_BIG'),
  e(-145, 'WS_PROTOCOL_ERROR'),
  e(-147, 'ADDRESS_IN_USE'),
  e(-148, 'SSL_HANDSHAKE_NOT_COMPLETED', 'ssl-handshake'),
  e(-149, 'SSL_BAD_PEER_PUBLIC_KEY', 'ssl-handshake'),
  e(-150, 'SSL_PINNED_KEY_NOT_IN_CERT_CHAIN', 'cert-invalid'),
  e(-151, 'CLIENT_AUTH_CERT_TYPE_UNSUPPORTED', 'ssl-handshake'),
  e(-153, 'SSL_DECRYPT_ERROR_ALERT', 'ssl-handshake'),
  e(-154, 'WS_THROTTLE_QUEUE_TOO_LARGE'),
  e(-156, 'SSL_SERVER_CERT_CHANGED', 'cert-invalid'),
  e(-157, 'SSL_INAPPROPRIATE_FALLBACK', 'ssl-version-or-cipher'),
  e(-159, 'SSL_UNRECOGNIZED_NAME_ALERT', 'ssl-handshake'),
  e(-160, 'SOCKET_SET_RECEIVE_BUFFER_SIZE_ERROR'),
  e(-161, 'SOCKET_SET_SEND_BUFFER_SIZE_ERROR'),
  e(-162, 'SOCKET_RECEIVE_BUFFER_SIZE_UNCHANGEABLE'),
  e(-163, 'SOCKET_SEND_BUFFER_SIZE_UNCHANGEABLE'),
  e(-164, 'SSL_CLIENT_AUTH_CERT_BAD_FORMAT', 'ssl-handshake'),
  e(-165, 'SSL_FALLBACK_BEYOND_MINIMUM_VERSION', 'ssl-version-or-cipher'),
  e(-166, 'ICANN_NAME_COLLISION'),
  e(-167, 'SSL_SERVER_CERT_BAD_FORMAT', 'cert-invalid'),
  e(-168, 'CT_STH_PARSING_FAILED'),
  e(-169, 'CT_STH_INCOMPLETE'),
  e(-170, 'UNABLE_TO_REUSE_CONNECTION_FOR_PROXY_AUTH'),
  e(-171, 'CT_CONSISTENCY_PROOF_PARSING_FAILED'),
  e(-172, 'SSL_OBSOLETE_CIPHER', 'ssl-version-or-cipher'),
  e(-173, 'WS_UPGRADE'),
  e(-174, 'READ_IF_READY_NOT_IMPLEMENTED'),
  e(-175, 'SSL_VERSION_INTERFERENCE', 'ssl-version-or-cipher'),
  e(-176, 'NO_BUFFER_SPACE'),
  e(-177, 'SSL_CLIENT_AUTH_NO_COMMON_ALGORITHMS', 'ssl-handshake'),
  e(-178, 'EARLY_DATA_REJECTED'),
  e(-179, 'WRONG_VERSION_ON_EARLY_DATA'),
  e(-180, 'TLS13_DOWNGRADE_DETECTED', 'ssl-handshake'),
  e(-181, 'SSL_KEY_USAGE_INCOMPATIBLE', 'cert-invalid'),
  e(-182, 'INVALID_ECH_CONFIG_LIST'),
  e(-183, 'ECH_NOT_NEGOTIATED', 'ssl-handshake'),
  e(-184, 'ECH_FALLBACK_CERTIFICATE_INVALID', 'cert-invalid'),

  // 200-299: certificate errors
  e(-200, 'CERT_COMMON_NAME_INVALID', 'cert-name-invalid'),
  e(-201, 'CERT_DATE_INVALID', 'cert-date-invalid'),
  e(-202, 'CERT_AUTHORITY_INVALID', 'cert-authority-invalid'),
  e(-203, 'CERT_CONTAINS_ERRORS', 'cert-invalid'),
  e(-204, 'CERT_NO_REVOCATION_MECHANISM', 'cert-invalid'),
  e(-205, 'CERT_UNABLE_TO_CHECK_REVOCATION', 'cert-invalid'),
  e(-206, 'CERT_REVOKED', 'cert-invalid'),
  e(-207, 'CERT_INVALID', 'cert-invalid'),
  e(-208, 'CERT_WEAK_SIGNATURE_ALGORITHM', 'cert-invalid'),
  e(-210, 'CERT_NON_UNIQUE_NAME', 'cert-name-invalid'),
  e(-211, 'CERT_WEAK_KEY', 'cert-invalid'),
  e(-212, 'CERT_NAME_CONSTRAINT_VIOLATION', 'cert-invalid'),
  e(-213, 'CERT_VALIDITY_TOO_LONG', 'cert-invalid'),
  e(-214, 'CERTIFICATE_TRANSPARENCY_REQUIRED', 'cert-invalid'),
  e(-215, 'CERT_SYMANTEC_LEGACY', 'cert-authority-invalid'),
  // -216 was QUIC_CERT_ROOT_NOT_KNOWN, renumbered to -380 (below).
  e(-217, 'CERT_KNOWN_INTERCEPTION_BLOCKED', 'cert-invalid'),
  e(-218, 'SSL_OBSOLETE_VERSION', 'ssl-version-or-cipher'),
  e(-219, 'CERT_END'),

  // 300-399: HTTP errors
  e(-300, 'INVALID_URL', 'invalid-url'),
  e(-301, 'DISALLOWED_URL_SCHEME', 'invalid-url'),
  e(-302, 'UNKNOWN_URL_SCHEME', 'invalid-url'),
  e(-303, 'INVALID_REDIRECT'),
  e(-310, 'TOO_MANY_REDIRECTS', 'too-many-redirects'),
  e(-311, 'UNSAFE_REDIRECT'),
  e(-312, 'UNSAFE_PORT', 'invalid-url'),
  e(-320, 'INVALID_RESPONSE'),
  e(-321, 'INVALID_CHUNKED_ENCODING'),
  e(-322, 'METHOD_NOT_SUPPORTED'),
  e(-323, 'UNEXPECTED_PROXY_AUTH', 'proxy'),
  e(-324, 'EMPTY_RESPONSE', 'connection-closed'),
  e(-325, 'RESPONSE_HEADERS_TOO_BIG'),
  e(-327, 'PAC_SCRIPT_FAILED', 'proxy'),
  e(-328, 'REQUEST_RANGE_NOT_SATISFIABLE', 'http-status'),
  e(-329, 'MALFORMED_IDENTITY'),
  e(-330, 'CONTENT_DECODING_FAILED', 'response-decode'),
  e(-331, 'NETWORK_IO_SUSPENDED'),
  e(-332, 'SYN_REPLY_NOT_RECEIVED'),
  e(-333, 'ENCODING_CONVERSION_FAILED', 'response-decode'),
  e(-334, 'UNRECOGNIZED_FTP_DIRECTORY_LISTING_FORMAT'),
  e(-336, 'NO_SUPPORTED_PROXIES', 'proxy'),
  e(-337, 'HTTP2_PROTOCOL_ERROR'),
  e(-338, 'INVALID_AUTH_CREDENTIALS'),
  e(-339, 'UNSUPPORTED_AUTH_SCHEME'),
  e(-340, 'ENCODING_DETECTION_FAILED', 'response-decode'),
  e(-341, 'MISSING_AUTH_CREDENTIALS'),
  e(-342, 'UNEXPECTED_SECURITY_LIBRARY_STATUS'),
  e(-343, 'MISCONFIGURED_AUTH_ENVIRONMENT'),
  e(-344, 'UNDOCUMENTED_SECURITY_LIBRARY_STATUS'),
  e(-345, 'RESPONSE_BODY_TOO_BIG_TO_DRAIN'),
  e(-346, 'RESPONSE_HEADERS_MULTIPLE_CONTENT_LENGTH'),
  e(-347, 'INCOMPLETE_HTTP2_HEADERS'),
  e(-348, 'PAC_NOT_IN_DHCP', 'proxy'),
  e(-349, 'RESPONSE_HEADERS_MULTIPLE_CONTENT_DISPOSITION'),
  e(-350, 'RESPONSE_HEADERS_MULTIPLE_LOCATION'),
  e(-351, 'HTTP2_SERVER_REFUSED_STREAM'),
  e(-352, 'HTTP2_PING_FAILED'),
  e(-354, 'CONTENT_LENGTH_MISMATCH'),
  e(-355, 'INCOMPLETE_CHUNKED_ENCODING'),
  e(-356, 'QUIC_PROTOCOL_ERROR'),
  e(-357, 'RESPONSE_HEADERS_TRUNCATED'),
  e(-358, 'QUIC_HANDSHAKE_FAILED'),
  // HTTP/2 needs TLS 1.2+ with an AEAD cipher: this is a version/cipher problem of the server.
  e(-360, 'HTTP2_INADEQUATE_TRANSPORT_SECURITY', 'ssl-version-or-cipher'),
  e(-361, 'HTTP2_FLOW_CONTROL_ERROR'),
  e(-362, 'HTTP2_FRAME_SIZE_ERROR'),
  e(-363, 'HTTP2_COMPRESSION_ERROR'),
  e(-364, 'PROXY_AUTH_REQUESTED_WITH_NO_CONNECTION', 'proxy'),
  e(-365, 'HTTP_1_1_REQUIRED'),
  e(-366, 'PROXY_HTTP_1_1_REQUIRED', 'proxy'),
  e(-367, 'PAC_SCRIPT_TERMINATED', 'proxy'),
  e(-370, 'INVALID_HTTP_RESPONSE'),
  e(-371, 'CONTENT_DECODING_INIT_FAILED', 'response-decode'),
  e(-372, 'HTTP2_RST_STREAM_NO_ERROR_RECEIVED'),
  e(-375, 'TOO_MANY_RETRIES'),
  e(-376, 'HTTP2_STREAM_CLOSED'),
  e(-377, 'HTTP2_CLIENT_REFUSED_STREAM'),
  e(-379, 'HTTP_RESPONSE_CODE_FAILURE', 'http-status'),
  e(-380, 'QUIC_CERT_ROOT_NOT_KNOWN', 'cert-authority-invalid'),
  e(-381, 'QUIC_GOAWAY_REQUEST_CAN_BE_RETRIED'),
  e(-382, 'TOO_MANY_ACCEPT_CH_RESTARTS'),
  e(-383, 'INCONSISTENT_IP_ADDRESS_SPACE'),
  e(-384, 'CACHED_IP_ADDRESS_SPACE_BLOCKED_BY_LOCAL_NETWORK_ACCESS_POLICY'),

  // 400-499: cache errors; 500-599: misc; 600-699: FTP; 700-799: certificate manager (all local)
  e(-400, 'CACHE_MISS'),
  e(-401, 'CACHE_READ_FAILURE'),
  e(-402, 'CACHE_WRITE_FAILURE'),
  e(-403, 'CACHE_OPERATION_NOT_SUPPORTED'),
  e(-404, 'CACHE_OPEN_FAILURE'),
  e(-405, 'CACHE_CREATE_FAILURE'),
  e(-406, 'CACHE_RACE'),
  e(-407, 'CACHE_CHECKSUM_READ_FAILURE'),
  e(-408, 'CACHE_CHECKSUM_MISMATCH'),
  e(-409, 'CACHE_LOCK_TIMEOUT'),
  e(-410, 'CACHE_AUTH_FAILURE_AFTER_READ'),
  e(-411, 'CACHE_ENTRY_NOT_SUITABLE'),
  e(-412, 'CACHE_DOOM_FAILURE'),
  e(-413, 'CACHE_OPEN_OR_CREATE_FAILURE'),
  e(-501, 'INSECURE_RESPONSE', 'cert-invalid'),
  e(-502, 'NO_PRIVATE_KEY_FOR_CERT'),
  e(-503, 'ADD_USER_CERT_FAILED'),
  e(-504, 'INVALID_SIGNED_EXCHANGE'),
  e(-505, 'INVALID_WEB_BUNDLE'),
  e(-506, 'TRUST_TOKEN_OPERATION_FAILED'),
  e(-507, 'TRUST_TOKEN_OPERATION_SUCCESS_WITHOUT_SENDING_REQUEST'),
  e(-601, 'FTP_FAILED'),
  e(-602, 'FTP_SERVICE_UNAVAILABLE'),
  e(-603, 'FTP_TRANSFER_ABORTED'),
  e(-604, 'FTP_FILE_BUSY'),
  e(-605, 'FTP_SYNTAX_ERROR'),
  e(-606, 'FTP_COMMAND_NOT_SUPPORTED'),
  e(-607, 'FTP_BAD_COMMAND_SEQUENCE'),
  e(-701, 'PKCS12_IMPORT_BAD_PASSWORD'),
  e(-702, 'PKCS12_IMPORT_FAILED'),
  e(-703, 'IMPORT_CA_CERT_NOT_CA'),
  e(-704, 'IMPORT_CERT_ALREADY_EXISTS'),
  e(-705, 'IMPORT_CA_CERT_FAILED'),
  e(-706, 'IMPORT_SERVER_CERT_FAILED'),
  e(-707, 'PKCS12_IMPORT_INVALID_MAC'),
  e(-708, 'PKCS12_IMPORT_INVALID_FILE'),
  e(-709, 'PKCS12_IMPORT_UNSUPPORTED'),
  e(-710, 'KEY_GENERATION_FAILED'),
  e(-712, 'PRIVATE_KEY_EXPORT_FAILED'),
  e(-713, 'SELF_SIGNED_CERT_GENERATION_FAILED'),
  e(-714, 'CERT_DATABASE_CHANGED'),
  e(-716, 'CERT_VERIFIER_CHANGED'),

  // 800-899: DNS resolver errors
  e(-800, 'DNS_MALFORMED_RESPONSE', 'name-not-resolved'),
  e(-801, 'DNS_SERVER_REQUIRES_TCP', 'name-not-resolved'),
  e(-802, 'DNS_SERVER_FAILED', 'name-not-resolved'),
  e(-803, 'DNS_TIMED_OUT', 'name-not-resolved'),
  e(-804, 'DNS_CACHE_MISS'),
  e(-805, 'DNS_SEARCH_EMPTY', 'name-not-resolved'),
  e(-806, 'DNS_SORT_ERROR'),
  e(-808, 'DNS_SECURE_RESOLVER_HOSTNAME_RESOLUTION_FAILED', 'name-not-resolved'),
  e(-809, 'DNS_NAME_HTTPS_ONLY'),
  e(-810, 'DNS_REQUEST_CANCELLED'),
  e(-811, 'DNS_NO_MATCHING_SUPPORTED_ALPN'),
];

const BY_CODE = new Map<number, ChromiumNetError>(CHROMIUM_NET_ERRORS.map((x) => [x.code, x]));
const BY_NAME = new Map<string, ChromiumNetError>(CHROMIUM_NET_ERRORS.map((x) => [x.name, x]));

export function chromiumErrorByCode(code: number): ChromiumNetError | undefined {
  return BY_CODE.get(code);
}

const NAMES: ReadonlySet<string> = new Set(CHROMIUM_NET_ERRORS.map((x) => x.name));
// The table's names of 12 characters or more are at least 3 edits apart from one another (only
// SSL_PROTOCOL_ERROR / WS_PROTOCOL_ERROR are 2 apart): two slips in one still leave it nearest.
const TWO_EDITS_FROM = 12;

/**
 * The table entry a misspelt name stands for (`CONECTION_REFUSED`, `CERT_DATE_INVLD`): the one name
 * nearest, within one edit (two for long names), never as near two names (fuzzy.ts), so
 * `CONNECTION_RESET` and `CONNECTION_REFUSED` are never taken for each other.
 */
export function nearestChromiumError(name: string): ChromiumNetError | undefined {
  const bare = name.toUpperCase().replace(/^(?:NET::)?ERR_/, '');
  const near = nearestWord(bare, NAMES, TWO_EDITS_FROM);
  return near !== undefined ? BY_NAME.get(near) : undefined;
}

/** Accepts `ERR_CONNECTION_RESET`, `CONNECTION_RESET` and any case. */
export function chromiumErrorByName(name: string): ChromiumNetError | undefined {
  const bare = name.toUpperCase().replace(/^(?:NET::)?ERR_/, '');
  return BY_NAME.get(bare);
}

/**
 * Names and numbers not in the table (a newer or older cronet): Chromium's naming and numbering
 * conventions still place them. Only the groups whose meaning is unambiguous are used.
 */
const NAME_FAMILIES: readonly { prefix: string; kind: Kind }[] = [
  { prefix: 'CERT_', kind: 'cert-invalid' },
  { prefix: 'SSL_', kind: 'ssl-handshake' },
  { prefix: 'PROXY_', kind: 'proxy' },
  { prefix: 'SOCKS_', kind: 'proxy' },
  { prefix: 'DNS_', kind: 'name-not-resolved' },
];
const CODE_RANGES: readonly { from: number; to: number; kind: Kind }[] = [
  { from: -299, to: -200, kind: 'cert-invalid' },
  { from: -899, to: -800, kind: 'name-not-resolved' },
];

function readingOf(x: ChromiumNetError): CodeReading {
  return { kind: x.kind, code: x.code, codeName: `ERR_${x.name}` };
}

/**
 * Reads a Chromium error from what the text showed: a name (`net::ERR_…`; without the `net::` prefix
 * only names in the table count, because Node and OpenSSL also print `ERR_…` codes), a number, or both.
 * The name wins over the number when both are present: it is what the user reads and it cannot be
 * confused with another source's number.
 */
export function readChromiumError(
  name: string | undefined,
  nameHadNetPrefix: boolean,
  code: number | undefined,
): CodeReading | undefined {
  if (name !== undefined) {
    // A misspelt name is read as the one table name it is one typo from, behind `net::` only.
    const known = chromiumErrorByName(name) ?? (nameHadNetPrefix ? nearestChromiumError(name) : undefined);
    if (known) return readingOf(known);
    if (nameHadNetPrefix) {
      const bare = name.toUpperCase().replace(/^ERR_/, '');
      const family = NAME_FAMILIES.find((f) => bare.startsWith(f.prefix));
      const numbered = code !== undefined ? chromiumErrorByCode(code) : undefined;
      if (numbered) return readingOf(numbered);
      const reading: CodeReading = { kind: family ? family.kind : 'unknown', codeName: `ERR_${bare}` };
      if (code !== undefined) reading.code = code;
      return reading;
    }
  }
  if (code === undefined) return undefined;
  const known = chromiumErrorByCode(code);
  if (known) return readingOf(known);
  const range = CODE_RANGES.find((r) => code >= r.from && code <= r.to);
  return { kind: range ? range.kind : 'unknown', code, codeName: String(code) };
}
