/**
 * How a reader names the TLS variants and the ways a handshake attempt ends, and the one grouping of
 * a variant's attempts by how they ended (`10×RST`) that every medium prints. Keyed by the
 * vocabulary's ids, so a variant or ending added there without a label here fails to compile.
 */
import type { TlsAttempt, TlsEnd } from '../observations/probe';
import type { TlsVariantId } from '../observations/vocabulary';
import type { Lang, Localized } from '../taxonomy/codes';

export const TLS_VARIANT_LABELS = {
  'sni-host': { zh: '目标 SNI', en: 'target SNI' },
  'no-sni': { zh: '无 SNI', en: 'no SNI' },
  'control-sni': { zh: '对照 SNI', en: 'control SNI' },
  'split-hello': { zh: '分段 ClientHello', en: 'split ClientHello' },
} as const satisfies Record<TlsVariantId, Localized>;

export const TLS_END_LABELS = {
  handshake: { zh: '握手完成', en: 'handshake' },
  rst: { zh: 'RST', en: 'RST' },
  fin: { zh: 'FIN', en: 'FIN' },
  timeout: { zh: '超时', en: 'timeout' },
  alert: { zh: '告警', en: 'alert' },
  error: { zh: '出错', en: 'error' },
} as const satisfies Record<TlsEnd, Localized>;

function known<T extends object>(table: T, key: string): key is Extract<keyof T, string> {
  return Object.prototype.hasOwnProperty.call(table, key);
}

/**
 * A variant's name in `lang`. An id the table does not know (a newer probe, a hand-edited document)
 * is shown as the raw id, never as "undefined".
 */
export function variantLabel(id: string, lang: Lang): string {
  return known(TLS_VARIANT_LABELS, id) ? TLS_VARIANT_LABELS[id][lang] : id;
}

/** How an attempt ended, in `lang`; an unknown ending is shown raw. */
export function endLabel(end: string, lang: Lang): string {
  return known(TLS_END_LABELS, end) ? TLS_END_LABELS[end][lang] : end;
}

export type EndingGroup = {
  end: string;
  /** the ending in the reader's language */
  label: string;
  count: number;
  ok: boolean;
  /** the alerts the server sent in this group, by name, each once */
  alerts: string[];
  /** the most bytes the server sent before a failed attempt ended (null for handshakes) */
  serverBytes: number | null;
};

type Ending = Pick<TlsAttempt, 'ok' | 'end'> & Partial<Pick<TlsAttempt, 'alert' | 'serverBytes'>>;

/** A variant's attempts grouped by success and how they ended, in first-seen order. */
export function endingGroups(attempts: readonly Ending[], lang: Lang): EndingGroup[] {
  const groups = new Map<string, EndingGroup>();
  for (const a of attempts) {
    const key = `${a.ok}|${a.end}`;
    const group = groups.get(key) ?? {
      end: a.end,
      label: endLabel(a.end, lang),
      count: 0,
      ok: a.ok,
      alerts: [],
      serverBytes: null,
    };
    group.count += 1;
    const alert = a.alert?.description;
    if (alert && !group.alerts.includes(alert)) group.alerts.push(alert);
    if (!a.ok && typeof a.serverBytes === 'number')
      group.serverBytes = Math.max(group.serverBytes ?? 0, a.serverBytes);
    groups.set(key, group);
  }
  return [...groups.values()];
}

/** The failed attempts by how they ended, on one line: `9×RST 1×超时` (empty when none failed). */
export function endingSummary(attempts: readonly Ending[], lang: Lang): string {
  return endingGroups(attempts, lang)
    .filter((g) => !g.ok)
    .map((g) => `${g.count}×${g.label}`)
    .join(' ');
}
