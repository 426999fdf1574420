/**
 * Typed parsers for the three documents: validate against the schema, then hand back the value typed.
 * A module of its own (index.ts re-exports it) so that a reader of one document imports only this,
 * not the barrel with every schema and vocabulary table.
 */
import { parser } from './parse-client';
import { probeObservationSchema, type ProbeObservation } from './probe';
import { anyReportSchema, reportSchema, type AnyReport, type Report } from './report';

export { parseClientObservation, type Parsed } from './parse-client';
export const parseProbeObservation = parser<ProbeObservation>(probeObservationSchema);
export const parseReport = parser<Report>(reportSchema);
/** A report of any version still read (`REPORT_SCHEMA_IDS`): its observations checked, its diagnosis not. */
export const parseAnyReport = parser<AnyReport>(anyReportSchema);
