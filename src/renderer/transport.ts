// Picks how the renderer reaches the core: Electron's preload bridge when present, else HTTP + WebSocket to the
// browser-mode host. Everything above this file only sees the typed SonotecaApi.
import type { SonotecaApi, WireResult } from '../shared/contract/api.js';
import type { CallName, CallRequest, CallResponse } from '../shared/contract/calls.js';
import { isEventName, parseEvent, type EventName, type EventPayload } from '../shared/contract/events.js';

declare global {
  interface Window {
    sonoteca?: SonotecaApi;
  }
}

export class CallError extends Error {
  constructor(readonly code: string, message: string) {
    super(message);
    this.name = 'CallError';
  }
}

function browserApi(): SonotecaApi {
  type AnyListener = (payload: unknown) => void;
  const listeners = new Map<EventName, Set<AnyListener>>();
  let socket: WebSocket | null = null;
  let retry = 500;
  const connect = () => {
    socket = new WebSocket(`ws://${location.host}/events`);
    socket.onopen = () => {
      retry = 500;
    };
    socket.onmessage = (m) => {
      try {
        const { event, payload } = JSON.parse(String(m.data)) as { event: unknown; payload: unknown };
        if (!isEventName(event)) return;
        const parsed = parseEvent(event, payload);
        for (const l of listeners.get(event) ?? []) l(parsed);
      } catch (err) {
        console.warn('dropped a malformed event', err);
      }
    };
    socket.onclose = () => {
      // The host restarted or the laptop slept: reconnect with backoff.
      setTimeout(connect, retry);
      retry = Math.min(retry * 2, 10_000);
    };
  };
  connect();
  return {
    async call<N extends CallName>(name: N, request: CallRequest<N>): Promise<CallResponse<N>> {
      const res = await fetch(`/api/${name}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(request), credentials: 'same-origin' });
      let body: WireResult<CallResponse<N>>;
      try {
        body = (await res.json()) as WireResult<CallResponse<N>>;
      } catch {
        throw new CallError('internal', `${name}: the server answered ${res.status} ${res.statusText}`);
      }
      if (!body.ok) throw new CallError(body.error.code, body.error.message);
      return body.value;
    },
    on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void) {
      let set = listeners.get(event);
      if (!set) listeners.set(event, (set = new Set()));
      set.add(listener as AnyListener);
      return () => set!.delete(listener as AnyListener);
    },
    audioUrl: (id) => `/audio/${id}`,
  };
}

let api: SonotecaApi | null = null;
export function getApi(): SonotecaApi {
  api ??= window.sonoteca ?? browserApi();
  return api;
}
