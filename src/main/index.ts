/**
 * Electron entry: the thin shell. The services (the same StudioHost that web mode and the CLI use) run in a
 * utility process, so their work never blocks this process or the window; this file opens a locked-down
 * window and bridges the contract over IPC to them.
 */
import { app, BrowserWindow, dialog } from 'electron';
import { bridgeIpc } from './electron/ipc-bridge';
import { showPathDialog } from './electron/path-dialog';
import { createMainWindow, denyPermissions, isAppUrl } from './electron/main-window';
import { handleMediaProtocol, registerMediaScheme } from './electron/media-protocol';
import { startHostProcess } from './electron/host-process-client';

registerMediaScheme();
let services: ReturnType<typeof startHostProcess> | undefined;

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    const win = BrowserWindow.getAllWindows()[0];
    if (win) {
      if (win.isMinimized()) win.restore();
      win.focus();
    }
  });

  void app.whenReady().then(() => {
    denyPermissions();
    services = startHostProcess();
    handleMediaProtocol(services.client);
    bridgeIpc(
      services.client,
      () => BrowserWindow.getAllWindows(),
      (e) => isAppUrl(e.senderFrame?.url ?? ''),
      (request, sender) => showPathDialog(dialog, BrowserWindow.fromWebContents(sender), request),
    );
    createMainWindow();
    app.on('activate', () => {
      if (BrowserWindow.getAllWindows().length === 0) createMainWindow();
    });
  });

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });

  let disposed = false;
  app.on('before-quit', (e) => {
    if (disposed) return;
    e.preventDefault();
    disposed = true;
    // Running jobs stop and are left resumable before the database closes.
    const s = services;
    void (s ? s.client.dispose().catch(() => undefined).finally(() => s.kill()) : Promise.resolve()).finally(() => app.quit());
  });
}
