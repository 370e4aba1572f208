// The side-by-side as tables: agreement first, then the timings beside the targets.
import { int, mbFromKiB, ms, size, table } from '../format.ts';
import type { Agreement } from './agree.ts';
import type { Timed, WrkOptions } from './wrk.ts';

export interface Row {
  name: string;
  /** ours ÷ MapServer requests/s the issue asks for; null where it sets none */
  target: number | null;
  ours: Timed;
  peer: Timed;
}

const num = (n: number) => (Number.isFinite(n) ? int(n) : '-');

export function printAgreement(list: Agreement[]) {
  table(
    ['case', 'checked', 'mismatches', 'matched: ours (all types)', 'ours (points)', 'MapServer (points)', 'body: ours', 'MapServer'],
    list.map((a) => [
      a.name,
      String(a.checked),
      String(a.mismatches.length),
      num(a.oursMatched),
      num(a.oursPointsMatched),
      num(a.peerMatched),
      size(a.oursBytes),
      size(a.peerBytes),
    ]),
    [1, 2, 3, 4, 5, 6, 7],
  );
  const tooBig = list.reduce((n, a) => n + a.tooBig, 0);
  console.log(
    'matched: mean numberMatched over the sample; ids compared over the whole match (ours paged, its points only); body: mean response size at the case\'s limit' +
      (tooBig ? `; ${tooBig} box(es) matched more than MapServer's 10 000 per page, so only their counts were compared` : ''),
  );
}

const errors = (t: Timed) => String(t.status + t.socket);
const side = (t: Timed) => [t.rps.toFixed(0), ms(t.p50Ms), ms(t.p99Ms), errors(t), t.cores.toFixed(2), mbFromKiB(t.peakRssKiB)];

export function printTimings(rows: Row[], o: WrkOptions) {
  console.log(`\n== ours | MapServer (${o.connections} connections, ${o.seconds} s each; latency in ms, as wrk measures it)`);
  table(
    ['case', 'req/s', 'p50', 'p99', 'err', 'cores', 'RSS', '|', 'req/s', 'p50', 'p99', 'err', 'cores', 'RSS', '|', 'ours/MS'],
    rows.map((r) => [r.name, ...side(r.ours), '|', ...side(r.peer), '|', `${(r.ours.rps / r.peer.rps).toFixed(2)}×`]),
    [1, 2, 3, 4, 5, 6, 8, 9, 10, 11, 12, 13, 15],
  );
  console.log('err: non-2xx responses + socket errors (connect, read, write, timeout at 60 s); cores: CPU seconds per second of the whole process tree; RSS: peak of the tree\'s sum, sampled every 200 ms');

  console.log('\n== targets (issue 16)');
  const verdict = (ok: boolean) => (ok ? 'PASS' : 'MISS');
  const lines: string[][] = [];
  for (const r of rows) {
    const ratio = r.ours.rps / r.peer.rps;
    if (r.target !== null) lines.push([r.name, `≥ ${r.target}× MapServer's requests/s`, `${ratio.toFixed(2)}×`, verdict(ratio >= r.target)]);
    lines.push([r.name, 'p99 ≤ 3 × p50 (ours)', `${ms(r.ours.p99Ms)} / ${ms(r.ours.p50Ms)} ms`, verdict(r.ours.p99Ms <= 3 * r.ours.p50Ms)]);
    lines.push([r.name, '0 errors (ours)', errors(r.ours), verdict(r.ours.status + r.ours.socket === 0)]);
  }
  table(['case', 'target', 'figure', 'result'], lines);
}
