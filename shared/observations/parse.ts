/**
 * Typed parsers for the three documents: validate against the schema, then hand back the value typed.
 * A module of its own (index.ts re-exports it) so that a reader of one document imports only this,
 * not the barrel with every schema and vocabulary table.
 */
import { clientObservationSchema, type ClientObservation } from './client';
import { probeObservationSchema, type ProbeObservation } from './probe';
import { anyReportSchema, reportSchema, type AnyReport, type Report } from './report';
import { validate, type SchemaNode, type ValidationError } from './validate';

export type Parsed<T> = { ok: true; value: T } | { ok: false; errors: ValidationError[] };

function parser<T>(schema: SchemaNode) {
  return (value: unknown): Parsed<T> => {
    const errors = validate(schema, value);
    return errors.length === 0 ? { ok: true, value: value as T } : { ok: false, errors };
  };
}

export const parseClientObservation = parser<ClientObservation>(clientObservationSchema);
export const parseProbeObservation = parser<ProbeObservation>(probeObservationSchema);
export const parseReport = parser<Report>(reportSchema);
/** A report of any version still read (`REPORT_SCHEMA_IDS`): its observations checked, its diagnosis not. */
export const parseAnyReport = parser<AnyReport>(anyReportSchema);
