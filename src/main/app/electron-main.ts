// Electron entry: one locked-down window over the core running in a utility process. Every IPC payload is checked
// (sender frame, then the contract's schema) before it reaches the core.
import { app, BrowserWindow, dialog, ipcMain, Menu, nativeImage, session, shell, type IpcMainInvokeEvent, type WebContents } from 'electron';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { array, id } from '../../shared/contract/schema.js';
import { checkIpcCall, senderTrusted, type IpcSender } from './ipc-guard.js';
import { CoreClient } from './core-client.js';
import { IPC } from './ipc-channels.js';
import { APP_ORIGIN, handleProtocols, registerSchemes } from './protocols.js';
import { buildMenu } from './menu.js';
import { CSP } from './security-policy.js';

const here = dirname(fileURLToPath(import.meta.url));
const UI_DIR = [join(here, '../renderer'), join(here, '../../../dist/renderer')].find((d) => existsSync(join(d, 'index.html'))) ?? join(here, '../renderer');
const dragIds = array(id(), { min: 1, max: 5000 });

registerSchemes();
if (!app.requestSingleInstanceLock()) app.quit();

let win: BrowserWindow | null = null;
let core: CoreClient | null = null;

function senderOf(e: { sender: WebContents; senderFrame: { url: string; parent: unknown } | null }): IpcSender {
  return { isOwnWindow: !!win && e.sender === win.webContents, frameUrl: e.senderFrame?.url, isMainFrame: !!e.senderFrame && e.senderFrame.parent === null };
}
// Only our own window's top frame, loaded from our own protocol, may talk to the core.
const trusted = (e: Parameters<typeof senderOf>[0]) => senderTrusted(senderOf(e));

async function createWindow(): Promise<void> {
  win = new BrowserWindow({
    width: 1440,
    height: 900,
    minWidth: 960,
    minHeight: 600,
    backgroundColor: '#0f1115',
    title: 'Sonoteca',
    show: false,
    webPreferences: {
      preload: join(here, 'preload.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      spellcheck: false,
    },
  });
  win.once('ready-to-show', () => win?.show());
  const contents = win.webContents;
  contents.on('will-navigate', (e, url) => {
    if (!url.startsWith(`${APP_ORIGIN}/`)) e.preventDefault();
  });
  contents.on('will-redirect', (e, url) => {
    if (!url.startsWith(`${APP_ORIGIN}/`)) e.preventDefault();
  });
  contents.setWindowOpenHandler(({ url }) => {
    // Links to docs open in the user's browser; nothing opens inside the app.
    if (url.startsWith('https://')) void shell.openExternal(url);
    return { action: 'deny' };
  });
  contents.on('will-attach-webview', (e) => e.preventDefault());
  await win.loadURL(`${APP_ORIGIN}/index.html`);
}

async function start(): Promise<void> {
  await app.whenReady();
  session.defaultSession.setPermissionRequestHandler((_wc, _perm, cb) => cb(false));
  session.defaultSession.webRequest.onHeadersReceived((details, cb) => cb({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CSP] } }));
  // Nothing remote, ever: the app has no reason to reach the network.
  session.defaultSession.webRequest.onBeforeRequest({ urls: ['http://*/*', 'https://*/*', 'ws://*/*', 'wss://*/*'] }, (_d, cb) => cb({ cancel: true }));

  core = new CoreClient(join(here, 'core-host.js'), process.env.SONOTECA_LIBRARY ?? join(app.getPath('userData'), 'library'), (code) => {
    if (code !== 0 && win) dialog.showErrorBox('Sonoteca', `The library process stopped (exit code ${code}). Your files are safe; please restart Sonoteca.`);
  });
  core.onEvent((event, payload) => win?.webContents.send(IPC.event, event, payload));
  handleProtocols(UI_DIR, core);

  ipcMain.handle(IPC.call, async (e: IpcMainInvokeEvent, name: unknown, payload: unknown) => {
    // Validated here as well as in the core: a malformed payload never crosses into the library process.
    const checked = checkIpcCall(senderOf(e), name, payload);
    if (!checked.ok) return checked;
    return core!.call(checked.name, checked.request);
  });
  ipcMain.handle(IPC.pickFolder, async (e) => {
    if (!trusted(e) || !win) return null;
    const r = await dialog.showOpenDialog(win, { title: 'Add a sample folder', properties: ['openDirectory', 'multiSelections'] });
    return r.canceled ? null : r.filePaths[0] ?? null;
  });
  ipcMain.on(IPC.drag, (e, ids: unknown) => {
    if (!trusted(e)) return;
    let valid: number[];
    try {
      valid = dragIds.parse(ids);
    } catch {
      return;
    }
    void core!.paths(valid).then((files) => {
      if (!files.length) return;
      const icon = nativeImage.createFromPath(join(here, '../../assets/icons/drag.png'));
      e.sender.startDrag({ file: files[0], files, icon: icon.isEmpty() ? nativeImage.createEmpty() : icon });
    });
  });

  Menu.setApplicationMenu(buildMenu({
    addFolder: async () => {
      if (!win) return;
      const r = await dialog.showOpenDialog(win, { title: 'Add a sample folder', properties: ['openDirectory'] });
      if (!r.canceled && r.filePaths[0]) await core!.call('library.addFolder', { path: r.filePaths[0] });
    },
    rescan: () => void core!.call('library.rescan', {}),
  }));
  await core.ready;
  await createWindow();
}

app.on('second-instance', () => {
  if (win) {
    if (win.isMinimized()) win.restore();
    win.focus();
  }
});
app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});
app.on('activate', () => {
  if (!BrowserWindow.getAllWindows().length && core) void createWindow();
});
app.on('before-quit', () => core?.stop());
app.on('web-contents-created', (_e, wc) => {
  wc.on('will-navigate', (ev, url) => {
    if (!url.startsWith(`${APP_ORIGIN}/`)) ev.preventDefault();
  });
});

start().catch((err: unknown) => {
  dialog.showErrorBox('Sonoteca could not start', (err as Error).message);
  app.exit(1);
});
