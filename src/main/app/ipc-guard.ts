// The checks every IPC call passes in the Electron main process before it may reach the core: it must come from
// our own window's top frame on our own protocol, name a contract call, and carry a payload that call accepts.
// Kept free of electron imports so it is unit-tested in plain Node.
import { isCallName, parseRequest, type CallName } from '../../shared/contract/calls.js';
import type { WireError } from '../../shared/contract/api.js';
import { toWireError } from '../api/api-error.js';

export const APP_ORIGIN = 'sonoteca-app://ui';

export interface IpcSender {
  isOwnWindow: boolean;
  frameUrl: string | null | undefined;
  isMainFrame: boolean;
}

export function senderTrusted(s: IpcSender): boolean {
  return s.isOwnWindow && s.isMainFrame && typeof s.frameUrl === 'string' && s.frameUrl.startsWith(`${APP_ORIGIN}/`);
}

export function checkIpcCall(sender: IpcSender, name: unknown, payload: unknown): { ok: true; name: CallName; request: unknown } | { ok: false; error: WireError } {
  if (!senderTrusted(sender)) return { ok: false, error: { code: 'unauthorized', message: 'call from an untrusted frame' } };
  if (!isCallName(name)) return { ok: false, error: { code: 'not-found', message: `unknown call ${String(name).slice(0, 80)}` } };
  try {
    return { ok: true, name, request: parseRequest(name, payload) };
  } catch (err) {
    return { ok: false, error: toWireError(err) };
  }
}
