// `gatehouse <command>`: the admin CLI. Run through server/bin/gatehouse.mjs (npx gatehouse) or
// `npm run gatehouse -- <command>`. Messages and errors go to stderr, results to stdout.
import path from "node:path";
import { CommanderError } from "commander";
import { describeError, EXIT_USAGE } from "./errors.ts";
import { buildProgram, type ProgramState } from "./program.ts";

const root = path.resolve(import.meta.dirname, "../..");

export async function main(argv: string[]): Promise<number> {
  const debug = argv.includes("--debug");
  // The app runs from the project root (npm start), so its default data directory is <root>/.data:
  // the CLI uses the same one from any working directory. An explicit GATEHOUSE_DATA_DIR wins.
  if (!process.env.GATEHOUSE_DATA_DIR) process.env.GATEHOUSE_DATA_DIR = path.join(root, ".data");
  process.env.GATEHOUSE_LOG_LEVEL ??= debug ? "debug" : "warn";

  const state: ProgramState = {};
  try {
    await buildProgram(state).parseAsync(argv);
    return 0;
  } catch (err) {
    // Commander has printed its own message (unknown option, missing argument, help).
    if (err instanceof CommanderError) return err.exitCode === 0 ? 0 : EXIT_USAGE;
    state.out?.endProgress();
    const { exitCode, lines } = describeError(err, { debug });
    process.stderr.write(lines.join("\n") + "\n");
    return exitCode;
  }
}

/** Exits once stdout and stderr have taken everything written to them (pipes may be asynchronous). */
function exitAfterFlush(code: number) {
  let pending = 2;
  const done = () => {
    if (--pending === 0) process.exit(code);
  };
  process.stdout.write("", done);
  process.stderr.write("", done);
}

exitAfterFlush(await main(process.argv));
