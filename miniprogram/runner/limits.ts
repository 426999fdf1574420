/**
 * Every number the runner obeys, named in one place. WeChat's own limits come from
 * wechat-network-facts.md §1.6 (network.md and its copies).
 */
export const LIMITS = {
  /** request / uploadFile / downloadFile: at most 10 concurrent calls. */
  maxConcurrentHttp: 10,
  /** connectSocket: at most 5 concurrent sockets. */
  maxConcurrentSocket: 5,
  defaultAttempts: 10,
  maxAttempts: 100,
  /** WeChat's default is 60 s; a shorter default keeps a failing run of 10 attempts bearable. */
  defaultTimeoutMs: 15_000,
  minTimeoutMs: 1_000,
  /** WeChat caps the timeout at 60 s on some clients (community reports): more is not honoured. */
  maxTimeoutMs: 60_000,
  /** Our own guard after WeChat's timeout, for a callback that never comes. */
  watchdogGraceMs: 5_000,
  /** wxprobe.client/1 caps errMsg at 4096 characters. */
  maxErrMsgLength: 4096,
  /** The domain-check detection request. */
  domainCheckTimeoutMs: 10_000,
} as const;

/** A host under `.invalid` (RFC 6761) never resolves and is never in anyone's domain list. */
export const DOMAIN_CHECK_URL = 'https://domain-check.wxprobe.invalid/';
