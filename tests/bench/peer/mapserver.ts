// MapServer's side: the interventions exported from our own API, converted with ogr2ogr to a
// GeoPackage (one layer per geometry type, since a MapServer 8.0 layer has one type), a mapfile
// with OGC API Features on, and lighttpd running mapserv over FastCGI, one process per core.
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { freePort } from '../../helpers/ports.ts';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { processTree } from './procs.ts';

export const LAYERS = [
  { name: 'points', ogr: 'POINT', nlt: 'POINT', type: 'POINT', geojson: 'Point' },
  { name: 'lines', ogr: 'LINESTRING', nlt: 'LINESTRING', type: 'LINE', geojson: 'LineString' },
  { name: 'polygons', ogr: 'POLYGON', nlt: 'POLYGON', type: 'POLYGON', geojson: 'Polygon' },
] as const;
export type LayerName = (typeof LAYERS)[number]['name'];

export const layerOf = (geometryType: string): LayerName | undefined => LAYERS.find((l) => l.geojson === geometryType)?.name;

/**
 * The GeoPackage for the data our server holds; reused while `stamp` (dataset size and store
 * revision) is unchanged, since the export and three conversions take half a minute.
 */
export async function geoPackage(ours: string, dir: string, stamp: string): Promise<{ gpkg: string; reused: boolean; ms: number }> {
  mkdirSync(dir, { recursive: true });
  const gpkg = join(dir, 'interventions.gpkg');
  const stampFile = join(dir, 'interventions.gpkg.stamp');
  if (existsSync(gpkg) && existsSync(stampFile) && readFileSync(stampFile, 'utf8') === stamp) return { gpkg, reused: true, ms: 0 };
  const started = performance.now();
  const geojson = join(dir, 'interventions.geojson');
  const response = await fetch(`${ours}/api/export/interventions.geojson`);
  if (!response.ok || !response.body) throw new Error(`export from our API answered ${response.status}`);
  await pipeline(Readable.fromWeb(response.body as import('node:stream/web').ReadableStream), createWriteStream(geojson));
  rmSync(gpkg, { force: true });
  for (const [i, layer] of LAYERS.entries()) {
    execFileSync(
      'ogr2ogr',
      [
        ...(i ? ['-update'] : []),
        '-f', 'GPKG', gpkg, geojson,
        // title: {bg, en} becomes title_bg, title_en, as our /ogc flattens it
        '-oo', 'FLATTEN_NESTED_ATTRIBUTES=YES',
        '-mapFieldType', 'StringList=String',
        '-nln', layer.name, '-nlt', layer.nlt,
        '-where', `OGR_GEOMETRY='${layer.ogr}'`,
      ],
      { stdio: ['ignore', 'ignore', 'pipe'] },
    );
    // MapServer looks items up by id with an attribute filter; without an index that is a scan.
    execFileSync('ogrinfo', ['-q', gpkg, '-sql', `CREATE INDEX ${layer.name}_id ON ${layer.name}(id)`], { stdio: ['ignore', 'ignore', 'pipe'] });
  }
  rmSync(geojson);
  writeFileSync(stampFile, stamp);
  return { gpkg, reused: false, ms: performance.now() - started };
}

/** Each layer's ids with their coordinates (points) or without (the others), read back from the GeoPackage. */
export function layerRows(gpkg: string, layer: LayerName): { id: string; x: number; y: number }[] {
  const xy = layer === 'points' ? ['-lco', 'GEOMETRY=AS_XY'] : [];
  const csv = execFileSync('ogr2ogr', ['-f', 'CSV', '/vsistdout/', gpkg, layer, '-select', 'id', ...xy], {
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
  const [head, ...lines] = csv.trim().split('\n');
  const cols = head.split(',');
  const [ix, iy, iid] = ['X', 'Y', 'id'].map((c) => cols.indexOf(c));
  return lines.map((line) => {
    const cells = line.split(',');
    return { id: cells[iid].replace(/"/g, ''), x: ix < 0 ? NaN : Number(cells[ix]), y: iy < 0 ? NaN : Number(cells[iy]) };
  });
}

export interface MapServer {
  /** the OGC API root, …/ogcapi */
  url: string;
  /** lighttpd's pid: its mapserv processes are its children */
  pid: number;
  stop(): Promise<void>;
}

/** Writes the mapfile, MapServer's config and lighttpd's, and starts lighttpd with `procs` mapserv processes. */
export async function startMapServer(dir: string, gpkg: string, procs: number): Promise<MapServer> {
  const port = await freePort();
  const root = `http://127.0.0.1:${port}/mapserv/peer/ogcapi`;
  const mapfile = join(dir, 'peer.map');
  const layers = LAYERS.map(
    (l) => `  LAYER
    NAME "${l.name}"
    TYPE ${l.type}
    STATUS ON
    # a layer without a template is not queryable, and OGC API lists only queryable layers
    TEMPLATE "void"
    # keeps the GeoPackage open between FastCGI requests, as a tuned MapServer runs (4× the
    # requests/s on small boxes here); without it every request opens the file again
    PROCESSING "CLOSE_CONNECTION=DEFER"
    CONNECTIONTYPE OGR
    CONNECTION "${gpkg}"
    DATA "${l.name}"
    PROJECTION "init=epsg:4326" END
    METADATA
      "ows_title" "${l.name}"
      "oga_featureid" "id"
      "gml_include_items" "all"
    END
  END`,
  );
  writeFileSync(
    mapfile,
    `MAP
  NAME "peer"
  EXTENT -180 -90 180 90
  PROJECTION "init=epsg:4326" END
  WEB
    METADATA
      "oga_enable_request" "*"
      "oga_onlineresource" "${root}"
      "ows_title" "piro-map bench:peer"
      "ows_srs" "EPSG:4326"
    END
  END
${layers.join('\n')}
END
`,
  );
  const config = join(dir, 'mapserver.conf');
  writeFileSync(config, `CONFIG\n  ENV\n    MS_MAP_PATTERN "^${dir}"\n  END\n  MAPS\n    peer "${mapfile}"\n  END\nEND\n`);
  const lighttpdConf = join(dir, 'lighttpd.conf');
  const socket = join(dir, 'mapserv.sock');
  writeFileSync(
    lighttpdConf,
    `server.document-root = "${dir}"
server.bind = "127.0.0.1"
server.port = ${port}
server.modules = ("mod_fastcgi")
server.errorlog = "${join(dir, 'lighttpd-error.log')}"
server.max-connections = 1024
fastcgi.server = ( "/mapserv" => ((
  "socket" => "${socket}",
  "bin-path" => "/usr/lib/cgi-bin/mapserv",
  "check-local" => "disable",
  "min-procs" => ${procs}, "max-procs" => ${procs},
  "bin-environment" => ( "MAPSERVER_CONFIG_FILE" => "${config}", "MS_MAPFILE" => "${mapfile}" )
)))
`,
  );
  const child: ChildProcess = spawn('lighttpd', ['-D', '-f', lighttpdConf], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', (c: Buffer) => (output += c));
  child.stderr!.on('data', (c: Buffer) => (output += c));
  const server: MapServer = { url: root, pid: child.pid!, stop: () => stopTree(child) };
  running.add(server);
  const deadline = Date.now() + 20_000;
  for (;;) {
    try {
      const r = await fetch(`${root}/collections?f=json`);
      const body = (await r.json()) as { collections?: { id: string }[] };
      if (r.ok && body.collections?.length === LAYERS.length) return server;
      throw new Error(`collections: ${JSON.stringify(body).slice(0, 300)}`);
    } catch (error) {
      if (child.exitCode !== null || Date.now() > deadline) {
        await server.stop();
        throw new Error(`MapServer did not answer at ${root}: ${(error as Error).message}\n${output}`);
      }
      await new Promise((r) => setTimeout(r, 250));
    }
  }
}

const running = new Set<MapServer>();
/** Every MapServer still running, for the exit handlers. */
export const runningMapServers = () => [...running];

/**
 * lighttpd leaves its FastCGI processes running when it is stopped, so they are listed first and
 * each is ended by its pid.
 */
async function stopTree(child: ChildProcess) {
  for (const s of running) if (s.pid === child.pid) running.delete(s);
  const pids = processTree(child.pid!);
  for (const pid of pids.reverse()) {
    try {
      process.kill(pid, 'SIGTERM');
    } catch {
      // already gone
    }
  }
  if (child.exitCode === null && child.signalCode === null) await new Promise((r) => child.once('exit', r));
}
