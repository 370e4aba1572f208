import { z } from 'zod';
import { Prose } from './prose.ts';

/** A public source and what it supports: every plan item and intervention carries at least one. */
export const Source = z.object({
  url: z.url({ protocol: /^https?$/ }),
  /** what this address supports, in the words it was written in, with a translation where there is one */
  supports: Prose,
});
export type Source = z.infer<typeof Source>;

export const Sources = z.array(Source).min(1);
