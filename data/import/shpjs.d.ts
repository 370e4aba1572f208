// shpjs ships no types; only the raw .shp reader is used (no .prj passed: no reprojection).
declare module 'shpjs' {
  export function parseShp(shp: ArrayBuffer | ArrayBufferView, prj?: string): unknown[];
}
