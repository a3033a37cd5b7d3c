"use client";

import { useCallback } from "react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { createApiTokenInput } from "@/server/domain/api-tokens/schemas";
import { useTRPC } from "../trpc";
import { Button } from "../ui/button";
import { Card } from "../ui/page";
import { Field, Input } from "../ui/field";
import { FormError } from "../ui/states";
import { useForm } from "../forms/use-form";

/** Names a new read-only evidence token; the secret comes back once, to `onCreated`. */
export function CreateTokenForm({ onCreated, onCancel }: { onCreated: (t: { name: string; secret: string }) => void; onCancel: () => void }) {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const toInput = useCallback((s: { name: string }) => ({ name: s.name }), []);
  const form = useForm({ initial: { name: "" }, schema: createApiTokenInput, toInput, fields: ["name"] });
  const create = useMutation(trpc.apiTokens.create.mutationOptions({
    onSuccess: (t) => {
      void qc.invalidateQueries({ queryKey: trpc.apiTokens.list.queryKey() });
      onCreated({ name: t.name, secret: t.secret });
    },
    onError: form.onServerError,
  }));
  return (
    <Card className="mb-5 p-4">
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          const input = form.prepareSubmit();
          if (input) create.mutate(input as { name: string });
        }}
      >
        <h2 className="text-sm font-semibold text-slate-900">New API token</h2>
        <p className="mt-0.5 text-sm text-slate-600">Read-only: it can read evidence (requests and grants) of this workspace and nothing else.</p>
        <Field label="Name" className="mt-3 max-w-md" error={form.error("name")} hint="What will use it, e.g. “Vanta” or “Drata”. Up to 80 characters.">
          {(p) => <Input {...p} autoFocus value={form.state.name} maxLength={80} onChange={(e) => form.set({ name: e.target.value })} />}
        </Field>
        <FormError error={form.serverError} className="mt-3" />
        <div className="mt-4 flex gap-2">
          <Button type="submit" variant="primary" busy={create.isPending}>Create token</Button>
          <Button onClick={onCancel} disabled={create.isPending}>Cancel</Button>
        </div>
      </form>
    </Card>
  );
}
