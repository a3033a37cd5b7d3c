import path from "node:path";
import { z } from "zod";

// One validated view of the environment, read once. Nothing else reads process.env directly.
const schema = z.object({
  DATABASE_URL: z.string().url().optional(),
  GATEHOUSE_DATA_DIR: z.string().default(".data"),
  GATEHOUSE_DEMO: z.enum(["0", "1"]).optional(),
  GATEHOUSE_SECRET_KEYS: z.string().optional(), // "kid:base64key,kid2:base64key"
  GATEHOUSE_SECRET_KEY_ID: z.string().optional(),
  GATEHOUSE_JOB_DRIVER: z.enum(["local", "inngest"]).default("local"),
  GATEHOUSE_TEST_CLOCK: z.enum(["0", "1"]).default("0"),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  NEXTAUTH_SECRET: z.string().optional(),
  NEXTAUTH_URL: z.string().url().optional(),
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
});

export type Env = z.infer<typeof schema>;

let cached: Env | undefined;
export function env(): Env {
  if (!cached) {
    const parsed = schema.safeParse(process.env);
    if (!parsed.success) {
      throw new Error(`Invalid environment: ${parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`);
    }
    cached = parsed.data;
  }
  return cached;
}

/** For tests that change the environment. */
export function resetEnvForTests() {
  cached = undefined;
}

export function dataDir(): string {
  return path.resolve(env().GATEHOUSE_DATA_DIR);
}

/**
 * Demo personas and the sandbox-wired tenant exist only with the explicit GATEHOUSE_DEMO=1,
 * which `npm start` (the quick start) sets; a production deployment never has it by default.
 */
export function demoEnabled(): boolean {
  return env().GATEHOUSE_DEMO === "1";
}
