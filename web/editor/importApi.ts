// The import API as the page calls it. The upload goes through XMLHttpRequest, the only browser API
// that reports upload progress (a 25 MB file on a municipal line takes a while); the rest through
// `call`. Every answer is parsed with the schema the server answers by, so the page holds typed values.
import { ImportCommitted, ImportPreview, type ImportPreview as Preview } from '../../geo/import-preview.ts';
import type { ImportMapping } from '../../geo/import-mapping.ts';
import type { ErrorBody } from '../../geo/responses.ts';
import { call, Refused } from './client.ts';

export interface UploadForm {
  file: File;
  into: string;
  crs?: string;
  encoding?: string;
  /** a reference layer's title, for the map's legend */
  title?: string;
}

/** What the page may change of an upload; null goes back to detection (or to the remembered or guessed mapping). */
export interface ImportOptions {
  crs?: string | null;
  encoding?: string | null;
  layer?: string | null;
  mapping?: ImportMapping | null;
}

/** The CRSs an upload may be read in (the server's IMPORT_CRS), and the encodings of text formats. */
export const IMPORT_CRS = ['OGC:CRS84', 'EPSG:4326', 'EPSG:3857', 'EPSG:7801', 'EPSG:32635'] as const;
export const CRS_TITLES: Record<string, string> = {
  'OGC:CRS84': 'WGS 84 (дължина, ширина / lon, lat)',
  'EPSG:4326': 'WGS 84 (ширина, дължина / lat, lon)',
  'EPSG:3857': 'Web Mercator',
  'EPSG:7801': 'БГС2005 / CCS2005 (кадастрална / cadastral)',
  'EPSG:32635': 'WGS 84 / UTM 35N',
};
export const ENCODINGS = ['utf-8', 'windows-1251'] as const;

const url = (id: string, step = '') => `/api/imports/${encodeURIComponent(id)}${step ? `/${step}` : ''}`;

/** Uploads the file; `progress` gets the share sent (0–1), then `sent()` once the server has it all and reads. */
export function uploadImport(form: UploadForm, progress: (share: number) => void, sent: () => void): Promise<Preview> {
  const body = new FormData();
  body.set('file', form.file, form.file.name);
  body.set('into', form.into);
  if (form.crs) body.set('crs', form.crs);
  if (form.encoding) body.set('encoding', form.encoding);
  if (form.title) body.set('title', form.title);
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', '/api/imports');
    xhr.setRequestHeader('Accept', 'application/json');
    xhr.upload.onprogress = (e) => e.lengthComputable && progress(e.loaded / e.total);
    xhr.upload.onload = () => sent();
    xhr.onerror = () => reject(new TypeError('network'));
    xhr.onload = () => {
      let parsed: unknown = null;
      try {
        parsed = xhr.responseText ? JSON.parse(xhr.responseText) : null;
      } catch {
        parsed = null;
      }
      if (xhr.status >= 200 && xhr.status < 300) {
        try {
          resolve(ImportPreview.parse(parsed));
        } catch (e) {
          reject(e);
        }
        return;
      }
      const error = (parsed as ErrorBody | null)?.error;
      reject(new Refused(xhr.status, error?.code ?? 'http_error', error?.message ?? `${xhr.status}`, error?.details ?? null));
    };
    xhr.send(body);
  });
}

export const getImport = async (id: string) => ImportPreview.parse((await call('GET', url(id))).body);

export const patchImport = async (id: string, options: ImportOptions) => ImportPreview.parse((await call('PATCH', url(id), { body: options })).body);

export const commitImport = async (id: string) => ImportCommitted.parse((await call('POST', url(id, 'commit'))).body);
