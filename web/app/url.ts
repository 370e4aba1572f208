// The URL's list parameters (municipality=A,B), read the same way by the app's state (state.ts) and
// by the first reads, which start before the app's code has arrived (reference.ts).
export const listParam = (params: URLSearchParams, key: string): string[] => (params.get(key) ?? '').split(',').filter(Boolean);
