// /api/openapi.json and /api/docs: the contract, and an interactive page for it served from our own
// server (swagger-ui-dist from node_modules), so it works with no internet.
import { Hono } from 'hono';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { Deps } from '../deps.ts';
import { parseQuery } from '../params.ts';
import { ApiError } from '../errors.ts';
import { dataExamples } from '../examples.ts';
import { openApiDocument } from '../openapi.ts';
import type { RouteDoc } from '../route-doc.ts';
import { plansTitle } from '../../geo/plan.ts';

const require = createRequire(import.meta.url);
const SWAGGER_DIR = dirname(require.resolve('swagger-ui-dist/package.json'));
const ASSETS: Record<string, string> = {
  'swagger-ui.css': 'text/css; charset=utf-8',
  'swagger-ui-bundle.js': 'text/javascript; charset=utf-8',
  'favicon-32x32.png': 'image/png',
};

const PAGE = `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>piro-map API</title>
  <link rel="stylesheet" href="/api/docs/assets/swagger-ui.css">
  <link rel="icon" href="/api/docs/assets/favicon-32x32.png">
</head>
<body>
  <div id="ui" data-spec="SPEC"></div>
  <script src="/api/docs/assets/swagger-ui-bundle.js"></script>
  <script src="/api/docs/init.js"></script>
</body>
</html>`;

// Kept out of the page so a strict Content-Security-Policy needs no inline scripts.
const INIT = `window.ui = SwaggerUIBundle({ url: document.getElementById('ui').dataset.spec, dom_id: '#ui', deepLinking: true, validatorUrl: null });`;

/** The interactive page for an OpenAPI document at `specUrl`. */
export function swaggerPage(specUrl: string): string {
  return PAGE.replace('SPEC', specUrl);
}

export function docsRoutes(deps: Deps, routes: RouteDoc[]) {
  const r = new Hono();
  const assets = new Map(Object.keys(ASSETS).map((name) => [name, readFileSync(join(SWAGGER_DIR, name))]));
  r.get('/openapi.json', async (c) => {
    parseQuery(c.req.url, []);
    const snapshot = await deps.snapshot();
    const { plan, plans } = snapshot;
    return c.json(
      openApiDocument(
        routes,
        {
          title: 'piro-map API',
          version: '1.0.0',
          description: `${plans.length > 1 ? 'The plans' : 'The plan'} ${plansTitle(plan.shortTitle, plans.length).bg ?? plan.id}: goals, priorities and measures, the interventions that carry it out, zones and base layers. Filters are plain query parameters shared by the list, facets and exports.`,
        },
        await dataExamples(deps.store, snapshot),
      ),
    );
  });
  r.get('/docs', (c) => {
    parseQuery(c.req.url, []);
    return c.html(swaggerPage('/api/openapi.json'));
  });
  r.get('/docs/init.js', (c) => c.body(INIT, 200, { 'Content-Type': 'text/javascript; charset=utf-8' }));
  r.get('/docs/assets/:name', (c) => {
    const name = c.req.param('name');
    const body = assets.get(name);
    if (!body) throw new ApiError(404, 'not_found', `no asset "${name.slice(0, 100)}"`);
    return c.body(new Uint8Array(body), 200, { 'Content-Type': ASSETS[name] });
  });
  r.get('/sources', async (c) => {
    parseQuery(c.req.url, []);
    return c.body(await deps.store.sources(), 200, { 'Content-Type': 'text/markdown; charset=utf-8' });
  });
  return r;
}
