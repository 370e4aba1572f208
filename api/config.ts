// Server settings the web app needs: which online street basemap to try, if any. The map works
// without it (offline base layers from our own data); BASEMAP=none switches it off.
export interface Basemap {
  id: string;
  tiles: string[];
  attribution: string;
  maxzoom: number;
}

const BASEMAPS: Record<string, Basemap> = {
  osm: {
    id: 'osm',
    tiles: ['https://tile.openstreetmap.org/{z}/{x}/{y}.png'],
    attribution: '© OpenStreetMap contributors',
    maxzoom: 19,
  },
};

export function basemapFromEnv(env = process.env): Basemap | null {
  const choice = (env.BASEMAP ?? 'osm').toLowerCase();
  if (choice === 'none') return null;
  if (env.BASEMAP_TILES) return { id: 'custom', tiles: [env.BASEMAP_TILES], attribution: env.BASEMAP_ATTRIBUTION ?? '', maxzoom: 19 };
  return BASEMAPS[choice] ?? BASEMAPS.osm;
}
