// How soon the web app draws its first markers, as a visitor would see it: headless Chromium opens
// the page on loopback, and a probe in the page looks at the map's pixels until the colour of a
// cluster or a pile's disc covers more than a few markers' worth of them. Pixels, not the DOM: the
// counts are HTML, but a marker is there for the reader only once the map has drawn its disc.
//
// Each run is a fresh browser context (nothing cached: a first visit), then the same page again in
// that context (assets from the cache, data asked again: a return visit). The probe forces
// preserveDrawingBuffer so the canvas can be read between frames; it reads every 25 ms.
import { hasChromium, launchBrowser, offlinePage } from '../helpers/browser.ts';

/** A cluster's disc (#1f5fa8 at 0.9 over the base) and a pile's (#343a40), as web/map/style.ts draws them. */
const MARKER_COLOURS: [number, number, number, number][] = [
  [31, 95, 168, 28],
  [52, 58, 64, 8],
];
/**
 * The probe looks at the map at a quarter of its size, sampling the nearest pixel (no blending of
 * colours at the edges): reading the whole 1280 × 860 canvas took 40–90 ms a look here, and a probe
 * looking every 25 ms kept the page's main thread busy most of the time, delaying the very drawing
 * it waited for. A quarter costs about 3 ms.
 */
const SCALE = 4;
/** About two markers' discs at that scale: a few stray pixels of a similar colour in the base map never reach it. */
const ENOUGH_PIXELS = 40;

export interface FirstMarkers {
  /** ms from navigation start to the first frame with markers, per run */
  cold: number[];
  warm: number[];
  /** runs in which no markers appeared within the time allowed */
  missed: number;
  skipped?: string;
}

// Plain script text rather than a function: what tsx compiles a function into may name helpers
// that do not exist in the page.
export const PROBE = `(() => {
  const colours = ${JSON.stringify(MARKER_COLOURS)};
  const original = HTMLCanvasElement.prototype.getContext;
  HTMLCanvasElement.prototype.getContext = function (kind, options) {
    return original.call(this, kind, kind.startsWith('webgl') ? { ...options, preserveDrawingBuffer: true } : options);
  };
  const scratch = document.createElement('canvas');
  const look = () => {
    const map = document.querySelector('canvas.maplibregl-canvas');
    if (map && map.width > 0) {
      scratch.width = Math.ceil(map.width / ${SCALE});
      scratch.height = Math.ceil(map.height / ${SCALE});
      const g = scratch.getContext('2d', { willReadFrequently: true });
      g.imageSmoothingEnabled = false;
      g.drawImage(map, 0, 0, scratch.width, scratch.height);
      const data = g.getImageData(0, 0, scratch.width, scratch.height).data;
      let hits = 0;
      for (let i = 0; i < data.length; i += 4)
        for (let c = 0; c < colours.length; c++) {
          const [r, gr, b, tol] = colours[c];
          if (Math.abs(data[i] - r) <= tol && Math.abs(data[i + 1] - gr) <= tol && Math.abs(data[i + 2] - b) <= tol) { hits++; break; }
        }
      if (hits >= ${ENOUGH_PIXELS}) { window.firstMarkers = performance.now(); return; }
    }
    setTimeout(look, 25);
  };
  setTimeout(look, 25);
})();`;

/** First and return visits to `url`, `runs` times each. */
export async function measureFirstMarkers(url: string, runs: number, timeoutMs = 30_000): Promise<FirstMarkers> {
  if (!hasChromium) return { cold: [], warm: [], missed: 0, skipped: 'no Chromium at /usr/bin/chromium' };
  const browser = await launchBrowser();
  const out: FirstMarkers = { cold: [], warm: [], missed: 0 };
  const origin = new URL(url).origin;
  try {
    for (let run = 0; run < runs; run++) {
      const { page } = await offlinePage(browser, origin, { viewport: { width: 1280, height: 860 } }); // a context of its own
      await page.addInitScript({ content: PROBE });
      for (const visit of [out.cold, out.warm]) {
        await page.goto(url);
        try {
          await page.waitForFunction(() => 'firstMarkers' in window, undefined, { timeout: timeoutMs, polling: 50 });
          visit.push(await page.evaluate(() => (window as unknown as { firstMarkers: number }).firstMarkers));
        } catch {
          out.missed++;
        }
      }
      await page.context().close();
    }
  } finally {
    await browser.close();
  }
  return out;
}
