import { ESLint } from 'eslint';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint({ cwd: resolve(import.meta.dirname, '../../..') });

/** Lints `code` as if it were the file at `filePath`; returns the import-rule messages. */
async function importErrors(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: resolve(import.meta.dirname, '../../..', filePath) });
  return result!.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('the direction rules of STYLE.md are lint errors', () => {
  it("fails a service file that imports 'electron'", async () => {
    const errs = await importErrors('src/main/services/library/bad.ts', "import { app } from 'electron';\nexport const x = app;\n");
    expect(errs.join('\n')).toMatch(/must run without Electron/);
  });

  it('fails the host, web mode and CLI importing electron too', async () => {
    for (const f of ['src/main/host/bad.ts', 'src/main/web/bad.ts', 'src/main/cli/bad.ts']) {
      expect(await importErrors(f, "import { ipcMain } from 'electron';\nexport const x = ipcMain;\n")).toHaveLength(1);
    }
  });

  it('lets the Electron glue import electron', async () => {
    expect(await importErrors('src/main/electron/ok.ts', "import { app } from 'electron';\nexport const x = app;\n")).toEqual([]);
  });

  it('fails a Node import in the renderer', async () => {
    for (const mod of ['node:fs', 'fs', 'path', 'electron']) {
      const errs = await importErrors('src/renderer/src/bad.ts', `import x from '${mod}';\nexport const y = x;\n`);
      expect(errs.join('\n'), mod).toMatch(/only through the contract/);
    }
  });

  it('fails the renderer reaching into main or preload code', async () => {
    const errs = await importErrors(
      'src/renderer/src/features/datasets/bad.ts',
      "import { StudioHost } from '../../../../main/host/studio-host';\nexport const y = StudioHost;\n",
    );
    expect(errs).toHaveLength(1);
  });

  it('lets the renderer import the contract', async () => {
    expect(await importErrors('src/renderer/src/ok.ts', "import { calls } from '@shared/contract';\nexport const y = calls;\n")).toEqual([]);
  });

  it('keeps the engine away from the services and Electron', async () => {
    const svc = await importErrors('src/main/engine/training/bad.ts', "import { Library } from '../../services/library/library';\nexport const y = Library;\n");
    expect(svc.join('\n')).toMatch(/the engine imports only @shared/);
    expect(await importErrors('src/main/engine/models/bad.ts', "import { app } from 'electron';\nexport const y = app;\n")).not.toEqual([]);
    expect(await importErrors('src/main/engine/training/ok.ts', "import { PRESETS } from './presets';\nexport const y = PRESETS;\n")).toEqual([]);
  });

  it('keeps the services from reaching back into the host or the transports', async () => {
    const host = await importErrors('src/main/services/convert/bad.ts', "import { StudioHost } from '../../host/studio-host';\nexport const y = StudioHost;\n");
    expect(host.join('\n')).toMatch(/import only @shared, the engine and each other/);
    const cli = await importErrors('src/main/services/datasets/bad.ts', "import { runCli } from '../../cli/commands';\nexport const y = runCli;\n");
    expect(cli).toHaveLength(1);
    const ok = await importErrors('src/main/services/stills/ok.ts', "import { StyleCache } from '../styles/style-cache';\nexport const y = StyleCache;\n");
    expect(ok).toEqual([]);
  });

  it('keeps src/shared free of Node and app code', async () => {
    const node = await importErrors('src/shared/bad.ts', "import { readFile } from 'node:fs/promises';\nexport const y = readFile;\n");
    expect(node.join('\n')).toMatch(/src\/shared is the contract/);
    const app = await importErrors('src/shared/bad.ts', "import { Library } from '../main/services/library/library';\nexport const y = Library;\n");
    expect(app.join('\n')).toMatch(/src\/shared is the contract/);
  });
});
