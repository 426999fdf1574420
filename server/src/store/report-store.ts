/**
 * Where reports live: the observations (the record) plus the last diagnosis computed from them and
 * the rules version that computed it (a cache, recomputed when the rules change). A small interface
 * so another backend can replace SQLite later; every method is async for that reason.
 */
import type { ClientObservation } from '../../../shared/observations/client';
import type { ProbeObservation } from '../../../shared/observations/probe';
import type { Diagnosis } from '../../../shared/observations/report';

export type StoredReport = {
  id: string;
  /** ms since epoch, server clock */
  createdAt: number;
  url: string;
  client: ClientObservation | null;
  probe: ProbeObservation | null;
  diagnosis: Diagnosis;
  rulesVersion: string;
};

/**
 * A stored report as the JSON texts it is kept in, for answers that pass the observations on as they
 * are: nothing is parsed or encoded again, however large or deeply nested a document is.
 */
export type StoredReportText = {
  id: string;
  createdAt: number;
  url: string;
  clientJson: string | null;
  probeJson: string | null;
  diagnosisJson: string;
  rulesVersion: string;
};

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
  'diagnosis_json',
  'rules_version',
] as const satisfies readonly (keyof ReportRow)[];

export function reportToRow(report: StoredReport): ReportRow & { created_at: number } {
  return {
    id: report.id,
    created_at: report.createdAt,
    url: report.url,
    client_json: report.client === null ? null : JSON.stringify(report.client),
    probe_json: report.probe === null ? null : JSON.stringify(report.probe),
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
    diagnosis: JSON.parse(text.diagnosisJson),
    rulesVersion: text.rulesVersion,
  };
}

export interface ReportStore {
  /** Resolves only once the report is durable (survives a hard kill of the process). */
  insert(report: StoredReport): Promise<void>;
  get(id: string): Promise<StoredReport | null>;
  /** The same report, its documents left as the stored JSON text. */
  getText(id: string): Promise<StoredReportText | null>;
  /** Replace the cached diagnosis after a re-diagnosis with newer rules. */
  updateDiagnosis(id: string, diagnosis: Diagnosis, rulesVersion: string): Promise<void>;
  /** Retention: remove reports created before `cutoffMs`; returns how many went. */
  deleteCreatedBefore(cutoffMs: number): Promise<number>;
  /** Cheap liveness check for /healthz. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

/** Thrown by `insert` when the id is taken (the caller draws a new one). */
export class DuplicateReportIdError extends Error {
  constructor(id: string) {
    super(`report id already exists: ${id}`);
    this.name = 'DuplicateReportIdError';
  }
}
