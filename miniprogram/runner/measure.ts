/**
 * A whole measurement inside WeChat: environment, the domain-check probe, then the planned attempts;
 * the result is a `wxprobe.client/1` document checked against its schema before anyone uploads it.
 * The run pauses while the app is in the background and records the network events it saw. The
 * document carries raw facts only: `env.domainCheck` is read from `env.domainCheckRaw` by
 * `withDomainCheckRead` (shared/classify/domain-check.ts) when it is stored or uploaded.
 */
import { parseClientObservation } from '../shared/observations/parse-client';
import type { ValidationError } from '../shared/observations/validate';
import type { ClientObservation } from '../shared/observations/client';
import type { AttemptRecord } from './attempt';
import { watchAppVisibility } from './app-visibility';
import { buildClientDocument } from './client-document';
import { detectDomainCheck } from './domain-check';
import { readEnvironment } from './environment';
import { watchNetwork } from './network-watch';
import { currentHost, resolveOptions } from './option-support';
import { axisApplicable, planSlots, planVariants } from './plan';
import { runAttempts, type AttemptsRun } from './run-attempts';
import { runConfigInvalid, validateRunConfig, type RunConfig } from './run-config';

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
  /** The app went to the background (true: attempts paused) or came back (false: resumed). */
  onPause?: (paused: boolean) => void;
};

export type MeasureRun = { cancel(): void; done: Promise<Measurement> };

/** uploadFile needs a file: a small one in the mini-program's user data folder. */
function prepareUploadFile(): string {
  const path = `${wx.env.USER_DATA_PATH}/wxprobe-upload.txt`;
  wx.getFileSystemManager().writeFileSync(path, 'wxprobe upload attempt\n', 'utf8');
  return path;
}

/** `done` rejects with RunConfigInvalid, before any request, for a config that must not run. */
export function measure(config: RunConfig, hooks: MeasureHooks = {}): MeasureRun {
  let cancelled = false;
  let attemptsRun: AttemptsRun | null = null;
  const problems = validateRunConfig(config);
  if (problems.length) return { cancel: () => undefined, done: Promise.reject(runConfigInvalid(problems)) };
  const visibility = watchAppVisibility();
  visibility.onChange((hidden) => hooks.onPause?.(hidden));
  const network = watchNetwork();

  // The steps as a Promise chain, not async/await: see miniprogram/README.md (package size).
  function run(): Promise<Measurement> {
    const startedAt = Date.now();
    hooks.onStep?.('environment');
    return readEnvironment().then((environment) => {
      const host = currentHost(environment);
      const options = resolveOptions(config, host);
      const variants = planVariants(
        config,
        axisApplicable((c) => resolveOptions(c, host).applied, config),
      );
      const attemptsNow = (): Promise<AttemptRecord[]> => {
        if (cancelled) return Promise.resolve([]);
        hooks.onStep?.('attempts');
        const uploadFilePath = config.api === 'uploadFile' ? prepareUploadFile() : '';
        attemptsRun = runAttempts(config, (record) => hooks.onAttempt?.(record), uploadFilePath, {
          slots: planSlots(config, variants),
          visibility,
        });
        return attemptsRun.done.then((result) => {
          cancelled = cancelled || result.cancelled;
          return result.attempts;
        });
      };
      return visibility
        .whenVisible()
        .then(() => {
          hooks.onStep?.('domain-check');
          return detectDomainCheck();
        })
        .then((domainCheck) =>
          attemptsNow().then((attempts) => {
            const document = buildClientDocument({
              config,
              environment,
              domainCheck,
              attempts,
              startedAt,
              finishedAt: Date.now(),
              cancelled,
              options,
              variants,
              background: visibility.spans,
              networkEvents: network.events,
            });
            const parsed = parseClientObservation(document);
            return { document, cancelled, schemaErrors: parsed.ok ? [] : parsed.errors };
          }),
        );
    });
  }

  const stop = () => {
    visibility.stop();
    network.stop();
  };
  const done = run();
  done.then(stop, stop);
  return {
    cancel() {
      cancelled = true;
      attemptsRun?.cancel();
      visibility.stop();
    },
    done,
  };
}
