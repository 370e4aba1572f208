// The data commands, on whichever store openStore(env) opens:
//   npm run db:build                     create and seed the store when there is none (npm start runs it)
//   npm run data:seed -- [dir] [--discard-changes]   replace the store's content with a dataset folder
//   npm run data:dump -- <dir>           write the store's content as a dataset folder
import { datasetDir } from './paths.ts';
import { dumpStore } from './dump.ts';
import { openStore } from './open.ts';
import { filesDiffer, reseed, SeedRefused, seedIfEmpty } from './seed.ts';

const [command, ...rest] = process.argv.slice(2);
const flags = new Set(rest.filter((a) => a.startsWith('--')));
const [dirArg] = rest.filter((a) => !a.startsWith('--'));

async function main(): Promise<number> {
  const store = await openStore();
  try {
    if (command === 'init') {
      const dir = datasetDir();
      const result = await seedIfEmpty(store, dir);
      const h = await store.health();
      console.log(`store ${result === 'seeded' ? `seeded from ${dir}` : 'kept'}: ${h.interventions} interventions, revision ${h.revision}`);
      if (result === 'kept' && (await filesDiffer(store, dir)))
        console.log(`note: ${dir} differs from the dataset this store was seeded with; "npm run data:seed" loads it`);
      return 0;
    }
    if (command === 'seed') {
      const dir = dirArg ?? datasetDir();
      await reseed(store, dir, { discardChanges: flags.has('--discard-changes') });
      console.log(`store seeded from ${dir}: revision ${(await store.health()).revision}`);
      return 0;
    }
    if (command === 'dump') {
      if (!dirArg) {
        console.error('usage: npm run data:dump -- <dir>');
        return 2;
      }
      const files = await dumpStore(store, dirArg);
      console.log(`wrote ${files.length} files to ${dirArg}: ${files.join(', ')}`);
      return 0;
    }
    console.error(`unknown command "${command ?? ''}": init, seed or dump`);
    return 2;
  } catch (error) {
    if (error instanceof SeedRefused) {
      console.error(`refused: ${error.message}`);
      return 1;
    }
    throw error;
  } finally {
    await store.close();
  }
}

process.exitCode = await main();
