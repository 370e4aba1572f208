// How much one upload may hold. The caller limits the bytes sent; these bound what they expand to
// (a zip inflates, a GeoPackage holds many tables), so a small file cannot take the server down.
export const LIMITS = {
  /** every inflated file of a zip together */
  unzippedBytes: 200 * 1024 * 1024,
  rows: 100_000,
  positions: 1_000_000,
};
