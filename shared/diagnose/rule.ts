/**
 * The contract between the engine and the rule families. A rule reads the context and proposes
 * candidate verdicts; the engine weighs them against the client's errors, ranks and dedupes them.
 */
import type { Evidence } from '../observations/evidence';
import type { Cause, Kind, Localized } from '../taxonomy/codes';
import type { Context } from './context';

export const RULE_FAMILIES = [
  'domain-list',
  'url',
  'dns',
  'tcp',
  'tls',
  'certificate',
  'icp',
  'http',
  'address',
  'client-network',
  'views',
  'intermittent',
] as const;
export type RuleFamily = (typeof RULE_FAMILIES)[number];

/**
 * What a conclusion rests on. The engine checks `probe` conclusions against the client's classified
 * errors (agreement raises confidence, contradiction lowers it); `client` and `url` conclusions
 * already come from the client or the URL itself.
 */
export type Basis = 'probe' | 'client' | 'url';

export type Texts = { title: Localized; explanation: Localized; fix: Localized };

export type Candidate = Texts & {
  cause: Cause;
  confidence: number;
  evidence: Evidence[];
  basis: Basis;
  /** client kinds this particular finding produces on the phone, when they differ from the cause's usual ones */
  clientKinds?: readonly Kind[];
};

export type Rule = {
  /** stable id: `<family>/<name>` */
  id: string;
  family: RuleFamily;
  evaluate(ctx: Context): Candidate[];
};

export function candidate(
  cause: Cause,
  confidence: number,
  basis: Basis,
  evidence: Evidence[],
  texts: Texts,
): Candidate {
  return { cause, confidence, basis, evidence, ...texts };
}

/** zh + en in one call; Chinese first because it is the default language. */
export function L(zh: string, en: string): Localized {
  return { zh, en };
}

/** Join localized fragments, skipping empty ones. */
export function joinL(parts: ReadonlyArray<Localized | null | undefined | false | ''>, sep = ' '): Localized {
  const present = parts.filter((p): p is Localized => !!p);
  const zhSep = sep === ' ' ? '' : sep;
  return {
    zh: present
      .map((p) => p.zh)
      .filter(Boolean)
      .join(zhSep),
    en: present
      .map((p) => p.en)
      .filter(Boolean)
      .join(sep),
  };
}
