/**
 * Every confidence the rules give, in one table: per rule id (`<family>/<name>`, as in registry.ts),
 * one named entry per situation the rule tells apart, plus the engine's own weighing. Rules read
 * their numbers from here and hold none of their own, so tuning is one reviewable diff, checked by
 * calibration.test.ts: the golden scenarios must keep their top cause and the order of their causes.
 *
 * How to read the scale: ≥ 0.9 the observation shows the cause directly; 0.7–0.9 strong but one step
 * removed; 0.5–0.7 likely; below 0.5 a hint (typically the client's error alone). `missing` / `fine`
 * pairs are client-only guesses: the probe was silent on that layer, or looked and saw it fine.
 * Changing a number changes the rules: bump RULES_VERSION (diagnose.ts).
 */

import { DIFFERENTIAL_ALPHA } from '../stats/significance';

/** A client-only guess: the probe silent on the layer (`missing`) or seeing it fine (`fine`). */
export type GuessConfidence = { readonly missing: number; readonly fine: number };

export const CALIBRATION = {
  /** agreement.ts: the client's classified errors weighed against a probe-based conclusion. */
  agreement: {
    /** added when the phone's errors fit the conclusion */
    raise: 0.08,
    /** never more sure than this after a raise */
    max: 0.98,
    /** taken off when the phone's errors (or its clean passes) contradict it */
    lower: 0.3,
    /** never less sure than this after a lowering */
    floor: 0.05,
  },
  /**
   * engine.ts: below this the top verdict that is not a qualifier (`intermittent`,
   * `vantage-dependent`) is a guess, and a qualifier may lead.
   */
  mainCauseFloor: 0.5,
  /** how far under the main cause a qualifier is kept */
  intermittentGap: 0.01,
  /**
   * vantages.ts (`vantage-dependent`): answered vantages whose probes disagree, one failing, one
   * working — seen directly; kept under the main cause like `intermittent`.
   */
  vantageSplit: 0.9,
  ok: { bothViews: 0.95, probeOnly: 0.85, clientOnly: 0.7 },
  /**
   * differential.ts: the significance level a group's excess of failures must pass (Fisher's exact
   * test, one-sided) before a rule says a filter singles it out. Defined (and justified) in
   * shared/stats/significance.ts, because the probe reads it too: it runs more attempts when a
   * differential is close to this level.
   */
  differentialAlpha: DIFFERENTIAL_ALPHA,
  unknown: { interrupted: 0, someView: 0.2, noView: 0 },

  'domain-list/not-in-list': { mixed: 0.75, urlRuleBroken: 0.85, outsideOk: 0.95, otherwise: 0.9 },
  'domain-list/check-bypassed': {
    offPassed: 0.8,
    offNothingPassed: 0.35,
    debugPassed: 0.6,
    debugNothingPassed: 0.3,
  },

  'url/not-https-scheme': { scheme: 0.95 },
  /** above not-https: an IP can never be listed, whatever the scheme */
  'url/ip-or-localhost': { host: 0.96 },

  'dns/failure': {
    nxdomain: 0.92,
    servfail: 0.85,
    nodata: 0.85,
    timeout: 0.75,
    'resolver-refused': 0.5,
    other: 0.6,
    clientHttpdns: 0.6,
    clientProbeResolves: 0.5,
    clientNoProbe: 0.6,
  },
  'dns/mismatch': { viewsDiffer: 0.7, viewsAgree: 0.55 },

  'tcp/refused': { guess: { missing: 0.6, fine: 0.3 } },
  'tcp/timeout': { guess: { missing: 0.55, fine: 0.3 } },
  /** tcp/refused and tcp/timeout share it: how the probe's connect step failed */
  connectStep: {
    refused: 0.92,
    timeout: 0.9,
    unreachable: 0.65,
    mixed: 0.6,
    stepTimedOutNoResult: 0.7,
    tlsConnectsRefused: 0.85,
  },

  'icp/filing-block': {
    /** target SNI silently reset, both no-SNI and control-SNI complete */
    resetBothControlsOk: 0.92,
    resetOneControlOk: 0.88,
    /** the controls are refused with an alert: the server talks TLS, only the target name is reset */
    resetControlsAnswered: 0.8,
    /** only the target SNI was tried: an SNI filter cannot be told from the server */
    resetUncontrolled: 0.5,
    /**
     * target SNI held unanswered (significantly more than the controls), a control completes; below
     * the reset: an SNI-routing proxy whose upstream for that name is dead hangs the same way
     */
    dropControlsOk: 0.86,
    blockPageOnly: 0.8,
    /** a block page beside a TLS signature */
    blockPageBonus: 0.05,
    /** fewer than 3 target-SNI attempts */
    fewAttemptsPenalty: 0.15,
    max: 0.97,
    guess: { missing: 0.45, fine: 0.25 },
  },

  'tls/reset-every-sni': {
    severalVariants: 0.88,
    oneVariant: 0.5,
    /** some handshakes reset on every SNI alike (the target's share not significantly higher) */
    scattered: 0.6,
    /** …when at least this share of all the variants' handshakes was reset or closed */
    scatteredMinShare: 0.1,
    guess: { missing: 0.35, fine: 0.3 },
  },
  'tls/hang-every-sni': { hang: 0.7 },
  'tls/version-or-alert': {
    onlyOldVersionsComplete: 0.92,
    modernRefusedAsVersion: 0.8,
    modernAlert: 0.85,
    defaultHandshakeVersion: 0.75,
    defaultHandshakeAlert: 0.75,
    guess: { missing: 0.45, fine: 0.25 },
  },
  'tls/plain-http-on-tls-port': { plainHttp: 0.9 },
  'tls/alpn-refused': { alpn: 0.88 },
  /** the server demanded a client certificate (certificate_required, or an alert after a CertificateRequest) */
  'tls/client-cert-required': { required: 0.93 },

  'certificate/expired': { chainDate: 0.95, codeOnly: 0.85, guess: { missing: 0.45, fine: 0.3 } },
  'certificate/not-yet-valid': { chainDate: 0.95, codeOnly: 0.85, phoneClock: 0.5 },
  'certificate/hostname-mismatch': {
    mismatch: 0.92,
    /** no SAN at all: Node falls back to the CN, Chromium and Apple refuse (platform-profiles.ts) */
    noSan: 0.92,
    /** a SAN that Node matches and Chromium / Apple do not (a partial wildcard) */
    platformName: 0.8,
    guess: { missing: 0.5, fine: 0.3 },
  },
  'certificate/self-signed': { untrusted: 0.92, trustedByProbe: 0.8 },
  'certificate/chain-or-root': {
    aiaCompletes: 0.92,
    rootInChain: 0.9,
    aiaStillUntrusted: 0.88,
    missingIssuerShortChain: 0.6,
    missingIssuerLongChain: 0.55,
    guessChain: { missing: 0.4, fine: 0.3 },
    guessRoot: { missing: 0.4, fine: 0.3 },
  },
  'certificate/weak': {
    weak: 0.88,
    /** only some of WeChat's platforms refuse (e.g. RSA 1024 + SHA-256: iOS only) */
    somePlatforms: 0.8,
  },

  'http/error-status': {
    status5xx: 0.85,
    status404: 0.75,
    /** 401, 403, 405, 429: often the request's fault, not the server's */
    statusAuthOrMethod: 0.55,
    statusOther: 0.65,
    clientBesideProbe: 0.7,
    clientOnly: 0.8,
  },
  'http/redirect-problem': { strong: 0.85, offsiteOnly: 0.7, guess: { missing: 0.6, fine: 0.3 } },
  'http/server-slow': {
    probeTimedOut: 0.85,
    beyondClientTimeout: 0.85,
    nearClientTimeout: 0.6,
    nearProbeTimeout: 0.55,
    guessTlsDone: { missing: 0.55, fine: 0.3 },
    guess: { missing: 0.4, fine: 0.3 },
  },

  'client-network/phone-side': {
    outsideOk: 0.9,
    outsideProblem: 0.5,
    noOutside: 0.7,
    /** only address-unreachable: it can be the server's routing too */
    onlyUnreachablePenalty: 0.2,
    networkNoneBonus: 0.05,
    max: 0.95,
  },
  'client-network/phone-context': {
    /** the known-good control URL failed as well: this phone's network */
    controlFailsOutsideOk: 0.9,
    controlFails: 0.8,
    /** a system proxy on, TLS/certificate errors the outside probe does not see */
    proxyOutsideOk: 0.85,
    proxyOutsideUnseen: 0.6,
    /** every failure ran while the network changed or was weak */
    networkEvents: 0.8,
  },
  /**
   * The phone's error names a class (certificate name, trust, TLS version) that the probe, with
   * completed handshakes on the target name, looked for and did not see: the cause it names, less
   * sure than when the probe confirms it (0.85–0.92 there).
   */
  'views/phone-only-class': {
    /** every informative failure, two or more, has this one class */
    consistent: 0.55,
    /** a single such failure, or beside other errors */
    some: 0.4,
    /** added when the phone's profile.peerIP is an address the probe did not check */
    peerElsewhere: 0.1,
  },
  'intermittent/mixed-outcomes': { mixed: 0.6 },

  /** a cause on some of the name's addresses only (rules/address.ts) */
  'address/some-addresses': {
    // a certificate or a refused connect on an address is no chance event
    deterministic: 0.86,
    tlsBeyondChance: 0.8,
    // too few handshakes to tell the address from chance: said, but below the probe-confirmed causes
    tlsWithinChance: 0.45,
    // the phone's failing requests went to a bad address: the verdict is about it
    peerOnBad: 0.94,
    // they went to an address that answers cleanly: something else failed them
    peerOnGood: 0.3,
    share: 0.6,
  },
} as const satisfies Record<string, unknown>;
