import { z } from 'zod';

/** A public source and what it supports: every plan item and intervention carries at least one. */
export const Source = z.object({
  url: z.url({ protocol: /^https?$/ }),
  supports: z.string().min(1),
});
export type Source = z.infer<typeof Source>;

export const Sources = z.array(Source).min(1);
