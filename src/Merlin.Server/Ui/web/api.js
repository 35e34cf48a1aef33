// The Kestra-compatible REST API, same origin; with auth on, the credentials given on the login page go with each call.

export class ApiError extends Error {
  constructor(status, body) {
    super(body?.message ?? `HTTP ${status}`);
    this.status = status;
    this.details = body?._embedded?.errors ?? [];
  }
}

const authKey = 'merlin.auth';

/** The headers of every API call: the UI's mark (no browser prompt on 401) and the signed-in credentials, if any. */
export function authHeaders(extra = {}) {
  const auth = sessionStorage.getItem(authKey);
  return { 'X-Requested-With': 'XMLHttpRequest', ...(auth ? { Authorization: auth } : {}), ...extra };
}

export function signIn(authorization) { sessionStorage.setItem(authKey, authorization); }

export function signOut() { sessionStorage.removeItem(authKey); }

export function signedIn() { return sessionStorage.getItem(authKey) !== null; }

/** Credentials missing or refused: to the login page, coming back here afterwards. */
function toLogin() {
  if (location.pathname.startsWith('/ui/login')) return;
  signOut();
  location.assign(`/ui/login?next=${encodeURIComponent(location.pathname + location.search)}`);
}

export async function api(path, options = {}) {
  const response = await fetch(`/api/v1${path}`, { ...options, headers: authHeaders({ Accept: 'application/json', ...options.headers }) });
  if (response.status === 401) toLogin();
  const type = response.headers.get('Content-Type') ?? '';
  const body = type.includes('json') ? await response.json() : await response.text();
  if (!response.ok) throw new ApiError(response.status, typeof body === 'object' ? body : { message: body || `HTTP ${response.status}` });
  return body;
}

export const enc = encodeURIComponent;

/**
 * Reads a server-sent event stream (one JSON document per `data:` event) until the server ends it or the signal
 * aborts. fetch rather than EventSource: EventSource reconnects when the server closes a finished stream.
 */
export async function follow(path, onData, signal) {
  const response = await fetch(`/api/v1${path}`, { headers: authHeaders({ Accept: 'text/event-stream' }), signal });
  if (response.status === 401) toLogin();
  if (!response.ok || !response.body) throw new ApiError(response.status, await response.json().catch(() => null));
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      buffer += value;
      let end;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const event = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const data = event.split('\n').filter(l => l.startsWith('data:')).map(l => l.slice(5).trimStart()).join('\n');
        if (data) onData(JSON.parse(data));
      }
    }
  } catch (e) {
    if (e.name !== 'AbortError') throw e;
  }
}

/** Downloads an API file with the UI's credentials (a plain link would not carry them). */
export async function download(url, name) {
  const response = await fetch(url, { headers: authHeaders() });
  if (!response.ok) throw new ApiError(response.status, await response.json().catch(() => null));
  const link = document.createElement('a');
  link.href = URL.createObjectURL(await response.blob());
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(link.href), 1000);
}
