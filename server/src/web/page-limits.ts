/**
 * How much of a stored report one report page shows, so that any page stays well under 2 MB and
 * 100 ms of CPU whatever the documents hold (the full report is always the streamed JSON download).
 * Worst cases, at 6 bytes per character when every character needs an HTML entity: the attempt table
 * 100 rows × 2 cells × 500 chars ≈ 600 KB; evidence 12 × 12 × 300 chars ≈ 260 KB; the raw JSON
 * preview 64 Ki chars ≈ 390 KB; the cited observation parts 40 × 1200 chars ≈ 290 KB; the rest (our own texts, the probe view with its own byte caps) is
 * small. CPU: the local classification reads at most 100 × 512 characters (≈ 15 ms at the
 * classifier's slowest), the preview stops reading the document when its budget is spent.
 */
export const PAGE_LIMITS = {
  /** Attempts listed in the phone view (the mini-program makes at most 100). */
  attemptRows: 100,
  /** One text from a document shown in a cell: errMsg, peer IP, environment values, the URL. */
  cellChars: 500,
  /** Verdicts shown, evidence lines per verdict and characters per evidence line. */
  verdicts: 12,
  evidenceLines: 12,
  evidenceChars: 300,
  /** Observation parts cited by the shown evidence, each previewed: how many, characters, nesting. */
  citedParts: 40,
  citedChars: 1200,
  citedDepth: 4,
  /** One verdict text (title, explanation, fix). */
  verdictTextChars: 4000,
  /** The raw JSON preview: characters, nesting shown before collapsing, characters per string. */
  rawJsonChars: 64 * 1024,
  rawJsonDepth: 8,
  rawJsonStringChars: 300,
  /** The request options shown inline in the environment list. */
  optionsChars: 300,
} as const;

/** The text cut to `max` characters, with an ellipsis when something was cut. */
export function clip(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}
