// JSON values for the write suites' hostile bodies: every path of a value, a copy with one value
// replaced, and numbers JSON.stringify cannot write (spliced into the text as they are).
/**
 * JSON text JSON.stringify cannot write (1e999 reads as Infinity, -0, 1e-400, 400 digits): spliced
 * into the body as it is, wherever it stands.
 */
export class Raw {
  constructor(readonly text: string) {}
  toJSON() {
    return `\u0000raw:${this.text}\u0000`;
  }
}
export const toJson = (value: unknown) => JSON.stringify(value).replace(/"\\u0000raw:([^"\\]*)\\u0000"/g, (_, text: string) => text);
/** A value as the server reads it from the text `toJson` sends. */
export const asRead = (value: unknown) => JSON.parse(toJson([value]))[0];

export type JsonPath = (string | number)[];

/** Every node of a JSON value, the root included, as the path to it. */
export function pathsOf(value: unknown, at: JsonPath = []): JsonPath[] {
  const out = [at];
  if (Array.isArray(value)) value.forEach((v, i) => out.push(...pathsOf(v, [...at, i])));
  else if (value !== null && typeof value === 'object') for (const [k, v] of Object.entries(value)) out.push(...pathsOf(v, [...at, k]));
  return out;
}

/** A copy of `doc` with `value` at `path`. */
export function setAt(doc: unknown, path: JsonPath, value: unknown): unknown {
  if (path.length === 0) return value;
  const copy = structuredClone(doc) as any;
  let node = copy;
  for (const key of path.slice(0, -1)) node = node[key];
  node[path.at(-1)!] = value;
  return copy;
}

export const getAt = (doc: unknown, path: JsonPath): unknown => path.reduce<any>((node, key) => (node === null || node === undefined ? undefined : node[key]), doc);
