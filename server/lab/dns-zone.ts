/**
 * What the lab's DNS server says about each name. Lab names answer A with their endpoint's
 * address (AAAA: NOERROR, empty, except the multi-address cases' further addresses); the special names fail in one way each; `rebind` changes its
 * answer after the first lookup. Names outside the lab are refused: this is no recursive resolver.
 */
import { LAB_DOMAIN, OFFSITE_NAME, hostOfCase } from './manifest';
import { RCODES, RR_TYPES, type DnsQuestion, type DnsRecord, type Rcode } from './dns-wire';

export type ZoneAnswer = { rcode: Rcode; answers: DnsRecord[] } | 'no-answer';

export type LabZone = {
  answer(question: DnsQuestion): ZoneAnswer;
  /** How many A lookups the rebind name has had. */
  rebindLookups(): number;
};

const TTL_SECONDS = 60;

export const SPECIAL_NAMES = {
  nxdomain: hostOfCase('nxdomain'),
  servfail: hostOfCase('servfail'),
  empty: hostOfCase('empty'),
  timeout: hostOfCase('timeout'),
  rebind: hostOfCase('rebind'),
  cname: hostOfCase('cname'),
  cname2: hostOfCase('cname-2'),
} as const;

/** cname → cname-2 → ok: a chain of two CNAMEs ending at the ok endpoint. */
const CNAME_CHAIN = new Map<string, string>([
  [SPECIAL_NAMES.cname, SPECIAL_NAMES.cname2],
  [SPECIAL_NAMES.cname2, hostOfCase('ok')],
]);

function normalize(name: string): string {
  return name.toLowerCase().replace(/\.$/, '');
}

function inZone(name: string): boolean {
  return name === LAB_DOMAIN || name.endsWith(`.${LAB_DOMAIN}`) || name === OFFSITE_NAME;
}

export function createLabZone(options: {
  /** Name → IPv4 address for every lab name that resolves plainly. */
  addresses: ReadonlyMap<string, string>;
  rebindFirst: string;
  rebindLater: string;
  /** Name → further addresses (IPv4 answered as A, IPv6 as AAAA): the multi-address cases. */
  extraAddresses?: ReadonlyMap<string, readonly string[]>;
}): LabZone {
  let rebindCount = 0;

  function answer(question: DnsQuestion): ZoneAnswer {
    const name = normalize(question.name);
    const refused = { rcode: RCODES.REFUSED, answers: [] };
    if (!inZone(name)) return refused;
    switch (name) {
      case SPECIAL_NAMES.timeout:
        return 'no-answer';
      case SPECIAL_NAMES.servfail:
        return { rcode: RCODES.SERVFAIL, answers: [] };
      case SPECIAL_NAMES.nxdomain:
        return { rcode: RCODES.NXDOMAIN, answers: [] };
      case SPECIAL_NAMES.empty:
      case LAB_DOMAIN:
        return { rcode: RCODES.NOERROR, answers: [] };
    }

    const records: DnsRecord[] = [];
    let current = name;
    for (let target = CNAME_CHAIN.get(current); target; target = CNAME_CHAIN.get(current)) {
      records.push({ name: current, type: 'CNAME', ttl: TTL_SECONDS, target });
      if (question.type === RR_TYPES.CNAME) return { rcode: RCODES.NOERROR, answers: records };
      current = target;
    }

    if (current === SPECIAL_NAMES.rebind) {
      if (question.type !== RR_TYPES.A) return { rcode: RCODES.NOERROR, answers: records };
      rebindCount += 1;
      const address = rebindCount === 1 ? options.rebindFirst : options.rebindLater;
      return { rcode: RCODES.NOERROR, answers: [...records, { name: current, type: 'A', ttl: 0, address }] };
    }

    const address = options.addresses.get(current);
    if (address === undefined) {
      return { rcode: records.length > 0 ? RCODES.NOERROR : RCODES.NXDOMAIN, answers: records };
    }
    const extra = options.extraAddresses?.get(current) ?? [];
    if (question.type === RR_TYPES.A) {
      for (const a of [address, ...extra.filter((e) => !e.includes(':'))])
        records.push({ name: current, type: 'A', ttl: TTL_SECONDS, address: a });
    }
    if (question.type === RR_TYPES.AAAA) {
      for (const a of extra.filter((e) => e.includes(':')))
        records.push({ name: current, type: 'AAAA', ttl: TTL_SECONDS, address: a });
    }
    return { rcode: RCODES.NOERROR, answers: records };
  }

  return { answer, rebindLookups: () => rebindCount };
}
