// Run by the entry (main.tsx) before the app's chunk. zod probes `new Function` when it builds a
// schema (for its faster parsers), and under our Content-Security-Policy, which forbids eval, the
// probe fails quietly but is still reported as a violation; jitless skips it. The setting goes on
// the global zod keeps its configuration in (zod/v4/core: globalThis.__zod_globalConfig, which
// z.config writes too), so this needs no zod of its own and holds whatever order the bundler gives
// the app's modules: it does not keep them in import order across chunks, and geo's schemas ran
// before a z.config call inside the app's chunk.
const zod = globalThis as { __zod_globalConfig?: Record<string, unknown> };
zod.__zod_globalConfig = { ...zod.__zod_globalConfig, jitless: true };
