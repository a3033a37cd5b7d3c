// Where a credential comes from: an environment variable, stdin (`-`), a file, or (discouraged) the
// command line. Secrets are never printed, echoed or logged.
import { readFile } from "node:fs/promises";
import readline from "node:readline";
import { UsageError } from "./errors.ts";
import type { Output } from "./output.ts";

let stdinUsed = false;

async function readStdin(label: string): Promise<string> {
  if (stdinUsed) throw new UsageError("only one option can read from stdin (-)");
  stdinUsed = true;
  if (process.stdin.isTTY) return promptHidden(`${label}: `);
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

/** Asks on the terminal without echoing what is typed. */
async function promptHidden(prompt: string): Promise<string> {
  process.stderr.write(prompt);
  const rl = readline.createInterface({ input: process.stdin, output: process.stderr, terminal: true });
  (rl as unknown as { _writeToOutput: (s: string) => void })._writeToOutput = () => {};
  try {
    return await new Promise<string>((resolve) => rl.question("", resolve));
  } finally {
    rl.close();
    process.stderr.write("\n");
  }
}

function nonEmpty(value: string, from: string): string {
  const v = value.trim();
  if (!v) throw new UsageError(`${from} is empty`);
  return v;
}

/**
 * `--x <value>` (a literal, or `-` for stdin) or `--x-env <VAR>`, not both; undefined when neither was given.
 */
export async function secretFrom(
  out: Output,
  label: string,
  flag: string,
  value: string | undefined,
  envFlag: string,
  envVar: string | undefined,
): Promise<string | undefined> {
  if (value !== undefined && envVar !== undefined) throw new UsageError(`use either ${flag} or ${envFlag}, not both`);
  if (envVar !== undefined) {
    const v = process.env[envVar];
    if (v === undefined || !v.trim()) throw new UsageError(`environment variable ${envVar} (${envFlag}) is not set or empty`);
    return v.trim();
  }
  if (value === undefined) return undefined;
  if (value === "-") return nonEmpty(await readStdin(label), `${label} read from stdin`);
  out.warn(`${flag} on the command line can end up in your shell history and process list; prefer ${envFlag} <VAR> or ${flag} - (stdin).`);
  return nonEmpty(value, flag);
}

/** A file's contents (e.g. a private key), or stdin with `-`. */
export async function fileFrom(label: string, flag: string, file: string): Promise<string> {
  if (file === "-") return nonEmpty(await readStdin(label), `${label} read from stdin`);
  const text = await readFile(file, "utf8").catch((e: NodeJS.ErrnoException) => {
    throw new UsageError(`cannot read ${flag} ${file}: ${e.code === "ENOENT" ? "no such file" : e.message}`);
  });
  return nonEmpty(text, `${flag} ${file}`);
}
