/**
 * The one stylesheet (served at /static/wxprobe.css). Mobile first: one column, tables scroll
 * sideways; two views side by side from 900 px. Colours also carry the SVG charts' meaning.
 */
export const STYLES_CSS = `
:root {
  --fg: #1d2129; --muted: #5c6370; --bg: #f6f7f9; --card: #fff; --line: #e3e6eb;
  --ok: #1f9d55; --bad: #d64545; --warn: #d98a00; --info: #2f6fde; --none: #c8ccd3;
  font-family: -apple-system, BlinkMacSystemFont, "PingFang SC", "Hiragino Sans GB", "Microsoft YaHei",
    "Noto Sans CJK SC", "Segoe UI", Roboto, sans-serif;
  color: var(--fg); background: var(--bg); line-height: 1.55; font-size: 15px;
}
* { box-sizing: border-box; }
body { margin: 0; }
a { color: var(--info); }
header.top { display: flex; justify-content: space-between; align-items: center; padding: 10px 16px;
  background: #20252d; color: #fff; }
header.top a { color: #fff; text-decoration: none; margin-left: 14px; }
header.top .brand { margin-left: 0; font-weight: 700; letter-spacing: .02em; }
main { max-width: 1180px; margin: 0 auto; padding: 16px; }
h1 { font-size: 1.35rem; margin: .2em 0 .5em; word-break: break-all; }
h2 { font-size: 1.15rem; margin: 1.2em 0 .5em; }
h3 { font-size: 1rem; margin: 1em 0 .4em; }
.muted { color: var(--muted); font-size: .9em; }
.card { background: var(--card); border: 1px solid var(--line); border-radius: 8px; padding: 14px 16px; margin: 12px 0; }
form.probe label { display: block; margin: 10px 0 4px; font-weight: 600; }
form.probe input { width: 100%; padding: 10px; font-size: 16px; border: 1px solid var(--line); border-radius: 6px; }
form.probe .row { display: grid; grid-template-columns: 1fr; gap: 0 16px; }
form.probe button { margin-top: 14px; padding: 10px 22px; font-size: 16px; border: 0; border-radius: 6px;
  background: var(--info); color: #fff; cursor: pointer; }
form.probe button:disabled { background: var(--none); cursor: wait; }
details summary { cursor: pointer; }
#progress-list { padding-left: 1.4em; margin: .4em 0; }
#progress-list li.step-error, #progress-list li.step-timeout, #progress-list li.step-refused { color: var(--bad); }
#progress-list li.step-done { color: var(--ok); }
#progress-status.error { color: var(--bad); font-weight: 600; }
#progress-status.ok { color: var(--ok); font-weight: 600; }
.verdict { border-left: 5px solid var(--bad); }
.verdict.v-ok { border-left-color: var(--ok); }
.verdict.v-unknown { border-left-color: var(--none); }
.verdict.v-intermittent { border-left-color: var(--warn); }
.verdict h3 { margin-top: 0; font-size: 1.1rem; }
.verdict .cause { font-family: ui-monospace, Menlo, Consolas, monospace; font-size: .85em; color: var(--muted); }
.verdict.top h3 { font-size: 1.25rem; }
.conf { display: inline-block; min-width: 3.5em; padding: 0 6px; border-radius: 10px; background: var(--bg); font-size: .85em; }
ul.evidence { padding-left: 1.2em; margin: .3em 0; }
ul.evidence a.ptr { margin-left: .5em; color: var(--muted); }
.cited:target { outline: 2px solid var(--warn); }
.cited h4 { margin: .6em 0 .2em; }
ul.evidence li, code, pre, td.mono { font-family: ui-monospace, Menlo, Consolas, monospace; font-size: .85em; word-break: break-all; }
.views { display: grid; grid-template-columns: 1fr; gap: 16px; }
.views > section { min-width: 0; }
@media (min-width: 900px) {
  .views { grid-template-columns: 1fr 1fr; }
  form.probe .row { grid-template-columns: repeat(4, 1fr); }
}
.vantages { display: grid; grid-template-columns: repeat(auto-fit, minmax(260px, 1fr)); gap: 12px; }
.vantage { border-left: 4px solid var(--none); padding-left: 10px; min-width: 0; }
.vantage.t-ok { border-left-color: var(--ok); }
.vantage.t-bad { border-left-color: var(--bad); }
.vantage h3 { margin-top: 0; }
.vantage .main-cause code { color: var(--muted); }
.vantage .vantage-error code { color: var(--muted); white-space: pre-wrap; word-break: break-word; }
span.warn { color: var(--warn); }
.scroll { overflow-x: auto; }
table { border-collapse: collapse; width: 100%; font-size: .9em; }
th, td { text-align: left; padding: 4px 6px; border-bottom: 1px solid var(--line); vertical-align: top; }
th { color: var(--muted); font-weight: 600; white-space: nowrap; }
td.ok, span.ok { color: var(--ok); font-weight: 600; }
td.bad, span.bad { color: var(--bad); font-weight: 600; }
dl.kv { display: grid; grid-template-columns: max-content 1fr; gap: 2px 12px; margin: .3em 0; }
dl.kv dt { color: var(--muted); }
dl.kv dd { margin: 0; word-break: break-all; }
pre.raw { max-height: 480px; overflow: auto; background: #1e222a; color: #e6e6e6; padding: 10px; border-radius: 6px; }
svg.waterfall, svg.ratio-bars { width: 100%; max-width: 560px; height: auto; display: block; margin: 6px 0; }
svg text { font-size: 11px; fill: var(--fg); font-family: inherit; }
svg .wf-tick { fill: var(--muted); font-size: 10px; }
svg .wf-axis { stroke: var(--line); }
svg .wf-ok { fill: var(--info); }
svg .wf-error { fill: var(--bad); }
svg .wf-skipped { fill: var(--none); }
svg .wf-none { fill: var(--muted); }
svg .rb-ok { fill: var(--ok); }
svg .rb-fail { fill: var(--bad); }
svg .rb-none { fill: var(--none); }
.actions a { margin-right: 14px; }
`;
