// The Hono application, composed from small routers. It takes a Store, so tests build the app on
// a database file of their own and call it through `app.request` without opening a port.
import { Hono } from 'hono';
import type { Store } from '../data/store.ts';
import { notFound, onError } from './errors.ts';

export function createApi(store: Store) {
  const api = new Hono();
  api.get('/health', (c) => c.json({ status: 'ok', ...store.health() }));
  return api;
}

export function createApp(store: Store) {
  const app = new Hono();
  app.route('/api', createApi(store));
  app.notFound(notFound);
  app.onError(onError);
  return app;
}
