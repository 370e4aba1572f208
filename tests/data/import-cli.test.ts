// npm run import as a planner runs it on the server: a windows-1251 CSV with easting/northing in
// BGS2005 / CCS2005, read with the flags the issue names (--crs EPSG:7801 --encoding cp1251), first
// as a dry run that writes nothing, then for real: the rows become drafts by the named account,
// with the file in the reason. Refusals exit non-zero with the message and write nothing.
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { hashPassword } from '../../data/accounts.ts';
import { openStore } from '../../data/open.ts';
import { toCrs } from '../../geo/crs.ts';
import { fingerprint } from '../helpers/hostile.ts';
import { MINI, ROOT, seededStore, storeEnvOf, tempDir } from '../helpers/fixtures.ts';

describe('npm run import', { timeout: 120_000 }, () => {
  const dir = tempDir('import-cli');
  const run = (path: string, args: string[]) =>
    spawnSync(process.execPath, ['--import', 'tsx', 'data/import-cli.ts', ...args], { cwd: ROOT, env: { ...process.env, ...storeEnvOf(path) }, encoding: 'utf8' });

  async function prepared() {
    const { store, path } = await seededStore(MINI, 'import-cli');
    await store.createAccount({ email: 'ed@example.org', role: 'editor', passwordHash: await hashPassword('a long test password') }, null);
    await store.close();
    return path;
  }

  // Points in Kazanlak, written as CCS2005 easting/northing (x = easting), as a surveyor's table has them.
  const places = [
    { name: 'Читалище „Искра“', lonLat: [25.3925, 42.6195] as [number, number] },
    { name: 'Парк „Розариум“', lonLat: [25.4031, 42.6253] as [number, number] },
  ];
  const header = 'Наименование;Тема;Статус;Статус към;Статус (текст);Място;Точност;Основание;Финансиране;Източник;Вид;E;N';
  const csv = [header, ...places.map((p) => {
    const [n, e] = toCrs(p.lonLat, 'EPSG:7801');
    return `${p.name};Култура и наследство;Идея;2026;идея;гр. Казанлък;site;по GPS;municipal-budget;https://example.org/list;project;${e.toFixed(3)};${n.toFixed(3)}`;
  })].join('\r\n');
  const file = join(dir, 'обекти.csv');
  writeFileSync(file, iconv.encode(csv, 'win1251'));

  it('a dry run shows what was decided and what would be written, and writes nothing', async () => {
    const db = await prepared();
    const before = (await fingerprint(db));
    const out = run(db, [file, '--into', 'interventions', '--crs', 'EPSG:7801', '--encoding', 'cp1251', '--as', 'ed@example.org', '--dry-run']);
    expect(out.status, out.stderr).toBe(0);
    expect(out.stdout).toMatch(/coordinates: EPSG:7801/);
    expect(out.stdout).toMatch(/encoding: +windows-1251/);
    expect(out.stdout).toContain('Наименование → title.bg');
    expect(out.stdout).toMatch(/2 rows: 2 new, 0 changed, 0 unchanged, 0 refused/);
    expect(out.stdout).toContain('dry run: nothing written');
    expect((await fingerprint(db)).content).toBe(before.content);
  });

  it('writes the rows as drafts by the named account, at their places, with Cyrillic intact; the same file again changes nothing', async () => {
    const db = await prepared();
    const out = run(db, [file, '--into', 'interventions', '--as', 'ed@example.org']);
    expect(out.status, out.stderr).toBe(0);
    // Detected without the flags: the encoding because the bytes are not UTF-8, the CRS from where the numbers land.
    expect(out.stdout).toMatch(/encoding: +windows-1251/);
    expect(out.stdout).toMatch(/coordinates: EPSG:7801/);
    expect(out.stdout).toContain('2 drafts written for review');
    const store = await openStore(storeEnvOf(db));
    try {
      const drafts = (await store.review()).filter((r) => r.kind === 'intervention');
      expect(drafts).toHaveLength(2);
      for (const entry of drafts) {
        const head = (await store.head('intervention', entry.item))!;
        const record = head.record as unknown as { geometry: { coordinates: [number, number] }; properties: { title: { bg: string } } };
        const place = places.find((p) => p.name === record.properties.title.bg)!;
        expect(place, record.properties.title.bg).toBeDefined();
        expect(Math.abs(record.geometry.coordinates[0] - place.lonLat[0])).toBeLessThan(1e-5);
        expect(Math.abs(record.geometry.coordinates[1] - place.lonLat[1])).toBeLessThan(1e-5);
        expect(entry.drafts[0].author).toBe('ed@example.org');
        expect(entry.drafts[0].reason).toMatch(/^import of обекти\.csv/);
      }
    } finally {
      await store.close();
    }
    const again = run(db, [file, '--into', 'interventions', '--as', 'ed@example.org']);
    expect(again.stdout).toMatch(/2 rows: 0 new, 0 changed, 2 unchanged, 0 refused/);
    expect(again.stdout).toContain('0 drafts written');
  });

  it('refuses an unknown account, a wrong role for a layer, and КС1970 coordinates, writing nothing', async () => {
    const db = await prepared();
    const before = (await fingerprint(db));
    const nobody = run(db, [file, '--into', 'interventions', '--as', 'nobody@example.org']);
    expect(nobody.status).toBe(2);
    expect(nobody.stderr).toMatch(/no enabled account with the editor role/);
    const layer = run(db, [file, '--into', 'layer:sites', '--as', 'ed@example.org']);
    expect(layer.status).toBe(2);
    expect(layer.stderr).toMatch(/publisher role/);
    const ks = join(dir, 'ks1970.csv');
    writeFileSync(ks, 'name;X;Y\nчешма;4723456.12;9512345.67\nмост;4723556.12;9512445.67\n');
    const refused = run(db, [ks, '--into', 'interventions', '--as', 'ed@example.org']);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toMatch(/1970/);
    const usage = run(db, [file]);
    expect(usage.status).toBe(2);
    expect(usage.stderr).toMatch(/usage: npm run import/);
    expect((await fingerprint(db)).content).toBe(before.content);
  });
});
