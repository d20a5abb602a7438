/**
 * Which gradients the models need work on wasm: every op of MODEL_GRADIENT_CASES differentiated on wasm with
 * tfjs's stock kernels and with ours, against the cpu backend (with its resize gradients fixed). Prints the
 * relative error or the missing kernel for each.
 */
import {
  auditGradients,
  type AuditResult,
  registerWasmGradients,
  selectBackend,
  unregisterWasmGradients,
} from '../../src/main/engine/backends';
import { table, type Cell } from '../table';

function cell(r: AuditResult | undefined): Cell {
  if (r === undefined) return '-';
  if (r.missingKernel) return `missing ${r.missingKernel}`;
  if (r.error) return `error: ${r.error.slice(0, 40)}`;
  return `${r.ok ? 'ok' : 'WRONG'} ${r.relError!.toExponential(1)}`;
}

/** Audits stock and our wasm kernels; returns the printed table. */
export async function auditWasmGradients(): Promise<string> {
  await selectBackend({ order: ['wasm'] });
  unregisterWasmGradients();
  const stock = await auditGradients('wasm', 'cpu');
  registerWasmGradients();
  const ours = await auditGradients('wasm', 'cpu');
  const rows = ours.map((r, i) => [r.name, cell(stock[i]), cell(r)]);
  const missing = [...new Set(stock.flatMap((r) => (r.missingKernel ? [r.missingKernel] : [])))];
  const wrong = stock.filter((r) => !r.ok && !r.missingKernel).map((r) => r.name);
  return table(
    `Gradients on wasm vs cpu (relative error; stock lacks ${missing.join(', ') || 'nothing'}; stock wrong: ${wrong.join(', ') || 'none'})`,
    ['op', 'wasm stock', 'wasm ours'],
    rows,
  );
}
