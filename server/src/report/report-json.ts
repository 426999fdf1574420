/**
 * A stored report as the `wxprobe.report/1` document, written as text pieces around the stored JSON
 * of its observations: they are passed on exactly as stored, never parsed and encoded again (a
 * re-encode costs time and memory for every read and overflows the stack on a deeply nested
 * document). Big texts are cut into slices so a response can be streamed without one huge write.
 */
import { REPORT_SCHEMA_ID } from '../../../shared/observations/report';
import type { StoredReportText } from '../store/report-store';

const SLICE_CHARS = 64 * 1024;

function* sliced(text: string): Generator<string> {
  for (let at = 0; at < text.length; at += SLICE_CHARS) yield text.slice(at, at + SLICE_CHARS);
}

/** Same members, same order as `toReport` (report-service.ts) gives the parsed report. */
export function* reportJsonChunks(stored: StoredReportText): Generator<string> {
  yield `{"schema":${JSON.stringify(REPORT_SCHEMA_ID)},"id":${JSON.stringify(stored.id)}`;
  yield `,"createdAt":${JSON.stringify(new Date(stored.createdAt).toISOString())}`;
  yield `,"url":${JSON.stringify(stored.url)},"client":`;
  yield* sliced(stored.clientJson ?? 'null');
  yield ',"probe":';
  yield* sliced(stored.probeJson ?? 'null');
  if (stored.vantagesJson !== null) {
    yield ',"vantages":';
    yield* sliced(stored.vantagesJson);
  }
  yield ',"diagnosis":';
  yield* sliced(stored.diagnosisJson);
  yield '}';
}
