/**
 * Every rule, family by family. Adding a rule: write it in its family's file (or a new file under
 * rules/) and list it here. The order is the tie-break after confidence and the cause's taxonomy
 * order, so keep it stable.
 */
import type { Rule } from './rule';
import { addressRules } from './rules/address';
import { certificateRules } from './rules/certificate';
import { clientNetworkRules } from './rules/client-network';
import { dnsRules } from './rules/dns';
import { domainListRules } from './rules/domain-list';
import { httpRules } from './rules/http';
import { icpRules } from './rules/icp';
import { intermittentRules } from './rules/intermittent';
import { tcpRules } from './rules/tcp';
import { tlsRules } from './rules/tls';
import { urlRules } from './rules/url';
import { viewsRules } from './rules/views';

export const RULES: readonly Rule[] = [
  ...domainListRules,
  ...urlRules,
  ...dnsRules,
  ...tcpRules,
  ...icpRules,
  ...tlsRules,
  ...certificateRules,
  ...httpRules,
  ...addressRules,
  ...clientNetworkRules,
  ...viewsRules,
  ...intermittentRules,
];
