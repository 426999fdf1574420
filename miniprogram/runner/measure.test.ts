import { afterEach, describe, expect, it, vi } from 'vitest';
import { domainCheckOf } from '../../shared/classify/domain-check';
import { parseClientObservation } from '../shared/observations/parse-client';
import { asWxFailure, loadCorpus } from '../test/corpus';
import { createFakeWx, realisticProfile, type Responder } from '../test/fake-wx';
import { RUNNER_ID } from './client-document';
import { DOMAIN_CHECK_URL } from './limits';
import { measure } from './measure';
import { DEFAULT_RUN_CONFIG, type RunConfig } from './run-config';

const config = (patch: Partial<RunConfig> = {}): RunConfig => ({
  ...DEFAULT_RUN_CONFIG,
  url: 'https://api.example.com/health',
  ...patch,
});

const NOT_IN_LIST = { errMsg: 'request:fail url not in domain list', errno: 600002 };

/** The domain-check request is answered here; `respond` sees the attempts numbered from 0. */
function install(respond: Responder) {
  let attempt = 0;
  const fake = createFakeWx((call) =>
    call.url === DOMAIN_CHECK_URL ? { fail: NOT_IN_LIST } : respond({ ...call, n: attempt++ }),
  );
  vi.stubGlobal('wx', fake.wx);
  return fake;
}

afterEach(() => vi.unstubAllGlobals());

describe('measure produces a wxprobe.client/1 document', () => {
  it('with every corpus failure recorded verbatim, and the document validates', async () => {
    const failures = loadCorpus().map(asWxFailure);
    install(({ n }) => ({ fail: failures[n]! }));
    const m = await measure(config({ attempts: failures.length, concurrency: 10 })).done;
    expect(m.schemaErrors).toEqual([]);
    expect(parseClientObservation(m.document)).toMatchObject({ ok: true });
    expect(m.document.attempts.map((a) => a.errMsg)).toEqual(failures.map((f) => f.errMsg));
    expect(m.document.attempts.map((a) => a.errno ?? null)).toEqual(failures.map((f) => f.errno ?? null));
  });

  it('with the environment, the detected domain check and the options really passed', async () => {
    const steps: string[] = [];
    install(() => ({ success: { statusCode: 200, data: '{}', profile: realisticProfile() } }));
    const m = await measure(config({ attempts: 3, enableHttp2: true, method: 'POST' }), {
      onStep: (s) => steps.push(s),
    }).done;
    expect(steps).toEqual(['environment', 'domain-check', 'attempts']);
    const doc = m.document;
    expect(doc).toMatchObject({
      schema: 'wxprobe.client/1',
      url: 'https://api.example.com/health',
      api: 'request',
      runner: RUNNER_ID,
      options: { method: 'POST', enableHttp2: true, enableQuic: false, attempts: 3, concurrency: 1 },
      env: {
        platform: 'devtools',
        SDKVersion: '3.6.0',
        envVersion: 'develop',
        enableDebug: false,
        networkType: 'wifi',
        // The runner records the raw answer; the on/off reading is shared/classify/domain-check's.
        domainCheck: 'unknown',
        domainCheckRaw: { ok: false, errMsg: NOT_IN_LIST.errMsg },
        domainCheckEvidence: NOT_IN_LIST.errMsg,
      },
    });
    expect(domainCheckOf(doc.env)).toBe('on');
    expect(doc.attempts).toHaveLength(3);
    expect(doc.attempts.every((a) => a.ok && a.statusCode === 200 && a.profile?.protocol === 'h2')).toBe(
      true,
    );
    expect(Date.parse(doc.finishedAt!)).toBeGreaterThanOrEqual(Date.parse(doc.startedAt!));
    expect(doc).not.toHaveProperty('cancelled');
  });

  it('records only the options an API accepts (no method for downloadFile)', async () => {
    install(() => ({ success: { statusCode: 200, tempFilePath: 'wxfile://tmp/1' } }));
    const m = await measure(config({ api: 'downloadFile', attempts: 1, method: 'DELETE' })).done;
    expect(m.document.options).not.toHaveProperty('method');
    expect(m.document.options).not.toHaveProperty('enableCache');
  });

  it('writes a small file for uploadFile and uploads it', async () => {
    const fake = install(() => ({ success: { statusCode: 200, data: 'ok' } }));
    await measure(config({ api: 'uploadFile', attempts: 2 })).done;
    const path = fake.calls.find((c) => c.api === 'uploadFile')!.options.filePath as string;
    expect(fake.files.get(path)).toBeTruthy();
  });

  it('a cancelled run says so and keeps the attempts finished before', async () => {
    const fake = install(({ n }) => (n === 0 ? { success: { statusCode: 200 } } : { hang: true }));
    const run = measure(config({ attempts: 5 }));
    await vi.waitFor(() => expect(fake.calls.filter((c) => c.url !== DOMAIN_CHECK_URL)).toHaveLength(2));
    run.cancel();
    const m = await run.done;
    expect(m.cancelled).toBe(true);
    expect(m.document.cancelled).toBe(true);
    expect(m.document.attempts).toHaveLength(1);
    expect(parseClientObservation(m.document)).toMatchObject({ ok: true });
  });
});
