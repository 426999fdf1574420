/**
 * Where reports live: the observations (the record) plus the last diagnosis computed from them and
 * the rules version that computed it (a cache, recomputed when the rules change). A small interface
 * so another backend can replace SQLite later; every method is async for that reason.
 */
import type { ClientObservation } from '../../../shared/observations/client';
import type { ProbeObservation } from '../../../shared/observations/probe';
import type { Diagnosis } from '../../../shared/observations/report';
import type { VantageProbe } from '../report/vantage-report';
import type { NewReportRow } from './report-row';

export type StoredReport = {
  id: string;
  /** ms since epoch, server clock */
  createdAt: number;
  url: string;
  client: ClientObservation | null;
  probe: ProbeObservation | null;
  /** A report from several vantages: every vantage asked, in order (`probe` is the first answer's). */
  vantages?: VantageProbe[] | null;
  /**
   * The last diagnosis; null for observations stored undiagnosed (an upload that asked for no report
   * back), whose `rulesVersion` is UNDIAGNOSED: their first read diagnoses them.
   */
  diagnosis: Diagnosis | null;
  rulesVersion: string;
};

/** The rules version of observations stored undiagnosed: no rules version equals it. */
export const UNDIAGNOSED = '';

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
  vantagesJson: string | null;
  /** `null` (the JSON text) for observations stored undiagnosed. */
  diagnosisJson: string;
  rulesVersion: string;
};

export interface ReportStore {
  /**
   * Resolves only once the report is durable (survives a hard kill of the process). `row` is the
   * report already encoded by `reportToRow`, when the caller needs its texts too (encoded once).
   */
  insert(report: StoredReport, row?: NewReportRow): Promise<void>;
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
