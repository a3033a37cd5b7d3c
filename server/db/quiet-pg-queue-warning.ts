// Prisma's query interpreter sends the statements of one transaction chunk without waiting for each
// (adapter-pg queues them on the transaction's client, which pg still supports). pg 8.16+ prints a
// deprecation for that on every process; it is Prisma's, not ours, and would pollute CLI output.
const PG_QUEUE_WARNING = "Calling client.query() when the client is already executing a query";

let installed = false;

export function quietPgQueueWarning() {
  if (installed) return;
  installed = true;
  const emit = process.emitWarning.bind(process) as (...args: unknown[]) => void;
  process.emitWarning = ((warning: string | Error, ...rest: unknown[]) => {
    const message = typeof warning === "string" ? warning : warning?.message;
    if (message?.startsWith(PG_QUEUE_WARNING)) return;
    emit(warning, ...rest);
  }) as typeof process.emitWarning;
}
