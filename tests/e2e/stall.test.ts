// A client that stops reading a large export holds nothing: while it stalls, other requests are
// answered as usual, and once its response has made no progress for STALL_TIMEOUT_MS the server
// closes the connection. The export has to be larger than every buffer between the server's
// generator and the client (the client's receive window, the server's send buffer, the streams'
// high-water marks), or the server would write it all and never stall: the Kazanlak export fits in
// them, so the server runs on a generated dataset (tests/bench/generate.ts) of about 12 MB.
//
// While the client reads nothing its receive window stays shut, so the server's FIN cannot reach
// it; that the server let go is read from the kernel instead (/proc/net/tcp: the server's end of
// the connection leaves ESTABLISHED), hence Linux only. Then the client reads what is left: the
// body ends short of the whole export, so the server really was stalled mid-write.
import { existsSync, readFileSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDataset } from '../bench/generate.ts';
import { tempDir } from '../helpers/fixtures.ts';
import { startServer, type RunningServer } from '../helpers/server.ts';

const COUNT = 10_000;
const EXPORT = '/api/export/interventions.geojson';
const onLinux = existsSync('/proc/net/tcp');

/** TCP states (include/net/tcp_states.h) of the sockets from local port `local` to remote port `remote`. */
function tcpStates(local: number, remote: number): string[] {
  const hex = (port: number) => port.toString(16).toUpperCase().padStart(4, '0');
  return ['/proc/net/tcp', '/proc/net/tcp6']
    .filter(existsSync)
    .flatMap((file) => readFileSync(file, 'utf8').split('\n').slice(1))
    .map((line) => line.trim().split(/\s+/))
    .filter((f) => f.length > 3 && f[1].endsWith(`:${hex(local)}`) && f[2].endsWith(`:${hex(remote)}`))
    .map((f) => ({ '01': 'ESTABLISHED', '04': 'FIN_WAIT1', '05': 'FIN_WAIT2', '06': 'TIME_WAIT', '07': 'CLOSE', '08': 'CLOSE_WAIT', '0B': 'CLOSING' })[f[3]] ?? f[3]);
}

async function until(condition: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const started = Date.now();
  while (!condition()) {
    if (Date.now() - started > timeoutMs) throw new Error(`not within ${timeoutMs / 1000} s: ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** A raw HTTP/1.1 GET that reads the first piece of the answer and then nothing. */
function stalledGet(url: string, path: string) {
  const { hostname, port } = new URL(url);
  const socket: Socket = connect({ host: hostname, port: Number(port) });
  const received: Buffer[] = [];
  let ended = false;
  socket.on('data', (chunk) => {
    received.push(chunk);
    socket.pause();
  });
  socket.on('end', () => (ended = true));
  socket.on('close', () => (ended = true));
  socket.on('error', () => (ended = true));
  socket.write(`GET ${path} HTTP/1.1\r\nHost: ${hostname}:${port}\r\nAccept-Encoding: identity\r\n\r\n`);
  return {
    socket,
    serverPort: Number(port),
    bytes: () => received.reduce((n, b) => n + b.length, 0),
    text: () => Buffer.concat(received).toString('latin1'),
    ended: () => ended,
    /** Reads everything that is left, to the end. */
    drain: () => {
      socket.removeAllListeners('data');
      socket.on('data', (chunk) => received.push(chunk));
      socket.resume();
    },
  };
}

describe.skipIf(!onLinux)('a client that stops reading', () => {
  let server: RunningServer;
  const STALL_MS = 1_500;

  beforeAll(async () => {
    const dataset = join(tempDir('stall'), 'dataset');
    generateDataset(dataset, COUNT);
    server = await startServer({ DATASET_DIR: dataset, STALL_TIMEOUT_MS: String(STALL_MS), BASEMAP: 'none' });
  }, 240_000);
  afterAll(async () => server?.stop());

  it('holds nothing while it stalls, and is disconnected once nothing moves', { timeout: 120_000 }, async () => {
    const client = stalledGet(server.url, EXPORT);
    await until(() => client.bytes() > 0, 30_000, 'the first bytes of the export');
    expect(client.text()).toMatch(/^HTTP\/1\.1 200/);
    const clientPort = client.socket.localPort!;
    expect(tcpStates(client.serverPort, clientPort)).toEqual(['ESTABLISHED']);

    // Meanwhile everyone else is served as usual.
    const health = await fetch(`${server.url}/api/health`);
    expect(health.status).toBe(200);
    expect((await health.json()).interventions).toBe(COUNT);
    const page = await fetch(`${server.url}/api/interventions?limit=5`);
    expect(page.status).toBe(200);
    expect((await page.json()).features).toHaveLength(5);

    // The server lets go of the stalled connection (a generous bound: the timeout is 1.5 s).
    await until(() => !tcpStates(client.serverPort, clientPort).includes('ESTABLISHED'), 30_000, 'the server closing the stalled connection');

    // What the client can still read ends short of the whole export: the server stopped mid-write.
    client.drain();
    await until(client.ended, 30_000, 'the end of the stalled response');
    const whole = await (await fetch(`${server.url}${EXPORT}`, { headers: { 'Accept-Encoding': 'identity' } })).arrayBuffer();
    expect(client.bytes()).toBeLessThan(whole.byteLength);
    expect(client.text().endsWith('\r\n0\r\n\r\n')).toBe(false);
    console.log(`[stall] the stalled client got ${client.bytes()} of ${whole.byteLength} bytes`);
  });
});
