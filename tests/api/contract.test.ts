// The contract is true: every documented route is called with its defaults, each documented
// parameter's example, realistic combinations and bad input, and every real answer (200s and 4xxs)
// is held to the schema the OpenAPI document gives for that status, with a JSON Schema validator
// (ajv, draft 2020-12, as OpenAPI 3.1 uses). A status the document does not list fails too.
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { afterAll, describe, expect, it } from 'vitest';
import { PUBLIC_ROUTES } from '../../api/app.ts';
import { apiOn } from '../helpers/api.ts';
import { KAZANLAK } from '../helpers/fixtures.ts';

const { store, get, json } = await apiOn(KAZANLAK, 'api-contract');
afterAll(() => store.close());

const document = await json('/api/openapi.json');
const addFormats = addFormatsModule as unknown as (ajv: Ajv2020) => void;
const ajv = new Ajv2020({ strict: false, allErrors: true });
addFormats(ajv);

/** The schema with `#/components/…` references put in place, so each compiles on its own. */
function resolved(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(resolved);
  if (schema && typeof schema === 'object') {
    const ref = (schema as { $ref?: string }).$ref;
    if (ref?.startsWith('#/components/schemas/')) return resolved(document.components.schemas[ref.split('/').pop()!]);
    return Object.fromEntries(Object.entries(schema).map(([k, v]) => [k, resolved(v)]));
  }
  return schema;
}

const validators = new Map<string, ValidateFunction>();
function validatorFor(path: string, status: number, type: string): ValidateFunction | null {
  const response = document.paths[path].get.responses[String(status)];
  expect(response, `${path} answers ${status}, which the document does not list`).toBeDefined();
  const content = response.content?.[type] ?? response.content?.['application/json'];
  if (!content) return null;
  const key = `${path} ${status} ${type}`;
  if (!validators.has(key)) validators.set(key, ajv.compile(resolved(content.schema) as object));
  return validators.get(key)!;
}

// Examples as the document gives them (taken from the data), for path and query parameters.
const exampleOf = (path: string, name: string): string | undefined =>
  document.paths[path].get.parameters.find((p: { name: string }) => p.name === name)?.example;
const examplePath = (path: string) => path.replace(/\{(\w+)\}/g, (_, name: string) => exampleOf(path, name)!);

/** Queries worth sending to a route beyond its defaults: each documented example, and some together. */
function queriesFor(route: (typeof PUBLIC_ROUTES)[number]): string[] {
  const names = new Set((route.query ?? []).map((p) => p.name));
  // Coverage computes geometry per request: a few shapes of answer are enough there.
  if (route.tags.includes('coverage'))
    return ['', 'theme=water', ...(names.has('by') ? ['by=zone', 'by=goal&reach=0'] : ['distance=1000&theme=education']), 'undeclared=1', 'theme=roads'];
  const out = [''];
  const near = exampleOf(route.path, 'near');
  for (const p of route.query ?? []) {
    const example = exampleOf(route.path, p.name);
    if (example) out.push(`${p.name}=${encodeURIComponent(example)}${p.name === 'radius' ? `&near=${near}` : ''}`);
  }
  if (names.has('near')) out.push(`near=${near}&radius=3000`, `near=${near}&radius=3000&theme=tourism&limit=5`);
  if (names.has('q')) out.push('q=shipka', 'q=%D0%A8%D0%B8%D0%BF%D0%BA%D0%B0&located=false');
  if (names.has('by')) out.push('by=zone', 'by=goal', 'by=priority', 'by=theme&reach=0');
  if (names.has('offset')) out.push('limit=5&offset=80', 'sort=-budget&limit=3');
  // Bad input: an undeclared parameter, and a bad value where there are parameters at all.
  out.push('undeclared=1');
  if (names.has('theme')) out.push('theme=roads', 'goal=NOPE');
  if (names.has('bbox')) out.push('bbox=1,2,3');
  return out;
}

const JSON_TYPES = /^application\/(geo\+)?json|^application\/(csvm|schema)\+json/;

describe('every answer of every documented route matches the OpenAPI document', () => {
  for (const route of PUBLIC_ROUTES) {
    it(route.path, async () => {
      const urls = [...queriesFor(route).map((q) => `${examplePath(route.path)}${q ? `?${q}` : ''}`)];
      if (route.path.includes('{')) urls.push(route.path.replace(/\{\w+\}/g, 'NOPE-999'));
      const seen = new Set<number>();
      for (const url of urls) {
        const res = await get(url);
        seen.add(res.status);
        const type = (res.headers.get('content-type') ?? '').split(';')[0];
        const validate = validatorFor(route.path, res.status, type);
        if (!JSON_TYPES.test(type)) {
          // CSV and Markdown bodies: the media type is the contract.
          if (res.status === 200) expect(type, url).toBe(route.response.type.split(';')[0]);
          continue;
        }
        const body = await res.json();
        if (validate && !validate(body)) throw new Error(`${url} → ${res.status}: ${ajv.errorsText(validate.errors, { separator: '\n' }).slice(0, 2000)}`);
      }
      expect(seen.has(200), `${route.path} answered 200 at least once`).toBe(true);
      expect(seen.has(400), `${route.path} refused bad input at least once`).toBe(true);
    });
  }
});
