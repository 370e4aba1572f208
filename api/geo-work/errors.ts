// What a planner is told when the geometry work cannot be done now or at all: each answer says why
// and what to do (wait, or narrow the question).
import { ApiError } from '../errors.ts';

const NARROW = 'filter by theme, settlement or status, or ask for a smaller distance or reach';

export function busy(retryAfterS: number, running: number, waiting: number, work = 'coverage computations'): ApiError {
  return new ApiError(
    503,
    'busy',
    `the server is busy with other ${work} (${running} running, ${waiting} waiting); try again in ${retryAfterS} s`,
    { retryAfter: retryAfterS },
    { 'Retry-After': String(retryAfterS) },
  );
}

export function timeLimit(limitMs: number): ApiError {
  return new ApiError(
    503,
    'time_limit',
    `the computation took longer than the limit of ${limitMs / 1000} s and was stopped; to narrow it, ${NARROW}`,
    { limitMs },
  );
}

export function tooLarge(vertices: number, limit: number): ApiError {
  return new ApiError(
    413,
    'too_large',
    `this would buffer and merge ${vertices} vertices, more than the limit of ${limit}; to narrow it, ${NARROW}`,
    { vertices, limit },
  );
}

export function unavailable(why: string, work = 'coverage computations'): ApiError {
  return new ApiError(503, 'unavailable', `${work} are not available: ${why}`, null, { 'Retry-After': '5' });
}
