/**
 * The desktop app's native path dialogs, without Electron: which dialog each request opens, its filters by kind,
 * where it starts, and what the page gets back (the path, or null when cancelled).
 */
import { homedir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { BaseWindow, Dialog } from 'electron';
import { PickPathRequest } from '@shared/browse';
import { parseArgument } from '@shared/contract';
import { fileFilters, pathDialog, showPathDialog } from '../../../src/main/electron/path-dialog';

const request = (raw: unknown) => parseArgument(PickPathRequest, 'pickPath', raw);

describe('native path dialogs', () => {
  it('opens folders as folders, may make one when saving, and filters files by kind with an all-files fallback', () => {
    expect(pathDialog(request({ kind: 'folder' }))).toEqual({ save: false, options: { title: 'Choose a folder', properties: ['openDirectory'] } });
    expect(pathDialog(request({ kind: 'folder', save: true })).options.properties).toEqual(['openDirectory', 'createDirectory', 'promptToCreate']);
    expect(pathDialog(request({ kind: 'video' }))).toEqual({
      save: false,
      options: { title: 'Choose a video clip', filters: fileFilters('video'), properties: ['openFile'] },
    });
    expect(fileFilters('model')).toEqual([
      { name: 'Models (.pt, .pth, .onnx)', extensions: ['pt', 'pth', 'onnx'] },
      { name: 'All files', extensions: ['*'] },
    ]);
    expect(fileFilters('video')[0]!.extensions).toContain('mkv');
    expect(fileFilters('any')).toEqual([]);
    const save = pathDialog(request({ kind: 'image', save: true, title: 'Export still', defaultPath: '~/frame.png' }));
    expect(save).toEqual({
      save: true,
      options: { title: 'Export still', defaultPath: join(homedir(), 'frame.png'), filters: fileFilters('image'), properties: ['createDirectory', 'showOverwriteConfirmation'] },
    });
  });

  it('refuses a request the contract does not allow, naming the field', () => {
    expect(() => request({ kind: 'anything' })).toThrow(/^pickPath: kind: /);
    expect(() => request({ kind: 'video', defaultPath: 'relative/clip.mp4' })).toThrow(/^pickPath: defaultPath: /);
    expect(() => request({ kind: 'video', properties: ['multiSelections'] })).toThrow(/^pickPath: properties: /);
  });

  it('answers the chosen path, or null when cancelled, from the dialog over the window', async () => {
    const seen: unknown[][] = [];
    const fake = (open: { canceled: boolean; filePaths: string[] }, save: { canceled: boolean; filePath: string }) =>
      ({
        showOpenDialog: async (...args: unknown[]) => (seen.push(args), open),
        showSaveDialog: async (...args: unknown[]) => (seen.push(args), save),
      }) as unknown as Pick<Dialog, 'showOpenDialog' | 'showSaveDialog'>;
    const win = {} as BaseWindow;
    const chosen = fake({ canceled: false, filePaths: ['/films/a.mkv'] }, { canceled: false, filePath: '/out/b.mp4' });
    expect(await showPathDialog(chosen, win, request({ kind: 'video' }))).toBe('/films/a.mkv');
    expect(seen[0]![0]).toBe(win);
    expect(await showPathDialog(chosen, null, request({ kind: 'video', save: true }))).toBe('/out/b.mp4');
    expect(seen[1]).toHaveLength(1);
    const cancelled = fake({ canceled: true, filePaths: [] }, { canceled: true, filePath: '' });
    expect(await showPathDialog(cancelled, win, request({ kind: 'folder' }))).toBeNull();
    expect(await showPathDialog(cancelled, win, request({ kind: 'video', save: true }))).toBeNull();
  });
});
