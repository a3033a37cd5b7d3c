// `gatehouse catalog export|apply`: the command tree's part for catalog as code (registered from program.ts).
// Only commander is imported here; the commands load the domain when they run.
import type { Command } from "commander";
import type { Output } from "../output.ts";

type Action = <O>(load: () => Promise<(out: Output, opts: O) => Promise<void>>) => (opts: O, cmd: Command) => Promise<void>;

export function registerCatalogCommands(program: Command, action: Action) {
  const catalog = program.command("catalog").description("the catalog as a YAML file: export it, edit it, apply it (catalog as code)");
  catalog
    .command("export")
    .description("print the tenant's catalog (apps, roles, group mappings, approval policies, bundles, reclaim rules) as YAML")
    .option("--tenant <slug>", "the tenant (default: the only one)")
    .addHelpText("after", "\nExample:\n  gatehouse catalog export --tenant acme > catalog.yaml")
    .action(action(async () => (await import("./catalog.ts")).catalogExportCommand));
  catalog
    .command("apply")
    .description("check a catalog file, show what it changes, and apply it in one transaction")
    .argument("<file>", "the catalog file (- reads stdin)")
    .option("--tenant <slug>", "the tenant (default: the file's `tenant:`, or the only one)")
    .option("--dry-run", "check the file and show the changes without writing anything")
    .addHelpText(
      "after",
      "\nThe whole file is checked first: every problem is listed with its line and nothing is written (exit 1).\n" +
        "Apps, roles, bundles and reclaim rules that are not in the file are kept, unless the file says `prune: true`.\n" +
        "Applying the same file twice changes nothing the second time.\n" +
        "\nExample:\n  gatehouse catalog apply catalog.yaml --tenant acme --dry-run",
    )
    .action((file: string, opts: object, cmd: Command) => action(async () => (await import("./catalog.ts")).catalogApplyCommand)({ ...opts, file }, cmd));
}
