/**
 * Runs the planned attempts with at most `concurrency` in flight (clamped to WeChat's limit: 10 for
 * request/uploadFile/downloadFile, 5 for connectSocket). Attempts come back in index order.
 */
import { startAttempt, type AttemptHandle, type AttemptRecord } from './attempt';
import { maxConcurrency, type RunConfig } from './run-config';

export type AttemptsResult = { attempts: AttemptRecord[]; cancelled: boolean };
export type AttemptsRun = { cancel(): void; done: Promise<AttemptsResult> };

export function runAttempts(
  config: RunConfig,
  onAttempt: (record: AttemptRecord) => void,
  uploadFilePath = '',
): AttemptsRun {
  const inFlight = new Set<AttemptHandle>();
  const records: AttemptRecord[] = [];
  let next = 0;
  let cancelled = false;

  async function worker(): Promise<void> {
    while (!cancelled && next < config.attempts) {
      const index = next++;
      const handle = startAttempt(config, index, uploadFilePath);
      inFlight.add(handle);
      const record = await handle.done;
      inFlight.delete(handle);
      if (record) {
        records.push(record);
        onAttempt(record);
      }
    }
  }

  const workers = Math.min(
    config.attempts,
    Math.max(1, Math.min(config.concurrency, maxConcurrency(config.api))),
  );
  const done = Promise.all(Array.from({ length: workers }, worker)).then(() => ({
    attempts: records.sort((a, b) => a.index - b.index),
    cancelled,
  }));
  return {
    cancel() {
      cancelled = true;
      for (const handle of inFlight) handle.abort();
    },
    done,
  };
}
