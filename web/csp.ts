// Imported first by main.tsx, before any module builds a zod schema: zod probes `new Function`
// when a schema is built (for its faster parsers), and under our Content-Security-Policy, which
// forbids eval, the probe fails quietly but is still reported as a violation. jitless skips it.
import { z } from 'zod';

z.config({ jitless: true });
