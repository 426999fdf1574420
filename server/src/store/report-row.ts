/** How a stored report maps to the `reports` table's row, the same for both backends. */
import type { StoredReport, StoredReportText } from './report-store';

/**
 * A report as both backends keep it: one row of the `reports` table, the documents as JSON text.
 * PostgreSQL hands a `bigint` back as a string, hence `created_at`'s two types.
 */
export type ReportRow = {
  id: string;
  created_at: number | string;
  url: string;
  client_json: string | null;
  probe_json: string | null;
  /** Every vantage asked and what each answered (several vantages only; null otherwise). */
  vantages_json: string | null;
  diagnosis_json: string;
  rules_version: string;
};

/** The columns in the order of the backends' INSERT statements. */
export const REPORT_COLUMNS = [
  'id',
  'created_at',
  'url',
  'client_json',
  'probe_json',
  'vantages_json',
  'diagnosis_json',
  'rules_version',
] as const satisfies readonly (keyof ReportRow)[];

/** A row about to be inserted (its time still a number). */
export type NewReportRow = ReportRow & { created_at: number };

export function reportToRow(report: StoredReport): NewReportRow {
  return {
    id: report.id,
    created_at: report.createdAt,
    url: report.url,
    client_json: report.client === null ? null : JSON.stringify(report.client),
    probe_json: report.probe === null ? null : JSON.stringify(report.probe),
    vantages_json: report.vantages ? JSON.stringify(report.vantages) : null,
    diagnosis_json: JSON.stringify(report.diagnosis),
    rules_version: report.rulesVersion,
  };
}

export function rowToReportText(row: ReportRow): StoredReportText {
  return {
    id: row.id,
    createdAt: Number(row.created_at),
    url: row.url,
    clientJson: row.client_json,
    probeJson: row.probe_json,
    vantagesJson: row.vantages_json ?? null,
    diagnosisJson: row.diagnosis_json,
    rulesVersion: row.rules_version,
  };
}

export function rowToReport(row: ReportRow): StoredReport {
  const text = rowToReportText(row);
  return {
    id: text.id,
    createdAt: text.createdAt,
    url: text.url,
    client: text.clientJson === null ? null : JSON.parse(text.clientJson),
    probe: text.probeJson === null ? null : JSON.parse(text.probeJson),
    ...(text.vantagesJson === null ? {} : { vantages: JSON.parse(text.vantagesJson) }),
    diagnosis: JSON.parse(text.diagnosisJson),
    rulesVersion: text.rulesVersion,
  };
}
