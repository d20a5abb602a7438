/**
 * `npm run bench [suite...]`: runs the named benchmark suites (all when none is named) and prints a table per
 * suite with ratios measured side by side in the same run. Speed targets live here, never in timed tests.
 */
const suites: Record<string, () => Promise<string>> = {
  analysis: async () => (await import('./analysis/report')).reportAnalysis(),
  import: async () => (await import('./import/import-bench')).benchImport(),
  grid: async () => (await import('./grid/grid-bench')).benchGrid(),
  kernels: async () => (await import('./engine/kernels-bench')).benchKernels(),
  training: async () => (await import('./training/training-bench')).benchTraining(),
  quality: async () => (await import('./training/quality-bench')).benchQuality(),
  convert: async () => (await import('./convert')).benchConvert(),
  gpu: async () => (await import('./gpu')).benchGpu(),
  cel: async () => (await import('./cel/cel-bench')).benchCel(),
  farm: async () => (await import('./farm/farm-bench')).benchFarm(),
};

async function main(): Promise<void> {
  // `--flags` (and their values) belong to the suites that read them (gpu, quality); the other words name suites.
  const args = process.argv.slice(2);
  const asked = args.filter((a, i) => !a.startsWith('--') && !(i > 0 && ['--minutes', '--from'].includes(args[i - 1]!)));
  const unknown = asked.filter((s) => !(s in suites));
  if (unknown.length > 0) {
    console.error(`unknown suite(s): ${unknown.join(', ')}; choose from ${Object.keys(suites).join(', ')}`);
    process.exit(2);
  }
  for (const name of asked.length > 0 ? asked : Object.keys(suites)) {
    console.log(await suites[name]!());
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
