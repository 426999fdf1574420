/**
 * A whole measurement inside WeChat: environment, active domain-check detection, then the attempts;
 * the result is a `wxprobe.client/1` document checked against its schema before anyone uploads it.
 */
import { parseClientObservation, type ValidationError } from '../shared/observations/index';
import type { ClientObservation } from '../shared/observations/client';
import type { AttemptRecord } from './attempt';
import { buildClientDocument } from './client-document';
import { detectDomainCheck } from './domain-check';
import { readEnvironment } from './environment';
import { runAttempts, type AttemptsRun } from './run-attempts';
import type { RunConfig } from './run-config';

export type MeasureStep = 'environment' | 'domain-check' | 'attempts';

export type Measurement = {
  document: ClientObservation;
  cancelled: boolean;
  /** Empty when the document matches wxprobe.client/1. */
  schemaErrors: ValidationError[];
};

export type MeasureHooks = {
  onStep?: (step: MeasureStep) => void;
  onAttempt?: (record: AttemptRecord) => void;
};

export type MeasureRun = { cancel(): void; done: Promise<Measurement> };

/** uploadFile needs a file: a small one in the mini-program's user data folder. */
function prepareUploadFile(): string {
  const path = `${wx.env.USER_DATA_PATH}/wxprobe-upload.txt`;
  wx.getFileSystemManager().writeFileSync(path, 'wxprobe upload attempt\n', 'utf8');
  return path;
}

export function measure(config: RunConfig, hooks: MeasureHooks = {}): MeasureRun {
  let cancelled = false;
  let attemptsRun: AttemptsRun | null = null;

  async function run(): Promise<Measurement> {
    const startedAt = Date.now();
    hooks.onStep?.('environment');
    const environment = await readEnvironment();
    hooks.onStep?.('domain-check');
    const domainCheck = await detectDomainCheck();
    let attempts: AttemptRecord[] = [];
    if (!cancelled) {
      hooks.onStep?.('attempts');
      const uploadFilePath = config.api === 'uploadFile' ? prepareUploadFile() : '';
      attemptsRun = runAttempts(config, (record) => hooks.onAttempt?.(record), uploadFilePath);
      const result = await attemptsRun.done;
      attempts = result.attempts;
      cancelled = cancelled || result.cancelled;
    }
    const document = buildClientDocument({
      config,
      environment,
      domainCheck,
      attempts,
      startedAt,
      finishedAt: Date.now(),
      cancelled,
    });
    const parsed = parseClientObservation(document);
    return { document, cancelled, schemaErrors: parsed.ok ? [] : parsed.errors };
  }

  return {
    cancel() {
      cancelled = true;
      attemptsRun?.cancel();
    },
    done: run(),
  };
}
