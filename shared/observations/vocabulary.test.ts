/**
 * The contract owns its words. A TLS variant, step, probe error code or progress word that is not in
 * vocabulary.ts is refused by the schemas (our validator and Ajv alike); added to the contract in
 * memory only, it reaches the presenters and the rules, which name it by its raw id, never
 * "undefined". The type-level half is checked by `tsc` (this file is in the typecheck): each
 * `@ts-expect-error` below breaks the typecheck the day the types stop refusing the fake word.
 */
import Ajv from 'ajv';
import { describe, expect, it } from 'vitest';
import { renderProbe } from '../../server/src/cli/render/report-text';
import { makeStyle } from '../../server/src/cli/render/style';
import { renderProbeView } from '../../server/src/web/pages/probe-view';
import { buildContext, variant } from '../diagnose/context';
import { diagnose } from '../diagnose/diagnose';
import { loadScenario } from '../diagnose/testdata/load-scenario';
import { probeErrorText } from '../present/labels';
import {
  PROBE_NOTE_TEXTS,
  PROBE_STEP_LABELS,
  STEP_STATUS_LABELS,
  probeNoteText,
  probeStepLabel,
} from '../present/notes';
import { probeSummaryRows } from '../present/probe-summary';

import type { Localized } from '../taxonomy/codes';
import { probeObservationSchema, TLS_VERSIONS, type ProbeObservation, type TlsVariant } from './probe';
import { probeProgressSchema, type ProbeProgress } from './progress';
import { validate, type SchemaNode } from './validate';
import {
  PROBE_ERROR_CODES,
  PROBE_NOTES,
  PROBE_STEPS,
  PROGRESS_STATUSES,
  TLS_VARIANT_IDS,
  tlsVersionName,
  type ProbeNote,
  type ProbeStep,
  type ProgressStatus,
  type TlsVariantId,
} from './vocabulary';

const FAKE_VARIANT = 'fake-variant';
const FAKE_STEP = 'fake-step';
const FAKE_CODE = 'WXPROBE_FAKE';

const ajv = new Ajv({ allErrors: true, strict: false });

/** Our validator's error paths, after checking that Ajv reaches the same yes/no. */
function refusals(schema: SchemaNode, doc: unknown): string[] {
  const paths = validate(schema, doc).map((e) => e.path);
  expect(ajv.validate(schema, doc)).toBe(paths.length === 0);
  return paths;
}

/** A real observation (a golden scenario) with the fake words written into it, past the types. */
function observationWith(scenario: string, edit: (doc: ProbeObservation) => void): ProbeObservation {
  const doc = structuredClone(loadScenario(scenario).probe) as ProbeObservation;
  edit(doc);
  return doc;
}

const fakeVariant = () =>
  observationWith('icp-2-of-100-leak', (d) => {
    (d.tls!.variants[3] as { id: string }).id = FAKE_VARIANT;
  });
const fakeStep = () =>
  observationWith('probe-partial-total-timeout', (d) => {
    (d.steps as Record<string, string>)[FAKE_STEP] = 'timeout';
    d.interrupted = { steps: [FAKE_STEP as ProbeStep] };
  });
const fakeCode = () =>
  observationWith('tcp-timeout-syn-dropped', (d) => {
    d.tcp!.results[0]!.error = { code: FAKE_CODE, syscall: 'connect', message: 'a code the table lacks' };
  });

type Node = Record<string, unknown>;

/** The contract with one more word, in memory only: the same schema, the enum at `path` widened. */
function contractWith(path: string[], word: string): SchemaNode {
  const { $id: _id, ...schema } = structuredClone(probeObservationSchema) as unknown as Node;
  const node = path.reduce<Node>((n, key) => n[key] as Node, schema);
  node.enum = [...(node.enum as string[]), word];
  return schema;
}
const NULLABLE = ['anyOf', '0'];
const VARIANT_ID_PATH = [
  'properties',
  'tls',
  ...NULLABLE,
  'properties',
  'variants',
  'items',
  'properties',
  'id',
];

/** Everything the three media and the rules make of one observation, as text. */
function presented(probe: ProbeObservation): string[] {
  const outputs: string[] = [];
  for (const lang of ['zh', 'en'] as const) {
    outputs.push(renderProbe(probe, lang, makeStyle(false)));
    outputs.push(renderProbeView(probe, lang).toString());
    outputs.push(JSON.stringify(probeSummaryRows(probe, lang)));
  }
  outputs.push(JSON.stringify(diagnose(null, probe)));
  return outputs;
}

describe('the words of the contract', () => {
  it('names every recorded TLS version as people do, and an unknown one as it was recorded', () => {
    expect(TLS_VERSIONS.map(tlsVersionName)).toEqual(['TLS 1.3', 'TLS 1.2', 'TLS 1.1', 'TLS 1.0']);
    expect(tlsVersionName('SSLv3')).toBe('SSLv3');
  });
});

describe('a word outside the contract', () => {
  it('the probe schema refuses a TLS variant id it does not list', () => {
    expect(refusals(probeObservationSchema, loadScenario('icp-2-of-100-leak').probe)).toEqual([]);
    expect(refusals(probeObservationSchema, fakeVariant())).toEqual(['/tls/variants/3/id']);
  });

  it('the probe schema refuses a step it does not list, in `steps` and in `interrupted`', () => {
    expect(refusals(probeObservationSchema, loadScenario('probe-partial-total-timeout').probe)).toEqual([]);
    expect(refusals(probeObservationSchema, fakeStep())).toEqual(['/steps', '/interrupted/steps/0']);
  });

  it('the probe schema refuses a code with the probe’s prefix that the table lacks; Node’s codes stay open', () => {
    expect(refusals(probeObservationSchema, fakeCode())).toEqual(['/tcp/results/0/error/code']);
    for (const code of [PROBE_ERROR_CODES.timeout, 'ECONNRESET', 'ERR_SSL_WRONG_VERSION_NUMBER', null]) {
      const doc = observationWith('tcp-timeout-syn-dropped', (d) => (d.tcp!.results[0]!.error!.code = code));
      expect(refusals(probeObservationSchema, doc), String(code)).toEqual([]);
    }
  });

  it('the progress event schema refuses a step, status or note outside the vocabulary', () => {
    const ok: ProbeProgress = { step: 'tls', status: 'skipped', note: 'no-tcp' };
    expect(refusals(probeProgressSchema, ok)).toEqual([]);
    expect(refusals(probeProgressSchema, { ...ok, step: FAKE_STEP })).toEqual(['/step']);
    expect(refusals(probeProgressSchema, { ...ok, status: 'half-done' })).toEqual(['/status']);
    expect(refusals(probeProgressSchema, { ...ok, note: 'fake-note' })).toEqual(['/note']);
  });

  it('added to the contract in memory only, a variant is accepted there and shown by its id everywhere', () => {
    const doc = fakeVariant();
    expect(refusals(contractWith(VARIANT_ID_PATH, FAKE_VARIANT), doc)).toEqual([]);
    const outputs = presented(doc);
    // the CLI, the web page and the mini-program each name the variant; the rules' evidence too
    expect(outputs.filter((o) => o.includes(FAKE_VARIANT)).length).toBeGreaterThanOrEqual(7);
    for (const output of outputs) expect(output).not.toMatch(/undefined/);
  });

  it('an unlisted step and error code reach the presenters and the rules as their raw ids, never "undefined"', () => {
    for (const doc of [fakeStep(), fakeCode()]) {
      for (const output of presented(doc)) expect(output).not.toMatch(/undefined/);
    }
    expect(presented(fakeStep()).some((o) => o.includes(FAKE_STEP))).toBe(true);
    expect(presented(fakeCode()).some((o) => o.includes(FAKE_CODE))).toBe(true);
    for (const lang of ['zh', 'en'] as const) {
      expect(probeStepLabel(FAKE_STEP, lang)).toBe(FAKE_STEP);
      expect(probeErrorText({ code: FAKE_CODE, syscall: null, message: 'x' }, lang)).toContain(FAKE_CODE);
      expect(probeNoteText({ note: 'fake-note' }, lang)).toBeNull();
    }
  });

  it('the label tables hold exactly the vocabulary’s words', () => {
    const keys = (table: object) => Object.keys(table).sort();
    expect(keys(PROBE_STEP_LABELS)).toEqual([...PROBE_STEPS].sort());
    expect(keys(PROBE_NOTE_TEXTS)).toEqual([...PROBE_NOTES].sort());
    expect(keys(STEP_STATUS_LABELS)).toEqual([...PROGRESS_STATUSES].sort());
  });

  it('the types refuse it: observations, progress events, rule lookups and label tables', () => {
    const probe = buildContext(null, loadScenario('icp-2-of-100-leak').probe).probe!;
    expect(TLS_VARIANT_IDS.map((id) => variant(probe, id)?.id)).toEqual([...TLS_VARIANT_IDS]);
    // @ts-expect-error a rule cannot ask for a variant the contract does not have
    expect(variant(probe, FAKE_VARIANT)).toBeNull();

    const measured: TlsVariant = {
      id: 'sni-host',
      sni: null,
      splitHello: false,
      attempts: [],
      okCount: 0,
      total: 0,
    };
    // @ts-expect-error an observation cannot hold a variant the contract does not have
    const fake: TlsVariant = { ...measured, id: FAKE_VARIANT };
    // @ts-expect-error nor a progress event a step outside it
    const event: ProbeProgress = { step: FAKE_STEP, status: 'start' };
    expect([fake.id, event.step]).toEqual([FAKE_VARIANT, FAKE_STEP]);

    // With the word added to the contract, the label tables keyed by it no longer compile.
    // @ts-expect-error the note texts lack the new note
    const notes: Record<ProbeNote | 'fake-note', Localized> = PROBE_NOTE_TEXTS;
    // @ts-expect-error the status labels lack the new status
    const statuses: Record<ProgressStatus | 'half-done', Localized> = STEP_STATUS_LABELS;
    // @ts-expect-error a variant label table without the new variant
    const variants: Record<TlsVariantId | typeof FAKE_VARIANT, string> = {
      'sni-host': 'SNI = host',
      'no-sni': 'no SNI',
      'control-sni': 'control SNI',
      'split-hello': 'split ClientHello',
    };
    expect([notes, statuses, variants].every((table) => typeof table === 'object')).toBe(true);
  });
});
