// Application menu: the standard roles plus library actions, with platform-correct accelerators.
import { Menu, type MenuItemConstructorOptions } from 'electron';

export function buildMenu(actions: { addFolder(): void | Promise<void>; rescan(): void }): Menu {
  const mac = process.platform === 'darwin';
  const template: MenuItemConstructorOptions[] = [
    ...(mac ? [{ role: 'appMenu' as const }] : []),
    {
      label: 'File',
      submenu: [
        { label: 'Add Folder…', accelerator: 'CmdOrCtrl+O', click: () => void actions.addFolder() },
        { label: 'Rescan Library', accelerator: 'CmdOrCtrl+R', click: () => actions.rescan() },
        { type: 'separator' },
        mac ? { role: 'close' } : { role: 'quit' },
      ],
    },
    { role: 'editMenu' },
    {
      label: 'View',
      submenu: [{ role: 'togglefullscreen' }, { role: 'zoomIn' }, { role: 'zoomOut' }, { role: 'resetZoom' }, { type: 'separator' }, { role: 'toggleDevTools' }],
    },
    { role: 'windowMenu' },
  ];
  return Menu.buildFromTemplate(template);
}
