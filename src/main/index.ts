/**
 * Electron entry: the thin shell. It composes the same {@link StudioHost} that web mode and the CLI use, opens
 * a locked-down window and bridges the contract over IPC.
 */
import { app, BrowserWindow } from 'electron';
import { version } from '../../package.json';
import { StudioHost } from './host/studio-host';
import { bridgeIpc } from './electron/ipc-bridge';
import { createMainWindow, denyPermissions, isAppUrl } from './electron/main-window';
import { handleMediaProtocol, registerMediaScheme } from './electron/media-protocol';

registerMediaScheme();
const host = new StudioHost({ version, log: (l) => console.log(l) });

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
    handleMediaProtocol(host);
    bridgeIpc(host, () => BrowserWindow.getAllWindows(), (e) => isAppUrl(e.senderFrame?.url ?? ''));
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
    void host.dispose().finally(() => app.quit());
  });
}
