// IPC channel names and the messages between the Electron main process and the core's utility process.
import type { WireResult } from '../../shared/contract/api.js';

export const IPC = {
  call: 'sonoteca:call',
  event: 'sonoteca:event',
  drag: 'sonoteca:drag',
  pickFolder: 'sonoteca:pick-folder',
} as const;

export type ToCore =
  | { type: 'call'; seq: number; name: string; payload: unknown }
  | { type: 'audio'; seq: number; id: number }
  | { type: 'paths'; seq: number; ids: number[] };

export type FromCore =
  | { type: 'ready' }
  | { type: 'fatal'; message: string }
  | { type: 'result'; seq: number; result: WireResult<unknown> }
  | { type: 'audio'; seq: number; ok: true; path: string } | { type: 'audio'; seq: number; ok: false; status: number; reason: string }
  | { type: 'paths'; seq: number; paths: string[] }
  | { type: 'event'; event: string; payload: unknown };
