// The typed client surface both transports (Electron preload, browser HTTP/WS) provide to the renderer.
import type { CallName, CallRequest, CallResponse } from './calls.js';
import type { EventName, EventPayload } from './events.js';

export interface SonotecaApi {
  call<N extends CallName>(name: N, request: CallRequest<N>): Promise<CallResponse<N>>;
  /** Subscribes; returns the unsubscribe. */
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
  /** URL the renderer can hand to fetch()/<audio> for a sample's audio (range requests supported). */
  audioUrl(sampleId: number): string;
  /** Present only in Electron: starts a native drag of files out to the DAW. */
  startDrag?(sampleIds: number[]): void;
  /** Present only in Electron: native folder picker. */
  pickFolder?(): Promise<string | null>;
}

/** An error as it crosses the boundary: `code` lets the UI tell bad input from a core failure. */
export interface WireError {
  code: 'bad-request' | 'not-found' | 'unavailable' | 'internal' | 'unauthorized';
  message: string;
}

export type WireResult<T> = { ok: true; value: T } | { ok: false; error: WireError };

/** Custom protocol used by Electron for audio; the HTTP host uses /audio/<id>. */
export const AUDIO_PROTOCOL = 'sonoteca-audio';
