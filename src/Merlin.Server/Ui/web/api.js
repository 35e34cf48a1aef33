// The Kestra-compatible REST API, same origin (the browser reuses its basic-auth credentials).

export class ApiError extends Error {
  constructor(status, body) {
    super(body?.message ?? `HTTP ${status}`);
    this.status = status;
    this.details = body?._embedded?.errors ?? [];
  }
}

export async function api(path, options = {}) {
  const response = await fetch(`/api/v1${path}`, { headers: { Accept: 'application/json' }, ...options });
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
  const response = await fetch(`/api/v1${path}`, { headers: { Accept: 'text/event-stream' }, signal });
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
