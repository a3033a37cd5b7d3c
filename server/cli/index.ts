// `gatehouse <command>`: the admin CLI. Run through server/bin/gatehouse.mjs (npx gatehouse) or
// `npm run gatehouse -- <command>`. Messages and errors go to stderr, results to stdout.
import { main } from "./main.ts";

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
