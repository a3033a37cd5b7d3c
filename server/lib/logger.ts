// Structured logs on stderr. Never pass a secret: values under these keys are masked anyway.
const redactKeys = new Set(["token", "apiToken", "secret", "password", "privateKey", "authorization", "clientSecret"]);

function redact(value: unknown, depth = 0): unknown {
  if (depth > 4 || value === null || typeof value !== "object") return value;
  if (value instanceof Error) return { message: value.message, name: value.name };
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = redactKeys.has(k) ? "[redacted]" : redact(v, depth + 1);
  return out;
}

type Level = "debug" | "info" | "warn" | "error";
const order: Record<Level, number> = { debug: 10, info: 20, warn: 30, error: 40 };
const threshold = (): number => order[(process.env.GATEHOUSE_LOG_LEVEL as Level) ?? (process.env.VITEST ? "error" : "info")] ?? 20;

function log(level: Level, fields: Record<string, unknown>, msg: string) {
  if (order[level] < threshold()) return;
  process.stderr.write(JSON.stringify({ level, time: new Date().toISOString(), msg, ...(redact(fields) as object) }) + "\n");
}

export const logger = {
  debug: (f: Record<string, unknown>, m: string) => log("debug", f, m),
  info: (f: Record<string, unknown>, m: string) => log("info", f, m),
  warn: (f: Record<string, unknown>, m: string) => log("warn", f, m),
  error: (f: Record<string, unknown>, m: string) => log("error", f, m),
};
