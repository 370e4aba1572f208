// What a route says about itself for the OpenAPI document. Routers export a list of these next to
// their handlers, built from the same Param table and zod schemas the handlers use.
import type { z } from 'zod';
import type { Role } from '../geo/editing.ts';
import type { Param } from './params.ts';

export interface RouteDoc {
  /** default get */
  method?: 'get' | 'post' | 'patch' | 'delete';
  path: string;
  summary: string;
  description?: string;
  tags: string[];
  query?: readonly Param[];
  pathParams?: { name: string; description: string; example?: string }[];
  /** the role a session needs (or one of several); absent for public routes */
  role?: Role | readonly Role[];
  requestBody?: { type: string; schema: z.ZodType; description: string };
  /** status of success, default 200 */
  response: { type: string; schema?: z.ZodType; description: string; status?: number };
  /** statuses beyond 200 and 400 this route answers */
  errors?: number[];
}
