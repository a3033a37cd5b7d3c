"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTRPC } from "../trpc";

/** Saving any kind of connection: refresh the list and say what changed; server errors go back to the form. */
export function useSaveConnection(opts: { replacing: boolean; onDone: (message: string) => void; onServerError: (error: unknown) => void }) {
  const trpc = useTRPC();
  const qc = useQueryClient();
  return useMutation(
    trpc.connections.save.mutationOptions({
      onSuccess: async (r) => {
        await qc.invalidateQueries({ queryKey: trpc.connections.list.queryKey() });
        opts.onDone(`${r.connection.name} ${opts.replacing ? "now uses the new credentials" : "is connected"}. ${r.detail}`);
      },
      onError: opts.onServerError,
    }),
  );
}
