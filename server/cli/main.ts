// `main(argv)`: runs one CLI command and returns its exit code. index.ts calls it for the real process;
// tests call it in-process with their own output buffers (no child process, no tsx start-up).
import path from "node:path";
import { CommanderError } from "commander";
import { describeError, EXIT_USAGE } from "./errors.ts";
import type { Io } from "./output.ts";
import { buildProgram, type ProgramState } from "./program.ts";

const root = path.resolve(import.meta.dirname, "../..");

export async function main(argv: string[], io: Io = { stdout: process.stdout, stderr: process.stderr }): Promise<number> {
  const debug = argv.includes("--debug");
  // The app runs from the project root (npm start), so its default data directory is <root>/.data:
  // the CLI uses the same one from any working directory. An explicit GATEHOUSE_DATA_DIR wins.
  if (!process.env.GATEHOUSE_DATA_DIR) process.env.GATEHOUSE_DATA_DIR = path.join(root, ".data");
  process.env.GATEHOUSE_LOG_LEVEL ??= debug ? "debug" : "warn";

  const state: ProgramState = { io };
  try {
    await buildProgram(state).parseAsync(argv);
    return 0;
  } catch (err) {
    // Commander has printed its own message (unknown option, missing argument, help).
    if (err instanceof CommanderError) return err.exitCode === 0 ? 0 : EXIT_USAGE;
    state.out?.endProgress();
    const { exitCode, lines } = describeError(err, { debug });
    if (lines.length) io.stderr.write(lines.join("\n") + "\n");
    return exitCode;
  }
}
