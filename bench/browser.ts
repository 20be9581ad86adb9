// Issue 8's browser-bound figures. Not measured by `npm run bench`: they need Chromium, which
// this harness does not launch (the bench must run on a machine where real-browser tests run).
// These rows say so in RESULTS.md instead of showing a number; bench/browser.ts proper (todo)
// will measure them with the e2e harness (tests/e2e/support).
import { emit, type Row } from './report';

const NOTE = 'needs the browser harness: measured by bench/browser.ts (todo)';

const rows: Row[] = [
  { id: '2b policy install', figure: 'updateDynamicRules in Chromium for 1k / 113k / 188k domains: time and service-worker heap', target: '≤ 1 s at 113k (with the pure part)', measured: '', status: 'not measured', why: `Not measured in this run: ${NOTE}.` },
  { id: '3 page-load overhead', figure: 'median navigation time, allowed local pages, Qingfeng with the 113k policy ÷ no extension; requests reaching a blocked host', target: 'ratio ≤ 1.03; 0 requests', measured: '', status: 'not measured', why: `Not measured in this run: ${NOTE}.` },
  { id: '4 popup paint', figure: 'popup.html open → figures painted, a year of seeded data (365 days × 200 hosts)', target: '≤ 150 ms', measured: '', status: 'not measured', why: `Not measured in this run: ${NOTE}.` },
  { id: '4 options report', figure: 'options report over 90 days, open → painted', target: '≤ 300 ms', measured: '', status: 'not measured', why: `Not measured in this run: ${NOTE}.` },
  { id: '6 idle wake-ups', figure: 'service-worker wake-ups per hour of idle work time / outside work time', target: '≤ 62 / 0', measured: '', status: 'not measured', why: `Not measured in this run: ${NOTE}.` },
];

emit({ title: 'Browser parts (not measured in this run)', method: [NOTE], rows, notes: [] });
