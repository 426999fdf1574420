/**
 * Every timeout, byte cap and concurrency number the outside probe uses, in one place, so that the
 * probe's cost on a target and its worst-case duration can be read off this file. Per-run values the
 * operator may change (`--attempts`, `--timeout`, total budget) have their defaults here too.
 */

/** TLS handshakes per variant (`--attempts`): enough to see a ~2 % leak through an SNI filter as "mostly reset". */
export const DEFAULT_ATTEMPTS = 10;
/**
 * Adaptive attempts: consistent successes per variant after which a probe whose every variant
 * succeeded every time stops (tls-run.ts). Four, because with four variants that is 16 clean
 * handshakes (20 with the version sweep's, which also escalate on a reset, FIN or timeout), all in
 * the first wave of the pool (16 + 4 + 1 ≤ TLS_CONCURRENCY: no second round trip). A path that
 * resets 30 % of all handshakes (the lab's random-resets) passes 20 in a row in under 0.1 % of runs,
 * a filter resetting the target SNI half the time passes 4 in a row in 1 of 16 — and any failure
 * at all sends the probe on to the full count, where the ratio and the differential are measured.
 */
export const ADAPTIVE_EARLY_STOP = 4;
/**
 * Adaptive attempts, close to significance (tls-run.ts, close-differential.ts): when the full count
 * leaves the target SNI's excess of failures undecided, one more round takes each variant up to at
 * most this many times the requested count. Twice: a complete differential over 2 attempts a
 * variant (p = 1/15, undecided) becomes one over 4 (p = 1/495), and the extra cost is bounded by
 * the count the operator already accepted. At 10 a variant, resets falling on every SNI alike still
 * pass the level in under 1.5% of runs over both rounds, while a filter resetting 30% of the
 * target's handshakes is found in 81% instead of 35% (close-differential.test.ts computes both).
 */
export const CLOSE_TO_SIGNIFICANCE_MAX_FACTOR = 2;
/** Upper bound for `--attempts`: keeps one probe from becoming a flood. */
export const MAX_ATTEMPTS = 100;

/** Per step / per attempt (`--timeout`): DNS query, TCP connect, one TLS handshake, one HTTP hop. */
export const DEFAULT_STEP_TIMEOUT_MS = 5_000;
/** Global budget: after this the probe returns what it has, marking unfinished steps `timeout`. */
export const DEFAULT_TOTAL_TIMEOUT_MS = 30_000;

/** TLS handshakes in flight at once against the target, all variants together. */
export const TLS_CONCURRENCY = 24;

/** Split ClientHello: bytes per TCP segment for the first TLS record, and the pause after the first. */
export const SPLIT_HELLO_SEGMENT_BYTES = 40;
export const SPLIT_HELLO_GAP_MS = 5;
/** …and event-loop turns after that pause, only for receivers in the same process (see wire-tap.ts). */
export const SPLIT_HELLO_LOOP_TURNS = 20;

/**
 * After a TLS 1.3 handshake completes on the client, how long to wait for the server's first record
 * (a session ticket, or the alert of a server that demanded a client certificate and got none): the
 * client's Finished is judged only after node:tls reports the handshake done.
 */
export const POST_HANDSHAKE_WAIT_MS = 250;

/** Only the first bytes of the server's answer are parsed for plaintext TLS alerts. */
export const TLS_RECORD_SCAN_BYTES = 16 * 1024;

/** HTTP: body bytes kept per hop, redirects followed by hand (the first request is hop 0). */
export const HTTP_BODY_SAMPLE_BYTES = 64 * 1024;
export const HTTP_MAX_REDIRECTS = 5;

/** Plain-HTTP block-page check: body bytes read (enough for a block page's <title> and links). */
export const PORT80_BODY_SAMPLE_BYTES = 16 * 1024;

/** AIA caIssuers fetch: a DER intermediate is ~1.5 KB; PKCS#7 bundles are bigger. */
export const AIA_MAX_BYTES = 64 * 1024;

/** CNAME chain links followed before giving up (loops, absurd chains). */
export const DNS_MAX_CNAME_DEPTH = 8;

/** Each probe connects to at most this many addresses of a name (TCP step). */
export const MAX_ADDRESSES_PER_NAME = 8;

/**
 * AIA chain completion (certificate-check.ts): at most this many caIssuers fetches per probe, one
 * after the other, all of them within one step timeout together; each capped at AIA_MAX_BYTES.
 */
export const AIA_MAX_FETCHES = 4;
/** Certificates below the trust anchor a built chain may hold (leaf included): loops, absurd chains. */
export const CHAIN_MAX_DEPTH = 8;
