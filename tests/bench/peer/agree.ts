// Before any timing: do both servers answer the same? For a sample of each case, the ids our
// server returns must be the ids MapServer returns. Ours serves every geometry type in one
// collection and MapServer's points layer only points, so a box is compared on its points over the
// whole match (every page of ours); MapServer 8.0 ignores offset, so its side is one page of up to
// 10 000.
import type { BBox, Case } from './sequences.ts';
import { bboxQuery, paths } from './sequences.ts';

const PEER_MAX = 10_000;

interface Page {
  numberMatched: number;
  numberReturned: number;
  features: { id: string | number; geometry: { type: string } | null }[];
}

export interface Agreement {
  name: string;
  checked: number;
  mismatches: string[];
  /** boxes whose match is over MapServer's one-page maximum: counts compared, ids not */
  tooBig: number;
  /** means over the sample */
  oursMatched: number;
  oursPointsMatched: number;
  peerMatched: number;
  oursBytes: number;
  peerBytes: number;
}

async function get(url: string): Promise<{ status: number; text: string }> {
  const r = await fetch(url);
  return { status: r.status, text: await r.text() };
}

async function page(url: string): Promise<{ page: Page; bytes: number }> {
  const { status, text } = await get(url);
  if (status !== 200) throw new Error(`${url} answered ${status}: ${text.slice(0, 200)}`);
  return { page: JSON.parse(text) as Page, bytes: Buffer.byteLength(text) };
}

/** Ours, every page: the ids of its points, and how many features of any type matched. */
async function oursPoints(base: string, box: BBox): Promise<{ matched: number; points: Set<string> }> {
  const points = new Set<string>();
  let matched = 0;
  for (let offset = 0; ; offset += PEER_MAX) {
    const { page: p } = await page(`${base}${paths.ours(`${bboxQuery(box, PEER_MAX)}&offset=${offset}`)}`);
    matched = p.numberMatched;
    for (const f of p.features) if (f.geometry?.type === 'Point') points.add(String(f.id));
    if (offset + PEER_MAX >= matched) break;
  }
  return { matched, points };
}

const sample = <T>(list: T[], n: number) => list.slice(0, n);
const mean = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : NaN);
const few = (ids: Iterable<string>) => [...ids].slice(0, 5).join(', ');

export async function agree(ours: string, peerHost: string, c: Case, n: number): Promise<Agreement> {
  const result: Agreement = { name: c.name, checked: 0, mismatches: [], tooBig: 0, oursMatched: NaN, oursPointsMatched: NaN, peerMatched: NaN, oursBytes: NaN, peerBytes: NaN };
  if (c.limit === null) {
    const oursBytes: number[] = [];
    const peerBytes: number[] = [];
    for (const item of sample(c.items, n)) {
      const [a, b] = [await get(`${ours}${paths.oursItem(item.id)}`), await get(`${peerHost}${paths.peerItem(item.layer, item.id)}`)];
      const idOf = (r: { status: number; text: string }) => (r.status === 200 ? String((JSON.parse(r.text) as { id: unknown }).id) : `HTTP ${r.status}`);
      const [ia, ib] = [idOf(a), idOf(b)];
      if (ia !== item.id || ib !== item.id) result.mismatches.push(`${item.id} (${item.layer}): ours gave ${ia}, MapServer ${ib}`);
      oursBytes.push(Buffer.byteLength(a.text));
      peerBytes.push(Buffer.byteLength(b.text));
      result.checked++;
    }
    Object.assign(result, { oursBytes: mean(oursBytes), peerBytes: mean(peerBytes) });
    return result;
  }
  const m = { ours: [] as number[], oursPoints: [] as number[], peer: [] as number[], oursBytes: [] as number[], peerBytes: [] as number[] };
  for (const box of sample(c.boxes, n)) {
    const limited = [
      await page(`${ours}${paths.ours(bboxQuery(box, c.limit))}`),
      await page(`${peerHost}${paths.peer('points', bboxQuery(box, c.limit))}`),
    ];
    m.oursBytes.push(limited[0].bytes);
    m.peerBytes.push(limited[1].bytes);
    for (const [who, { page: p }] of [['ours', limited[0]], ['MapServer', limited[1]]] as const)
      if (p.numberReturned !== Math.min(c.limit, p.numberMatched) || p.features.length !== p.numberReturned)
        result.mismatches.push(`${box.join(',')}: ${who} returned ${p.features.length} (numberReturned ${p.numberReturned}) of ${p.numberMatched} at limit=${c.limit}`);

    const mine = await oursPoints(ours, box);
    const { page: theirs } = await page(`${peerHost}${paths.peer('points', bboxQuery(box, PEER_MAX))}`);
    m.ours.push(mine.matched);
    m.oursPoints.push(mine.points.size);
    m.peer.push(theirs.numberMatched);
    result.checked++;
    if (theirs.numberMatched !== mine.points.size) result.mismatches.push(`${box.join(',')}: ${mine.points.size} points match on ours, ${theirs.numberMatched} on MapServer`);
    if (theirs.numberMatched > PEER_MAX) {
      result.tooBig++;
      continue;
    }
    const peerIds = new Set(theirs.features.map((f) => String(f.id)));
    const onlyOurs = [...mine.points].filter((id) => !peerIds.has(id));
    const onlyPeer = [...peerIds].filter((id) => !mine.points.has(id));
    if (onlyOurs.length || onlyPeer.length)
      result.mismatches.push(`${box.join(',')}: ${onlyOurs.length} point(s) only on ours (${few(onlyOurs)}), ${onlyPeer.length} only on MapServer (${few(onlyPeer)})`);
  }
  Object.assign(result, {
    oursMatched: mean(m.ours),
    oursPointsMatched: mean(m.oursPoints),
    peerMatched: mean(m.peer),
    oursBytes: mean(m.oursBytes),
    peerBytes: mean(m.peerBytes),
  });
  return result;
}
