#!/usr/bin/env node
// Entry of the `cel-studio` command: checks Node, then runs the CLI that `npm run build` bundled.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const major = Number(process.versions.node.split('.')[0]);
if (major < 22) {
  process.stderr.write(`cel-studio: needs Node 22 or newer (this is ${process.version}); run it with npx cel-studio or npm exec\n`);
  process.exit(1);
}
const cli = fileURLToPath(new URL('../out/main/cli.js', import.meta.url));
if (!existsSync(cli)) {
  process.stderr.write('cel-studio: the studio is not built yet: run `npm run build` in its folder\n');
  process.exit(1);
}
process.env.CEL_STUDIO_CLI = '1';
await import(cli);
