// What the CLI prints: results on stdout (sentences and tables, or one JSON document with --json),
// notes, warnings and progress on stderr, so that `--json | jq` always gets clean JSON.

/** Where the CLI writes: process.stdout / process.stderr, or a test's buffers. */
export interface Sink {
  write(text: string): unknown;
  isTTY?: boolean;
}

export interface Io {
  stdout: Sink;
  stderr: Sink;
}

export class Output {
  private progressOpen = false;

  constructor(
    readonly json: boolean,
    readonly debug: boolean,
    private readonly stdout: Sink = process.stdout,
    private readonly stderr: Sink = process.stderr,
  ) {}

  /** Whether stderr is a terminal (progress is then rewritten in place). */
  get interactive(): boolean {
    return Boolean(this.stderr.isTTY);
  }

  /** The command's result: `human` for people, `data` as JSON for scripts. */
  result(human: string | string[], data: unknown) {
    this.endProgress();
    if (this.json) this.stdout.write(JSON.stringify(data, null, 2) + "\n");
    else this.stdout.write((Array.isArray(human) ? human : [human]).join("\n") + "\n");
  }

  note(message: string) {
    this.endProgress();
    this.stderr.write(message + "\n");
  }

  warn(message: string) {
    this.note(`Warning: ${message}`);
  }

  /** One progress line: rewritten in place on a terminal, one line per call otherwise. */
  progress(line: string) {
    if (this.stderr.isTTY) {
      this.stderr.write(`\r\x1b[K${line}`);
      this.progressOpen = true;
    } else {
      this.stderr.write(line + "\n");
    }
  }

  endProgress() {
    if (!this.progressOpen) return;
    this.stderr.write("\n");
    this.progressOpen = false;
  }
}

/** A plain text table: a header row and left-aligned columns. */
export function table(headers: string[], rows: string[][]): string[] {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i]!))).join("  ").trimEnd();
  return [line(headers), ...rows.map(line)];
}

export function plural(n: number, one: string, many = `${one}s`) {
  return `${n} ${n === 1 ? one : many}`;
}
