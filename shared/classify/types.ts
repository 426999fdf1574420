/**
 * Shapes shared by the raw-error classifier's tables and its entry point (classify.ts).
 * The classifier interprets one raw client error; it never measures anything.
 */
import type { Kind, Phase } from '../taxonomy/codes';

/** What one raw client error is, according to the classifier. `raw` itself is kept by the caller. */
export type ClientErrorClass = {
  phase: Phase;
  kind: Kind;
  /** The Chromium net error, NSURLError / CFNetwork / SecureTransport code or WeChat errno that decided it. */
  code?: number;
  /** That code's name: `ERR_CONNECTION_RESET`, `NSURLErrorSecureConnectionFailed`, `600002`… */
  codeName?: string;
  /** The API prefix seen in the text (`request`, `uploadFile`, `createSocketTask`…) or the one given. */
  api?: string;
  /** The platform given (lower case), else the one the text's format proves, else `unknown`. */
  platform: string;
};

/** Everything the classifier accepts. Every field may be junk: it must still answer. */
export type ClassifyInput = {
  raw: unknown;
  errno?: unknown;
  platform?: unknown;
  api?: unknown;
};

/** Platforms whose error formats are distinct enough to be recognised from the text alone. */
export type FormatPlatform = 'android' | 'ios' | 'devtools';

/** One source's reading of the text: which code it saw and what kind that code means. */
export type CodeReading = {
  kind: Kind;
  code?: number;
  codeName: string;
};
