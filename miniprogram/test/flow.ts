/**
 * The Run → Report flow as a user meets it: the Run page measures the stored config, saves the run
 * and redirects; the Report page opens with the query it was given. For page tests that need to see
 * what the user sees after a run and what was stored.
 */
import { loadRun, type RunEntry } from '../storage/history';
import { waitFor, type FakeWx } from './fake-wx';
import { page, render, settle, type Rendered } from './simulate';

type Lifecycle = { onLoad(query?: Record<string, string>): void };

export type Flow = { run: Rendered; report: Rendered; entry: RunEntry | null; query: Record<string, string> };

export function startRun(): Rendered {
  const run = render('pages/run/index');
  page<Lifecycle>(run).onLoad();
  return run;
}

export async function openReport(fake: FakeWx, run: Rendered): Promise<Flow> {
  await waitFor(() => fake.navigations.some((n) => n.kind === 'redirectTo'), 'the redirect to the report');
  const target = fake.navigations.find((n) => n.kind === 'redirectTo')!.url!;
  const query = Object.fromEntries(new URLSearchParams(target.split('?')[1]));
  const report = render('pages/report/index');
  page<Lifecycle>(report).onLoad(query);
  await settle();
  return { run, report, entry: query.local ? loadRun(query.local) : null, query };
}

export async function runToReport(fake: FakeWx): Promise<Flow> {
  return openReport(fake, startRun());
}
