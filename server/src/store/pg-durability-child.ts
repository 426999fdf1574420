/**
 * Child process for the PostgreSQL kill -9 test: inserts reports one after another and prints each
 * id the moment its insert has resolved (the acknowledgement), until it is killed.
 */
import { newReportId } from './report-id';
import { openPgReportStore } from './report-store-pg';

const { connectionString } = JSON.parse(process.argv[2]!) as { connectionString: string };
const store = await openPgReportStore({ connectionString });
for (;;) {
  const id = newReportId();
  await store.insert({
    id,
    createdAt: Date.now(),
    url: 'https://unfiled.example.test/api',
    client: null,
    probe: null,
    diagnosis: { rulesVersion: 'r1', verdicts: [] },
    rulesVersion: 'r1',
  });
  process.stdout.write(`${JSON.stringify({ acked: id })}\n`);
}
