/**
 * Reports: the stored observations plus a diagnosis derived from them. On create the observations are
 * diagnosed and stored together with the rules version; on read a report diagnosed by other rules is
 * diagnosed again (and the cached diagnosis replaced), so old links show what the current rules say.
 */
import type { ClientObservation } from '../../../shared/observations/client';
import type { ProbeObservation } from '../../../shared/observations/probe';
import { REPORT_SCHEMA_ID, type Diagnosis, type Report } from '../../../shared/observations/report';
import { newReportId } from '../store/report-id';
import {
  UNDIAGNOSED,
  type ReportStore,
  type StoredReport,
  type StoredReportText,
} from '../store/report-store';
import { reportToRow, rowToReportText } from '../store/report-row';
import { reportJsonChunks } from './report-json';
import type { VantageProbe } from './vantage-report';

/** The rules: both views, and with several vantages every vantage's probe (`probe` is the first answer's). */
export type DiagnoseFn = (
  client: ClientObservation | null,
  probe: ProbeObservation | null,
  vantages?: readonly VantageProbe[] | null,
) => Diagnosis;

export type NewReport = {
  url: string;
  client: ClientObservation | null;
  probe: ProbeObservation | null;
  /** Several vantages: each one asked, in order (assembleVantages); absent for one. */
  vantages?: VantageProbe[] | null;
  /** Use this id (a probe job announces its id before the report exists); drawn fresh otherwise. */
  id?: string;
};

/** A stored report whose diagnosis is there (the caller checked its rules version). */
type DiagnosedReport = StoredReport & { diagnosis: Diagnosis };

export function toReport(stored: DiagnosedReport): Report {
  return {
    schema: REPORT_SCHEMA_ID,
    id: stored.id,
    createdAt: new Date(stored.createdAt).toISOString(),
    url: stored.url,
    client: stored.client,
    probe: stored.probe,
    ...(stored.vantages ? { vantages: stored.vantages } : {}),
    diagnosis: stored.diagnosis,
  };
}

export class ReportService {
  constructor(
    private readonly store: ReportStore,
    private readonly diagnose: DiagnoseFn,
    readonly rulesVersion: string,
    private readonly now: () => number = Date.now,
  ) {}

  private diagnosisOf(
    client: ClientObservation | null,
    probe: ProbeObservation | null,
    vantages: readonly VantageProbe[] | null,
  ): Diagnosis {
    const diagnosis = this.diagnose(client, probe, vantages);
    return { ...diagnosis, rulesVersion: diagnosis.rulesVersion ?? this.rulesVersion };
  }

  /** The report to store, diagnosed now (a queue worker inserts it itself: exactly-once there). */
  prepare(input: NewReport): DiagnosedReport {
    return {
      ...this.observed(input),
      diagnosis: this.diagnosisOf(input.client, input.probe, input.vantages ?? null),
      rulesVersion: this.rulesVersion,
    };
  }

  /** What a stored report holds besides its diagnosis: its id, when, and the observations. */
  private observed(input: NewReport): Omit<StoredReport, 'diagnosis' | 'rulesVersion'> {
    return {
      // 128 random bits: a collision is not a practical concern (the primary key would refuse it).
      id: input.id ?? newReportId(),
      createdAt: this.now(),
      url: input.url,
      client: input.client,
      probe: input.probe,
      vantages: input.vantages ?? null,
    };
  }

  /** Diagnoses and stores; resolves once the report is durable. */
  async create(input: NewReport): Promise<Report> {
    return (await this.createWithJson(input)).report;
  }

  /**
   * The same, with the report's JSON answer put together from the texts just stored (report-json.ts):
   * the documents are encoded once, for the store and the answer alike, and the answer is byte for
   * byte what `getJson` will later send.
   */
  async createWithJson(input: NewReport): Promise<{ report: Report; json: string }> {
    const stored = this.prepare(input);
    const row = reportToRow(stored);
    await this.store.insert(stored, row);
    return { report: toReport(stored), json: [...reportJsonChunks(rowToReportText(row))].join('') };
  }

  /**
   * Stores the observations without diagnosing them, for an upload that asked for no report back
   * (`Prefer: return=minimal`): what the diagnosis costs — the rules, and its texts encoded, stored
   * and sent — is paid by the first read instead, as for a report of older rules (`get`, `getJson`).
   * Resolves once the observations are durable.
   */
  async createUndiagnosed(input: NewReport): Promise<{ id: string; createdAt: number; url: string }> {
    const stored: StoredReport = { ...this.observed(input), diagnosis: null, rulesVersion: UNDIAGNOSED };
    await this.store.insert(stored);
    return { id: stored.id, createdAt: stored.createdAt, url: stored.url };
  }

  ping(): Promise<void> {
    return this.store.ping();
  }

  async get(id: string): Promise<Report | null> {
    const stored = await this.store.get(id);
    if (!stored) return null;
    if (stored.rulesVersion === this.rulesVersion && stored.diagnosis !== null) {
      return toReport({ ...stored, diagnosis: stored.diagnosis });
    }
    const diagnosis = await this.rediagnose(id, stored.client, stored.probe, stored.vantages ?? null);
    return toReport({ ...stored, diagnosis, rulesVersion: this.rulesVersion });
  }

  /**
   * The report as JSON text pieces (report-json.ts), re-diagnosed first when the rules changed: the
   * observations go out as stored, so any stored report can be sent, however large or nested.
   */
  async getJson(id: string): Promise<{ chunks: Iterable<string>; createdAt: number } | null> {
    const stored = await this.store.getText(id);
    if (!stored) return null;
    const { createdAt } = stored;
    if (stored.rulesVersion === this.rulesVersion) return { chunks: reportJsonChunks(stored), createdAt };
    const parse = (text: string | null) => (text === null ? null : JSON.parse(text));
    const diagnosis = await this.rediagnose(
      id,
      parse(stored.clientJson),
      parse(stored.probeJson),
      parse(stored.vantagesJson),
    );
    const current: StoredReportText = { ...stored, diagnosisJson: JSON.stringify(diagnosis) };
    return { chunks: reportJsonChunks(current), createdAt };
  }

  private async rediagnose(
    id: string,
    client: ClientObservation | null,
    probe: ProbeObservation | null,
    vantages: readonly VantageProbe[] | null,
  ): Promise<Diagnosis> {
    const diagnosis = this.diagnosisOf(client, probe, vantages);
    await this.store.updateDiagnosis(id, diagnosis, this.rulesVersion);
    return diagnosis;
  }
}
