// The app itself, loaded by the entry (main.tsx) once the first reads are under way. Its styles
// come in the order they override each other (ours after MapLibre's, which App's map imports); the
// build links them from the page's head (vite.config.ts), so they arrive beside the entry.
import '@fontsource/noto-sans/400.css';
import '@fontsource/noto-sans/700.css';
import maplibregl from 'maplibre-gl';
import { createRoot } from 'react-dom/client';
import { App } from './app/App.tsx';
import './style.css';

// MapLibre's worker parses MapLibre's code again before it can decode a tile: started now, it does
// so while the reference data is on its way, not after the map asks for its first tiles.
maplibregl.prewarm();
createRoot(document.getElementById('root')!).render(<App />);
