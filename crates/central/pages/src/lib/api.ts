// The one module that speaks to the central's API: JSON in and out, errors as ApiFailure.

import type { ApiError } from '../generated/types';

/** Prefix of every API address. */
export const API = '/api/v1';

/** A refused or failed request: the HTTP status (0 when the server could not be
 *  reached) and the API's stable error code. */
export class ApiFailure extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'ApiFailure';
  }
}

/** Sends a request to the API with the staff token, and answers its JSON body. */
export async function request<T>(method: 'GET' | 'POST', path: string, token: string | null, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (token) headers.Authorization = `Bearer ${token}`;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  let response: Response;
  try {
    response = await fetch(`${API}${path}`, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      cache: 'no-store',
    });
  } catch {
    throw new ApiFailure(0, 'network', 'the server could not be reached');
  }
  if (response.ok) return (await response.json()) as T;
  let error: Partial<ApiError> = {};
  try {
    error = (await response.json()) as ApiError;
  } catch {
    // A proxy's HTML error page: keep the status only.
  }
  throw new ApiFailure(response.status, error.error ?? `http_${response.status}`, error.message ?? response.statusText);
}

/** Address of an office's live event stream. */
export function eventsPath(office: string): string {
  return `${API}/offices/${encodeURIComponent(office)}/events`;
}
