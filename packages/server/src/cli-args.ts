import { type ParseArgsConfig, parseArgs } from 'node:util';

type Options = NonNullable<ParseArgsConfig['options']>;

/**
 * The options of a `truce` command, strictly parsed: an unknown or malformed option is
 * told to the user as "<command>: <what is wrong>" and gives null, for exit code 2.
 */
export function commandArgs<const O extends Options>(command: string, args: string[], options: O, out: (line: string) => void) {
  try {
    return parseArgs({ args, options, strict: true }).values;
  } catch (err) {
    out(`${command}: ${(err as Error).message}`);
    return null;
  }
}
