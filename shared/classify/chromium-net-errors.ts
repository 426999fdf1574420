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
  /** Short English meaning (paraphrasing the comment in net_error_list.h). */
  en: string;
};

const e = (code: number, name: string, kind: Kind, en: string): ChromiumNetError => ({
  code,
  name,
  kind,
  en,
});

export const CHROMIUM_NET_ERRORS: readonly ChromiumNetError[] = [
  // 0-99: system errors. The FILE_ ones are about a local file (an upload's source, a download's
  // target), never the network: `local-file`.
  e(-1, 'IO_PENDING', 'unknown', 'An asynchronous operation is not yet complete.'),
  e(-2, 'FAILED', 'unknown', 'A generic failure occurred.'),
  e(-3, 'ABORTED', 'aborted', 'The operation was aborted (by user action).'),
  e(-4, 'INVALID_ARGUMENT', 'unknown', 'An argument to a function was incorrect.'),
  e(-5, 'INVALID_HANDLE', 'unknown', 'A handle or file descriptor was invalid.'),
  e(-6, 'FILE_NOT_FOUND', 'local-file', 'A file or directory could not be found.'),
  e(-7, 'TIMED_OUT', 'timeout', 'An operation timed out.'),
  e(-8, 'FILE_TOO_BIG', 'local-file', 'A file was too large.'),
  e(-9, 'UNEXPECTED', 'unknown', 'An unexpected error (a programming mistake or a wrong assumption).'),
  e(-10, 'ACCESS_DENIED', 'unknown', 'Access to a resource other than the network was denied.'),
  e(-11, 'NOT_IMPLEMENTED', 'unknown', 'The functionality is not implemented.'),
  e(-12, 'INSUFFICIENT_RESOURCES', 'unknown', 'Not enough resources to complete the operation.'),
  e(-13, 'OUT_OF_MEMORY', 'unknown', 'Memory allocation failed.'),
  e(-14, 'UPLOAD_FILE_CHANGED', 'local-file', 'The file to upload changed while it was being sent.'),
  e(-15, 'SOCKET_NOT_CONNECTED', 'unknown', 'The socket is not connected.'),
  e(-16, 'FILE_EXISTS', 'unknown', 'The file already exists.'),
  e(-17, 'FILE_PATH_TOO_LONG', 'local-file', 'The path or file name is too long.'),
  e(-18, 'FILE_NO_SPACE', 'local-file', 'Not enough room left on the disk.'),
  e(-19, 'FILE_VIRUS_INFECTED', 'unknown', 'The file has a virus.'),
  e(-20, 'BLOCKED_BY_CLIENT', 'unknown', 'The client chose to block the request.'),
  e(-21, 'NETWORK_CHANGED', 'network-changed', 'The network changed.'),
  e(-22, 'BLOCKED_BY_ADMINISTRATOR', 'unknown', 'Blocked by an administrator URL block list.'),
  e(-23, 'SOCKET_IS_CONNECTED', 'unknown', 'The socket is already connected.'),
  e(-25, 'UPLOAD_STREAM_REWIND_NOT_SUPPORTED', 'unknown', 'The upload stream could not be re-read.'),
  e(-26, 'CONTEXT_SHUT_DOWN', 'unknown', 'The request context is shutting down.'),
  e(-27, 'BLOCKED_BY_RESPONSE', 'unknown', 'The response requirements (CSP, CORP…) were not met.'),
  // An http:// URL refused by the client itself: the taxonomy's "non-https scheme refused".
  e(-29, 'CLEARTEXT_NOT_PERMITTED', 'invalid-url', 'Cleartext (http://) requests are not permitted.'),
  e(-30, 'BLOCKED_BY_CSP', 'unknown', 'Blocked by a Content Security Policy.'),
  e(-31, 'H2_OR_QUIC_REQUIRED', 'unknown', 'Blocked because no HTTP/2 or QUIC session was available.'),
  e(-32, 'BLOCKED_BY_ORB', 'unknown', 'Blocked by CORB/ORB.'),

  // 100-199: connection errors
  e(-100, 'CONNECTION_CLOSED', 'connection-closed', 'The connection was closed (TCP FIN).'),
  e(-101, 'CONNECTION_RESET', 'connection-reset', 'The connection was reset (TCP RST).'),
  e(-102, 'CONNECTION_REFUSED', 'connection-refused', 'The connection attempt was refused.'),
  // An established connection broke (data never ACKed; ECONNABORTED maps here): the nearest kind is
  // a reset, not a connect timeout.
  e(
    -103,
    'CONNECTION_ABORTED',
    'connection-reset',
    'The connection broke: data sent was never acknowledged.',
  ),
  // Generic: refused, unreachable and timed-out connects have their own codes, so this one says no more.
  e(-104, 'CONNECTION_FAILED', 'unknown', 'A connection attempt failed.'),
  e(-105, 'NAME_NOT_RESOLVED', 'name-not-resolved', 'The host name could not be resolved.'),
  e(-106, 'INTERNET_DISCONNECTED', 'offline', 'The Internet connection has been lost.'),
  e(-107, 'SSL_PROTOCOL_ERROR', 'ssl-handshake', 'An SSL protocol error occurred.'),
  e(-108, 'ADDRESS_INVALID', 'unknown', 'The IP address or port is invalid.'),
  e(-109, 'ADDRESS_UNREACHABLE', 'address-unreachable', 'The IP address is unreachable (no route).'),
  e(-110, 'SSL_CLIENT_AUTH_CERT_NEEDED', 'ssl-handshake', 'The server asked for a client certificate.'),
  e(-111, 'TUNNEL_CONNECTION_FAILED', 'proxy', 'A tunnel through the proxy could not be established.'),
  e(-112, 'NO_SSL_VERSIONS_ENABLED', 'ssl-version-or-cipher', 'No SSL protocol versions are enabled.'),
  e(
    -113,
    'SSL_VERSION_OR_CIPHER_MISMATCH',
    'ssl-version-or-cipher',
    'Client and server share no TLS version or cipher suite (TLS 1.0/1.1 servers also end here).',
  ),
  e(-114, 'SSL_RENEGOTIATION_REQUESTED', 'ssl-handshake', 'The server requested a renegotiation.'),
  e(-115, 'PROXY_AUTH_UNSUPPORTED', 'proxy', 'The proxy asked for an unsupported authentication method.'),
  e(-116, 'CERT_ERROR_IN_SSL_RENEGOTIATION', 'cert-invalid', 'A certificate error during renegotiation.'),
  e(-117, 'BAD_SSL_CLIENT_AUTH_CERT', 'ssl-handshake', 'A bad or missing client certificate.'),
  e(-118, 'CONNECTION_TIMED_OUT', 'connection-timeout', 'The connection attempt timed out.'),
  e(-119, 'HOST_RESOLVER_QUEUE_TOO_LARGE', 'unknown', 'Too many pending DNS resolutions.'),
  e(-120, 'SOCKS_CONNECTION_FAILED', 'proxy', 'The connection to the SOCKS proxy failed.'),
  e(-121, 'SOCKS_CONNECTION_HOST_UNREACHABLE', 'proxy', 'The SOCKS proxy could not reach the host.'),
  e(-122, 'ALPN_NEGOTIATION_FAILED', 'ssl-handshake', 'Negotiating an alternate protocol (ALPN) failed.'),
  e(-123, 'SSL_NO_RENEGOTIATION', 'ssl-handshake', 'The peer sent a no_renegotiation alert.'),
  e(-124, 'WINSOCK_UNEXPECTED_WRITTEN_BYTES', 'unknown', 'Winsock reported more data written than passed.'),
  e(-125, 'SSL_DECOMPRESSION_FAILURE_ALERT', 'ssl-handshake', 'The peer sent a decompression_failure alert.'),
  e(-126, 'SSL_BAD_RECORD_MAC_ALERT', 'ssl-handshake', 'The peer sent a bad_record_mac alert.'),
  e(-127, 'PROXY_AUTH_REQUESTED', 'proxy', 'The proxy requested authentication.'),
  e(-129, 'SSL_WEAK_SERVER_EPHEMERAL_DH_KEY', 'ssl-version-or-cipher', 'The server DH key is too weak.'),
  e(-130, 'PROXY_CONNECTION_FAILED', 'proxy', 'Could not connect to the proxy server.'),
  e(-131, 'MANDATORY_PROXY_CONFIGURATION_FAILED', 'proxy', 'A mandatory proxy configuration failed.'),
  e(-133, 'PRECONNECT_MAX_SOCKET_LIMIT', 'unknown', 'The socket pool limit was hit while preconnecting.'),
  e(-134, 'SSL_CLIENT_AUTH_PRIVATE_KEY_ACCESS_DENIED', 'ssl-handshake', 'Client key access was denied.'),
  e(-135, 'SSL_CLIENT_AUTH_CERT_NO_PRIVATE_KEY', 'ssl-handshake', 'The client certificate has no key.'),
  e(-136, 'PROXY_CERTIFICATE_INVALID', 'proxy', "The HTTPS proxy's certificate was invalid."),
  e(-137, 'NAME_RESOLUTION_FAILED', 'name-not-resolved', 'Name resolution (DNS) failed.'),
  // Chromium: "most likely caused by a firewall" — on a phone it can be the OS or an app firewall; not
  // enough to say which layer.
  e(-138, 'NETWORK_ACCESS_DENIED', 'unknown', 'Permission to access the network was denied.'),
  e(-139, 'TEMPORARILY_THROTTLED', 'unknown', 'The request was throttled.'),
  e(
    -140,
    'HTTPS_PROXY_TUNNEL_RESPONSE_REDIRECT',
    'proxy',
    'The HTTPS proxy answered CONNECT with a redirect.',
  ),
  e(-141, 'SSL_CLIENT_AUTH_SIGNATURE_FAILED', 'ssl-handshake', 'Signing with the client key failed.'),
  e(-142, 'MSG_TOO_BIG', 'unknown', 'The message was too large for the transport.'),
  e(-145, 'WS_PROTOCOL_ERROR', 'unknown', 'WebSocket protocol error.'),
  e(-147, 'ADDRESS_IN_USE', 'unknown', 'The address is already in use.'),
  e(-148, 'SSL_HANDSHAKE_NOT_COMPLETED', 'ssl-handshake', 'The SSL handshake has not completed.'),
  e(-149, 'SSL_BAD_PEER_PUBLIC_KEY', 'ssl-handshake', "The peer's public key is invalid."),
  e(
    -150,
    'SSL_PINNED_KEY_NOT_IN_CERT_CHAIN',
    'cert-invalid',
    'The certificate does not match the pinned keys.',
  ),
  e(-151, 'CLIENT_AUTH_CERT_TYPE_UNSUPPORTED', 'ssl-handshake', 'No supported client certificate type.'),
  e(-153, 'SSL_DECRYPT_ERROR_ALERT', 'ssl-handshake', 'The peer sent a decrypt_error alert.'),
  e(-154, 'WS_THROTTLE_QUEUE_TOO_LARGE', 'unknown', 'Too many pending WebSocket jobs.'),
  e(-156, 'SSL_SERVER_CERT_CHANGED', 'cert-invalid', 'The server certificate changed in a renegotiation.'),
  e(-157, 'SSL_INAPPROPRIATE_FALLBACK', 'ssl-version-or-cipher', 'TLS version fallback was refused.'),
  e(
    -159,
    'SSL_UNRECOGNIZED_NAME_ALERT',
    'ssl-handshake',
    'The server sent an unrecognized_name (SNI) alert.',
  ),
  e(-160, 'SOCKET_SET_RECEIVE_BUFFER_SIZE_ERROR', 'unknown', 'Could not set the receive buffer size.'),
  e(-161, 'SOCKET_SET_SEND_BUFFER_SIZE_ERROR', 'unknown', 'Could not set the send buffer size.'),
  e(-162, 'SOCKET_RECEIVE_BUFFER_SIZE_UNCHANGEABLE', 'unknown', 'The receive buffer size is unchangeable.'),
  e(-163, 'SOCKET_SEND_BUFFER_SIZE_UNCHANGEABLE', 'unknown', 'The send buffer size is unchangeable.'),
  e(
    -164,
    'SSL_CLIENT_AUTH_CERT_BAD_FORMAT',
    'ssl-handshake',
    'The client certificate could not be imported.',
  ),
  e(-165, 'SSL_FALLBACK_BEYOND_MINIMUM_VERSION', 'ssl-version-or-cipher', 'TLS fallback below the minimum.'),
  e(-166, 'ICANN_NAME_COLLISION', 'unknown', 'DNS answered 127.0.53.53 (ICANN name collision).'),
  e(-167, 'SSL_SERVER_CERT_BAD_FORMAT', 'cert-invalid', 'The server certificate could not be decoded.'),
  e(-168, 'CT_STH_PARSING_FAILED', 'unknown', 'A Certificate Transparency tree head failed to parse.'),
  e(-169, 'CT_STH_INCOMPLETE', 'unknown', 'A Certificate Transparency tree head was incomplete.'),
  e(
    -170,
    'UNABLE_TO_REUSE_CONNECTION_FOR_PROXY_AUTH',
    'unknown',
    'Proxy auth could not reuse the connection.',
  ),
  e(-171, 'CT_CONSISTENCY_PROOF_PARSING_FAILED', 'unknown', 'A CT consistency proof failed to parse.'),
  e(-172, 'SSL_OBSOLETE_CIPHER', 'ssl-version-or-cipher', 'The server required an obsolete cipher suite.'),
  e(-173, 'WS_UPGRADE', 'unknown', 'The request was upgraded to a WebSocket.'),
  e(-174, 'READ_IF_READY_NOT_IMPLEMENTED', 'unknown', 'ReadIfReady is not implemented.'),
  e(-175, 'SSL_VERSION_INTERFERENCE', 'ssl-version-or-cipher', 'TLS version interference was detected.'),
  e(-176, 'NO_BUFFER_SPACE', 'unknown', 'No socket buffer space is available.'),
  e(
    -177,
    'SSL_CLIENT_AUTH_NO_COMMON_ALGORITHMS',
    'ssl-handshake',
    'No common client-auth signature algorithm.',
  ),
  e(-178, 'EARLY_DATA_REJECTED', 'unknown', 'TLS 1.3 early data was rejected.'),
  e(-179, 'WRONG_VERSION_ON_EARLY_DATA', 'unknown', 'Early data was offered but TLS 1.2 was negotiated.'),
  e(-180, 'TLS13_DOWNGRADE_DETECTED', 'ssl-handshake', 'A TLS 1.3 downgrade was detected.'),
  e(
    -181,
    'SSL_KEY_USAGE_INCOMPATIBLE',
    'cert-invalid',
    "The certificate's keyUsage does not fit the key exchange.",
  ),
  e(-182, 'INVALID_ECH_CONFIG_LIST', 'unknown', 'The ECH configuration from DNS could not be parsed.'),
  e(-183, 'ECH_NOT_NEGOTIATED', 'ssl-handshake', 'Encrypted ClientHello was not negotiated.'),
  e(-184, 'ECH_FALLBACK_CERTIFICATE_INVALID', 'cert-invalid', 'The ECH fallback certificate was invalid.'),

  // 200-299: certificate errors
  e(-200, 'CERT_COMMON_NAME_INVALID', 'cert-name-invalid', 'The certificate does not match the host name.'),
  e(
    -201,
    'CERT_DATE_INVALID',
    'cert-date-invalid',
    'The certificate has expired or is not yet valid (or the clock is wrong).',
  ),
  e(
    -202,
    'CERT_AUTHORITY_INVALID',
    'cert-authority-invalid',
    'The certificate is signed by an untrusted authority (self-signed, unknown root, or missing intermediates).',
  ),
  e(-203, 'CERT_CONTAINS_ERRORS', 'cert-invalid', 'The certificate contains errors.'),
  e(-204, 'CERT_NO_REVOCATION_MECHANISM', 'cert-invalid', 'The certificate has no revocation mechanism.'),
  e(-205, 'CERT_UNABLE_TO_CHECK_REVOCATION', 'cert-invalid', 'Revocation information is not available.'),
  e(-206, 'CERT_REVOKED', 'cert-invalid', 'The certificate has been revoked.'),
  e(-207, 'CERT_INVALID', 'cert-invalid', 'The certificate is invalid.'),
  e(
    -208,
    'CERT_WEAK_SIGNATURE_ALGORITHM',
    'cert-invalid',
    'The certificate uses a weak signature algorithm.',
  ),
  e(-210, 'CERT_NON_UNIQUE_NAME', 'cert-name-invalid', 'The certificate names a non-unique host name.'),
  e(-211, 'CERT_WEAK_KEY', 'cert-invalid', 'The certificate has a weak key (e.g. a small RSA key).'),
  e(-212, 'CERT_NAME_CONSTRAINT_VIOLATION', 'cert-invalid', 'The certificate violates name constraints.'),
  e(-213, 'CERT_VALIDITY_TOO_LONG', 'cert-invalid', "The certificate's validity period is too long."),
  e(
    -214,
    'CERTIFICATE_TRANSPARENCY_REQUIRED',
    'cert-invalid',
    'Certificate Transparency information was missing.',
  ),
  e(
    -215,
    'CERT_SYMANTEC_LEGACY',
    'cert-authority-invalid',
    'The certificate chains to a distrusted Symantec root.',
  ),
  // -216 was QUIC_CERT_ROOT_NOT_KNOWN, renumbered to -380 (below).
  e(
    -217,
    'CERT_KNOWN_INTERCEPTION_BLOCKED',
    'cert-invalid',
    'The certificate is known to be used for interception.',
  ),
  e(-218, 'SSL_OBSOLETE_VERSION', 'ssl-version-or-cipher', 'The server uses an obsolete TLS version.'),
  e(-219, 'CERT_END', 'unknown', 'End marker of the certificate range (never reported).'),

  // 300-399: HTTP errors
  e(-300, 'INVALID_URL', 'invalid-url', 'The URL is invalid.'),
  e(-301, 'DISALLOWED_URL_SCHEME', 'invalid-url', 'The URL scheme is not allowed.'),
  e(-302, 'UNKNOWN_URL_SCHEME', 'invalid-url', 'The URL scheme is unknown.'),
  e(-303, 'INVALID_REDIRECT', 'unknown', 'A redirect pointed to an invalid URL.'),
  e(-310, 'TOO_MANY_REDIRECTS', 'too-many-redirects', 'Too many redirects.'),
  e(-311, 'UNSAFE_REDIRECT', 'unknown', 'A redirect was unsafe (e.g. to file://).'),
  e(-312, 'UNSAFE_PORT', 'invalid-url', 'The URL uses a port that is refused as unsafe.'),
  e(-320, 'INVALID_RESPONSE', 'unknown', "The server's response was invalid."),
  e(-321, 'INVALID_CHUNKED_ENCODING', 'unknown', 'Chunked transfer encoding was invalid.'),
  e(-322, 'METHOD_NOT_SUPPORTED', 'unknown', 'The server does not support the method.'),
  e(-323, 'UNEXPECTED_PROXY_AUTH', 'proxy', 'A 407 came back although no proxy was used.'),
  e(
    -324,
    'EMPTY_RESPONSE',
    'connection-closed',
    'The server closed the connection without sending any data.',
  ),
  e(-325, 'RESPONSE_HEADERS_TOO_BIG', 'unknown', 'The response headers were too large.'),
  e(-327, 'PAC_SCRIPT_FAILED', 'proxy', 'The proxy auto-config (PAC) script failed.'),
  e(-328, 'REQUEST_RANGE_NOT_SATISFIABLE', 'http-status', 'The server answered 416 (range not satisfiable).'),
  e(-329, 'MALFORMED_IDENTITY', 'unknown', 'The authentication identity is malformed.'),
  e(-330, 'CONTENT_DECODING_FAILED', 'response-decode', 'Decoding the response body (gzip, br…) failed.'),
  e(-331, 'NETWORK_IO_SUSPENDED', 'unknown', 'All network I/O is suspended.'),
  e(-332, 'SYN_REPLY_NOT_RECEIVED', 'unknown', 'Stream data arrived without a SYN_REPLY.'),
  e(-333, 'ENCODING_CONVERSION_FAILED', 'response-decode', 'Converting the response encoding failed.'),
  e(-334, 'UNRECOGNIZED_FTP_DIRECTORY_LISTING_FORMAT', 'unknown', 'Unrecognised FTP listing.'),
  e(-336, 'NO_SUPPORTED_PROXIES', 'proxy', 'No supported proxy in the list.'),
  e(-337, 'HTTP2_PROTOCOL_ERROR', 'unknown', 'HTTP/2 protocol error.'),
  e(-338, 'INVALID_AUTH_CREDENTIALS', 'unknown', 'HTTP authentication credentials could not be established.'),
  e(-339, 'UNSUPPORTED_AUTH_SCHEME', 'unknown', 'Unsupported HTTP authentication scheme.'),
  e(-340, 'ENCODING_DETECTION_FAILED', 'response-decode', 'Detecting the response encoding failed.'),
  e(-341, 'MISSING_AUTH_CREDENTIALS', 'unknown', 'No Kerberos credentials were available.'),
  e(-342, 'UNEXPECTED_SECURITY_LIBRARY_STATUS', 'unknown', 'Unexpected SSPI/GSSAPI status.'),
  e(-343, 'MISCONFIGURED_AUTH_ENVIRONMENT', 'unknown', 'The authentication environment is misconfigured.'),
  e(-344, 'UNDOCUMENTED_SECURITY_LIBRARY_STATUS', 'unknown', 'Undocumented SSPI/GSSAPI status.'),
  e(-345, 'RESPONSE_BODY_TOO_BIG_TO_DRAIN', 'unknown', 'The response body was too big to drain.'),
  e(-346, 'RESPONSE_HEADERS_MULTIPLE_CONTENT_LENGTH', 'unknown', 'Multiple Content-Length headers.'),
  e(-347, 'INCOMPLETE_HTTP2_HEADERS', 'unknown', 'Incomplete HTTP/2 headers.'),
  e(-348, 'PAC_NOT_IN_DHCP', 'proxy', 'No PAC URL came from DHCP.'),
  e(
    -349,
    'RESPONSE_HEADERS_MULTIPLE_CONTENT_DISPOSITION',
    'unknown',
    'Multiple Content-Disposition headers.',
  ),
  e(-350, 'RESPONSE_HEADERS_MULTIPLE_LOCATION', 'unknown', 'Multiple Location headers.'),
  e(-351, 'HTTP2_SERVER_REFUSED_STREAM', 'unknown', 'The HTTP/2 server refused the stream.'),
  e(-352, 'HTTP2_PING_FAILED', 'unknown', 'The HTTP/2 server did not answer a PING.'),
  e(
    -354,
    'CONTENT_LENGTH_MISMATCH',
    'unknown',
    'The body was shorter than Content-Length when the connection closed.',
  ),
  e(
    -355,
    'INCOMPLETE_CHUNKED_ENCODING',
    'unknown',
    'The last chunk never arrived before the connection closed.',
  ),
  e(-356, 'QUIC_PROTOCOL_ERROR', 'unknown', 'QUIC protocol error.'),
  e(-357, 'RESPONSE_HEADERS_TRUNCATED', 'unknown', 'The response headers were cut off by EOF.'),
  e(-358, 'QUIC_HANDSHAKE_FAILED', 'unknown', 'The QUIC crypto handshake failed.'),
  // HTTP/2 needs TLS 1.2+ with an AEAD cipher: this is a version/cipher problem of the server.
  e(-360, 'HTTP2_INADEQUATE_TRANSPORT_SECURITY', 'ssl-version-or-cipher', 'TLS too weak for HTTP/2.'),
  e(-361, 'HTTP2_FLOW_CONTROL_ERROR', 'unknown', 'The peer violated HTTP/2 flow control.'),
  e(-362, 'HTTP2_FRAME_SIZE_ERROR', 'unknown', 'Badly sized HTTP/2 frame.'),
  e(-363, 'HTTP2_COMPRESSION_ERROR', 'unknown', 'HTTP/2 header compression failed.'),
  e(-364, 'PROXY_AUTH_REQUESTED_WITH_NO_CONNECTION', 'proxy', 'Proxy auth requested without a connection.'),
  e(-365, 'HTTP_1_1_REQUIRED', 'unknown', 'The server requires HTTP/1.1.'),
  e(-366, 'PROXY_HTTP_1_1_REQUIRED', 'proxy', 'The proxy requires HTTP/1.1.'),
  e(-367, 'PAC_SCRIPT_TERMINATED', 'proxy', 'The PAC script terminated.'),
  e(-370, 'INVALID_HTTP_RESPONSE', 'unknown', 'The server did not answer with HTTP/1.x.'),
  e(-371, 'CONTENT_DECODING_INIT_FAILED', 'response-decode', 'Initialising content decoding failed.'),
  e(-372, 'HTTP2_RST_STREAM_NO_ERROR_RECEIVED', 'unknown', 'HTTP/2 RST_STREAM with NO_ERROR.'),
  e(-375, 'TOO_MANY_RETRIES', 'unknown', 'The transaction was retried too many times.'),
  e(-376, 'HTTP2_STREAM_CLOSED', 'unknown', 'An HTTP/2 frame arrived on a closed stream.'),
  e(-377, 'HTTP2_CLIENT_REFUSED_STREAM', 'unknown', 'The client refused an HTTP/2 stream.'),
  e(-379, 'HTTP_RESPONSE_CODE_FAILURE', 'http-status', 'The server returned a non-2xx status.'),
  e(
    -380,
    'QUIC_CERT_ROOT_NOT_KNOWN',
    'cert-authority-invalid',
    'The QUIC certificate chains to an unknown root.',
  ),
  e(-381, 'QUIC_GOAWAY_REQUEST_CAN_BE_RETRIED', 'unknown', 'QUIC GOAWAY: the request can be retried.'),
  e(-382, 'TOO_MANY_ACCEPT_CH_RESTARTS', 'unknown', 'Too many ACCEPT_CH restarts.'),
  e(-383, 'INCONSISTENT_IP_ADDRESS_SPACE', 'unknown', 'The IP address space changed during the request.'),
  e(
    -384,
    'CACHED_IP_ADDRESS_SPACE_BLOCKED_BY_LOCAL_NETWORK_ACCESS_POLICY',
    'unknown',
    'Blocked by the local network access policy.',
  ),

  // 400-499: cache errors; 500-599: misc; 600-699: FTP; 700-799: certificate manager (all local)
  e(-400, 'CACHE_MISS', 'unknown', 'The cache has no entry for the request.'),
  e(-401, 'CACHE_READ_FAILURE', 'unknown', 'Reading the disk cache failed.'),
  e(-402, 'CACHE_WRITE_FAILURE', 'unknown', 'Writing the disk cache failed.'),
  e(-403, 'CACHE_OPERATION_NOT_SUPPORTED', 'unknown', 'Cache operation not supported.'),
  e(-404, 'CACHE_OPEN_FAILURE', 'unknown', 'The cache entry could not be opened.'),
  e(-405, 'CACHE_CREATE_FAILURE', 'unknown', 'The cache entry could not be created.'),
  e(-406, 'CACHE_RACE', 'unknown', 'Cache entry creation raced.'),
  e(-407, 'CACHE_CHECKSUM_READ_FAILURE', 'unknown', 'A cache checksum could not be read.'),
  e(-408, 'CACHE_CHECKSUM_MISMATCH', 'unknown', 'A cache checksum did not match.'),
  e(-409, 'CACHE_LOCK_TIMEOUT', 'unknown', 'The cache lock timed out.'),
  e(-410, 'CACHE_AUTH_FAILURE_AFTER_READ', 'unknown', 'Auth challenge after the cache was read.'),
  e(-411, 'CACHE_ENTRY_NOT_SUITABLE', 'unknown', 'The cache entry is not suitable.'),
  e(-412, 'CACHE_DOOM_FAILURE', 'unknown', 'The cache entry could not be doomed.'),
  e(-413, 'CACHE_OPEN_OR_CREATE_FAILURE', 'unknown', 'The cache entry could not be opened or created.'),
  e(-501, 'INSECURE_RESPONSE', 'cert-invalid', "The server's response was insecure (a certificate error)."),
  e(-502, 'NO_PRIVATE_KEY_FOR_CERT', 'unknown', 'No private key for the imported certificate.'),
  e(-503, 'ADD_USER_CERT_FAILED', 'unknown', 'Adding a certificate to the OS database failed.'),
  e(-504, 'INVALID_SIGNED_EXCHANGE', 'unknown', 'Invalid signed exchange.'),
  e(-505, 'INVALID_WEB_BUNDLE', 'unknown', 'Invalid Web Bundle.'),
  e(-506, 'TRUST_TOKEN_OPERATION_FAILED', 'unknown', 'A Trust Tokens operation failed.'),
  e(
    -507,
    'TRUST_TOKEN_OPERATION_SUCCESS_WITHOUT_SENDING_REQUEST',
    'unknown',
    'Trust Tokens answered locally.',
  ),
  e(-601, 'FTP_FAILED', 'unknown', 'An FTP command failed.'),
  e(-602, 'FTP_SERVICE_UNAVAILABLE', 'unknown', 'FTP service unavailable (421).'),
  e(-603, 'FTP_TRANSFER_ABORTED', 'unknown', 'FTP transfer aborted (426).'),
  e(-604, 'FTP_FILE_BUSY', 'unknown', 'FTP file busy (450).'),
  e(-605, 'FTP_SYNTAX_ERROR', 'unknown', 'FTP syntax error (500, 501).'),
  e(-606, 'FTP_COMMAND_NOT_SUPPORTED', 'unknown', 'FTP command not supported (502, 504).'),
  e(-607, 'FTP_BAD_COMMAND_SEQUENCE', 'unknown', 'FTP bad command sequence (503).'),
  e(-701, 'PKCS12_IMPORT_BAD_PASSWORD', 'unknown', 'PKCS #12 import: bad password.'),
  e(-702, 'PKCS12_IMPORT_FAILED', 'unknown', 'PKCS #12 import failed.'),
  e(-703, 'IMPORT_CA_CERT_NOT_CA', 'unknown', 'CA import: not a CA certificate.'),
  e(-704, 'IMPORT_CERT_ALREADY_EXISTS', 'unknown', 'Import: the certificate already exists.'),
  e(-705, 'IMPORT_CA_CERT_FAILED', 'unknown', 'CA import failed.'),
  e(-706, 'IMPORT_SERVER_CERT_FAILED', 'unknown', 'Server certificate import failed.'),
  e(-707, 'PKCS12_IMPORT_INVALID_MAC', 'unknown', 'PKCS #12 import: invalid MAC.'),
  e(-708, 'PKCS12_IMPORT_INVALID_FILE', 'unknown', 'PKCS #12 import: invalid file.'),
  e(-709, 'PKCS12_IMPORT_UNSUPPORTED', 'unknown', 'PKCS #12 import: unsupported features.'),
  e(-710, 'KEY_GENERATION_FAILED', 'unknown', 'Key generation failed.'),
  e(-712, 'PRIVATE_KEY_EXPORT_FAILED', 'unknown', 'Private key export failed.'),
  e(-713, 'SELF_SIGNED_CERT_GENERATION_FAILED', 'unknown', 'Self-signed certificate generation failed.'),
  e(-714, 'CERT_DATABASE_CHANGED', 'unknown', 'The certificate database changed.'),
  e(-716, 'CERT_VERIFIER_CHANGED', 'unknown', 'The certificate verifier configuration changed.'),

  // 800-899: DNS resolver errors
  e(-800, 'DNS_MALFORMED_RESPONSE', 'name-not-resolved', 'The DNS resolver got a malformed response.'),
  e(-801, 'DNS_SERVER_REQUIRES_TCP', 'name-not-resolved', 'The DNS server requires TCP.'),
  e(-802, 'DNS_SERVER_FAILED', 'name-not-resolved', 'The DNS server failed (SERVFAIL, REFUSED…).'),
  e(-803, 'DNS_TIMED_OUT', 'name-not-resolved', 'The DNS transaction timed out.'),
  e(-804, 'DNS_CACHE_MISS', 'unknown', 'The name was not in the local cache.'),
  e(-805, 'DNS_SEARCH_EMPTY', 'name-not-resolved', 'Search-list rules left nothing to resolve.'),
  e(-806, 'DNS_SORT_ERROR', 'unknown', 'Sorting the addresses failed.'),
  e(
    -808,
    'DNS_SECURE_RESOLVER_HOSTNAME_RESOLUTION_FAILED',
    'name-not-resolved',
    'The DoH server name did not resolve.',
  ),
  e(-809, 'DNS_NAME_HTTPS_ONLY', 'unknown', 'DNS says the name is HTTPS-only.'),
  e(-810, 'DNS_REQUEST_CANCELLED', 'unknown', 'The DNS requests were cancelled.'),
  e(-811, 'DNS_NO_MATCHING_SUPPORTED_ALPN', 'unknown', 'The HTTPS record offered no supported ALPN.'),
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
