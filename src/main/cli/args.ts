/** A small, strict argument parser: positionals plus `--flag value` / `--flag=value` / boolean `--flag`. */
import { StudioError } from '@shared/errors';
import { numberRule, readNumber, type NumberSchema } from '@shared/number-limits';

export interface ParsedArgs {
  positionals: string[];
  flags: Map<string, string | true>;
}

/** One-letter spellings of flags (`-o out.mp4` is `--output out.mp4`). */
const SHORT_FLAGS: Readonly<Record<string, string>> = { '-o': '--output' };

/** Parses argv; `booleans` lists flags that take no value. */
export function parseArgs(argv: readonly string[], booleans: readonly string[] = []): ParsedArgs {
  const positionals: string[] = [];
  const flags = new Map<string, string | true>();
  for (let i = 0; i < argv.length; i++) {
    const a = SHORT_FLAGS[argv[i]!] ?? argv[i]!;
    if (!a.startsWith('--')) {
      positionals.push(a);
      continue;
    }
    const eq = a.indexOf('=');
    const name = a.slice(2, eq === -1 ? undefined : eq);
    if (eq !== -1) flags.set(name, a.slice(eq + 1));
    else if (booleans.includes(name)) flags.set(name, true);
    else {
      const value = argv[i + 1];
      if (value === undefined || value.startsWith('--')) throw new StudioError('BAD_INPUT', `--${name} needs a value`, name);
      flags.set(name, value);
      i++;
    }
  }
  return { positionals, flags };
}

/** The string value of `--name`, or a BAD_INPUT error when it is required and missing. */
export function flag(args: ParsedArgs, name: string, required: true): string;
export function flag(args: ParsedArgs, name: string, required?: false): string | undefined;
export function flag(args: ParsedArgs, name: string, required = false): string | undefined {
  const v = args.flags.get(name);
  if (v === undefined) {
    if (required) throw new StudioError('BAD_INPUT', `--${name} is required`, name);
    return undefined;
  }
  if (v === true) throw new StudioError('BAD_INPUT', `--${name} needs a value`, name);
  return v;
}

/** Rejects flags the command does not know, so a typo is an error instead of being ignored. */
export function onlyFlags(args: ParsedArgs, known: readonly string[]): void {
  for (const name of args.flags.keys()) {
    if (!known.includes(name)) throw new StudioError('BAD_INPUT', `unknown option --${name}`, name);
  }
}

/**
 * `--name` read as a value of a number setting, against the setting's schema in the contract, so the CLI takes
 * what the service takes and says so in its words: `--crf must be a whole number from 0 to 51, not "high"`.
 * Undefined when absent; null for `off` where `off` is allowed.
 */
export function numberFlag(args: ParsedArgs, name: string, schema: NumberSchema): number | undefined;
export function numberFlag(args: ParsedArgs, name: string, schema: NumberSchema, options: { off: true }): number | null | undefined;
export function numberFlag(args: ParsedArgs, name: string, schema: NumberSchema, options: { off?: boolean } = {}): number | null | undefined {
  const text = flag(args, name);
  if (text === undefined) return undefined;
  if (options.off && text === 'off') return null;
  const value = readNumber(text, schema);
  if (value === undefined) throw new StudioError('BAD_INPUT', `--${name} must be ${numberRule(schema)}${options.off ? ', or off' : ''}, not "${text}"`, name);
  return value;
}
