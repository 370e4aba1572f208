// The app on a real database file, called through `app.request` (no port needed).
import { createApp, type AppOptions } from '../../api/app.ts';
import { seededStore } from './fixtures.ts';

export const ORIGIN = 'http://localhost';

export async function apiOn(dataset: string, name: string, options: AppOptions = {}) {
  const { store, path } = await seededStore(dataset, name);
  const app = createApp(store, { publicUrl: ORIGIN, ...options });
  const get = (path: string, init?: RequestInit) => app.request(`${ORIGIN}${path}`, init);
  const json = async <T = any>(path: string): Promise<T> => {
    const res = await get(path);
    if (res.status !== 200) throw new Error(`${path} → ${res.status}: ${await res.text()}`);
    return res.json() as Promise<T>;
  };
  return { store, path, app, get, json };
}
