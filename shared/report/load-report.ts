/**
 * Loading a stored report document of any version still read (`REPORT_SCHEMA_IDS`). Its
 * observations are the record; its diagnosis is only a cache. A current-version report judged by the
 * current rules is taken as it is; any other (a `wxprobe.report/1` with text evidence, or one judged
 * by older rules) is diagnosed again from its observations, so it comes back as a current report.
 */
import { RULES_VERSION } from '../diagnose/diagnose';
import { parseAnyReport, parseReport, type Parsed } from '../observations/index';
import { REPORT_SCHEMA_ID, type Report } from '../observations/report';
import { buildReport } from './build-report';

export function loadReport(value: unknown): Parsed<Report> {
  const current = parseReport(value);
  if (current.ok && current.value.diagnosis.rulesVersion === RULES_VERSION) return current;
  const any = parseAnyReport(value);
  // A document that claims the current version must be valid as one: its errors say what is wrong.
  if (!any.ok)
    return current.ok || (value as { schema?: unknown })?.schema === REPORT_SCHEMA_ID ? current : any;
  const r = any.value;
  return {
    ok: true,
    value: buildReport({
      url: r.url,
      client: r.client,
      probe: r.probe,
      ...(r.vantages !== undefined ? { vantages: [...r.vantages] } : {}),
      ...(r.id !== undefined ? { id: r.id } : {}),
      ...(r.createdAt !== undefined ? { createdAt: r.createdAt } : {}),
    }),
  };
}
