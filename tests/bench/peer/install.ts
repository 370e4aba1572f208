// What the side-by-side needs from Debian, installed only when missing and never silently: the
// reader of the bench output should know the machine was changed.
import { execFileSync, spawnSync } from 'node:child_process';

/** Debian package → the file that shows it is there. */
const NEEDED: Record<string, string> = {
  'mapserver-bin': '/usr/bin/mapserv',
  'cgi-mapserver': '/usr/lib/cgi-bin/mapserv',
  lighttpd: '/usr/sbin/lighttpd',
  wrk: '/usr/bin/wrk',
  'gdal-bin': '/usr/bin/ogr2ogr',
};

const installed = (pkg: string) =>
  spawnSync('dpkg-query', ['-W', '-f=${Status}', pkg], { encoding: 'utf8' }).stdout?.includes('install ok installed') ?? false;

/** Installs what is missing with apt-get, or exits with a message saying what to do by hand. */
export function ensurePackages() {
  const missing = Object.keys(NEEDED).filter((pkg) => !installed(pkg));
  console.log(
    `needs Debian packages ${Object.keys(NEEDED).join(', ')} (MapServer 8.0 as CGI/FastCGI, lighttpd to run it, wrk to load both servers, ogr2ogr for the GeoPackage)`,
  );
  if (missing.length === 0) return console.log('  all present; nothing installed');
  console.log(`  installing with apt-get: ${missing.join(' ')} (about a minute on a fresh machine, ~60 MB with dependencies)`);
  if (process.getuid?.() !== 0) fail(`not root: run "sudo apt-get install ${missing.join(' ')}" and then this script again`);
  try {
    execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit' });
    execFileSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...missing], {
      stdio: 'inherit',
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    });
  } catch (error) {
    fail(`apt-get failed (${(error as Error).message.split('\n')[0]}); install ${missing.join(' ')} by hand and run this again`);
  }
  const still = Object.entries(NEEDED).filter(([, file]) => spawnSync('test', ['-x', file]).status !== 0);
  if (still.length) fail(`after apt-get, still missing: ${still.map(([, f]) => f).join(', ')}`);
}

function fail(message: string): never {
  console.error(`bench:peer: ${message}`);
  process.exit(2);
}
