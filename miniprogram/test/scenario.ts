/**
 * A whole world for page tests: the domain-check request answered as devtools with the domain check
 * on answers it (a corpus line), the endpoint under test answering what the test says, and a probe
 * server that stores POSTed client documents and returns reports for them (or is down).
 */
import { DOMAIN_CHECK_URL } from '../runner/limits';
import type { ClientObservation } from '../shared/observations/client';
import type { StoredReport } from '../services/wxprobe-api';
import { asWxFailure, corpusLine } from './corpus';
import type { Responder, WxAnswer } from './fake-wx';
import { reportFixture } from './fixtures';

export const PROBE_BASE = 'https://probe.example.com';

export type Scenario = {
  respond: Responder;
  /** reports the fake server has stored, by id */
  reports: Map<string, StoredReport>;
  /** switch the server between answering and refusing connections */
  setServer(state: 'up' | 'down'): void;
};

export function scenario(attempt: (k: number) => WxAnswer, server: 'up' | 'down' = 'up'): Scenario {
  const reports = new Map<string, StoredReport>();
  const notInList = asWxFailure(corpusLine((l) => l.raw === 'request:fail url not in domain list'));
  const refused = asWxFailure(corpusLine((l) => l.kind === 'connection-refused' && l.platform === 'android'));
  let state = server;
  let k = 0;
  const respond: Responder = (call) => {
    if (call.url === DOMAIN_CHECK_URL) return { fail: { ...notInList, errno: 600002 } };
    if (call.url.startsWith(PROBE_BASE)) {
      if (state === 'down') return { fail: refused };
      if (call.options.method === 'POST') {
        const body = call.options.data as { client: ClientObservation };
        const report = reportFixture(body.client, `r${reports.size + 1}`);
        reports.set(report.id, report);
        return { success: { statusCode: 200, data: report } };
      }
      const id = decodeURIComponent(call.url.split('?')[0]!.split('/').pop() ?? '');
      const found = reports.get(id);
      return found
        ? { success: { statusCode: 200, data: found } }
        : {
            success: { statusCode: 404, data: { error: { code: 'NOT_FOUND', message: `no report ${id}` } } },
          };
    }
    return attempt(k++);
  };
  return { respond, reports, setServer: (s) => (state = s) };
}
