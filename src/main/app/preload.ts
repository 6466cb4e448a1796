// The only bridge between the sandboxed page and the app: typed functions generated from the contract. The page
// never gets ipcRenderer itself, and event payloads are validated before the page sees them.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { AUDIO_PROTOCOL, type SonotecaApi, type WireResult } from '../../shared/contract/api.js';
import { isCallName, type CallName, type CallRequest, type CallResponse } from '../../shared/contract/calls.js';
import { isEventName, parseEvent, type EventName, type EventPayload } from '../../shared/contract/events.js';
import { IPC } from './ipc-channels.js';

class BridgeError extends Error {
  constructor(readonly code: string, message: string) {
    super(message);
  }
}

const api: SonotecaApi = {
  async call<N extends CallName>(name: N, request: CallRequest<N>): Promise<CallResponse<N>> {
    if (!isCallName(name)) throw new BridgeError('not-found', `unknown call ${String(name)}`);
    const result = (await ipcRenderer.invoke(IPC.call, name, request)) as WireResult<CallResponse<N>>;
    if (!result.ok) throw new BridgeError(result.error.code, result.error.message);
    return result.value;
  },
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void) {
    const handler = (_e: IpcRendererEvent, name: unknown, payload: unknown) => {
      if (name !== event || !isEventName(name)) return;
      try {
        listener(parseEvent(event, payload));
      } catch (err) {
        console.warn('dropped a malformed event', err);
      }
    };
    ipcRenderer.on(IPC.event, handler);
    return () => {
      ipcRenderer.removeListener(IPC.event, handler);
    };
  },
  audioUrl: (id: number) => `${AUDIO_PROTOCOL}://sample/${Math.trunc(id)}`,
  startDrag: (ids: number[]) => ipcRenderer.send(IPC.drag, ids),
  pickFolder: () => ipcRenderer.invoke(IPC.pickFolder) as Promise<string | null>,
};

contextBridge.exposeInMainWorld('sonoteca', api);
