// The bench's HTTP client for the latency kinds: node:http over one kept-alive connection, asking
// for the codings a browser asks for (br, gzip) and decoding the answer, as a visitor's browser
// would. Node's fetch (undici) was the client before: on this machine it spent about 3 ms of its
// own on each request (web streams, header objects), more than the server took for a page of 100,
// and it asks only for gzip and deflate, which no browser does. The bench timed itself.
import { Agent, get } from 'node:http';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';

export interface Answer {
  status: number;
  /** the decoded body */
  body: Buffer;
  /** the server's own share (its Server-Timing `app`), ms; NaN when absent */
  serverMs: number;
}

const agent = new Agent({ keepAlive: true, maxSockets: 1 });
const decode: Record<string, (b: Buffer) => Buffer> = { br: brotliDecompressSync, gzip: gunzipSync };

/** GET `url` to its last byte, decoded; rejects on a network error, or when the whole answer took over `timeoutMs`. */
export function getAnswer(url: string, timeoutMs: number): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const deadline = setTimeout(() => request.destroy(new Error(`no whole answer within ${timeoutMs} ms`)), timeoutMs);
    const fail = (err: Error) => {
      clearTimeout(deadline);
      reject(err);
    };
    const request = get(url, { agent, headers: { 'accept-encoding': 'br, gzip' } }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (c: Buffer) => chunks.push(c));
      response.on('error', fail);
      response.on('end', () => {
        clearTimeout(deadline);
        try {
          const raw = Buffer.concat(chunks);
          const coding = response.headers['content-encoding'] ?? 'identity';
          if (coding !== 'identity' && !decode[coding]) throw new Error(`a coding not asked for: ${coding}`);
          const body = coding === 'identity' ? raw : decode[coding](raw);
          const serverMs = Number(/app;dur=([\d.]+)/.exec(String(response.headers['server-timing'] ?? ''))?.[1] ?? NaN);
          resolve({ status: response.statusCode ?? 0, body, serverMs });
        } catch (error) {
          reject(error as Error);
        }
      });
    });
    request.on('error', fail);
  });
}
