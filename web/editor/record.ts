// Reading and writing one member of a record by its dotted path ("properties.title.bg"), the same
// paths the server names in its problems, so a problem finds its field without a lookup table.
import type { Problem } from '../../geo/editing.ts';

export function getAt(record: unknown, path: string): unknown {
  let value = record;
  for (const key of path.split('.')) value = value === null || typeof value !== 'object' ? undefined : (value as Record<string, unknown>)[key];
  return value;
}

/** A copy of `record` with the member at `path` set to `value`; arrays stay arrays. */
export function setAt<T>(record: T, path: string, value: unknown): T {
  const [key, ...rest] = path.split('.');
  const container = (record ?? {}) as Record<string, unknown> | unknown[];
  const next = rest.length ? setAt(Array.isArray(container) ? container[Number(key)] : container[key], rest.join('.'), value) : value;
  if (Array.isArray(container)) return container.map((v, i) => (i === Number(key) ? next : v)) as T;
  return { ...container, [key]: next } as T;
}

/** The problems of a field: those at its path or inside it. */
export const problemsAt = (problems: Problem[], path: string) => problems.filter((p) => p.path === path || p.path.startsWith(`${path}.`));

/** The element id of the field at `path`, so a listed problem can move focus to it. */
export const fieldId = (path: string) => `f-${path.replace(/[^A-Za-z0-9_-]/g, '-')}`;
