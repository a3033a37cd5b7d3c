"use client";

import { useRouter } from "next/navigation";
import { useCallback, useMemo, useState } from "react";
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Plus, Trash2, X } from "lucide-react";
import { MATCH_MODES, RULE_FIELDS, RULE_OPS, type BundleRule } from "@/server/domain/bundles/bundle-rules";
import { bundleDraftInput } from "@/server/domain/bundles/schemas";
import { useTRPC } from "../trpc";
import { useForm } from "../forms/use-form";
import { FormRow } from "../forms/form-row";
import { ToggleChips } from "../reviews/toggle-chips";
import { BackLink } from "../ui/back-link";
import { Button, ButtonLink } from "../ui/button";
import { Checkbox, Field, Input, Select, Textarea } from "../ui/field";
import { ConfirmDialog } from "../ui/confirm-dialog";
import { useDebounced } from "../ui/hooks";
import { Page, PageHeader } from "../ui/page";
import { Skeleton } from "../ui/skeleton";
import { FormError } from "../ui/states";
import { BundlePreviewPanel } from "./bundle-preview";
import { fieldWords, opWords, plural } from "./format";
import type { BundleRow } from "./types";

type RuleRow = BundleRule & { key: number };
interface BundleState {
  name: string;
  description: string;
  matchMode: (typeof MATCH_MODES)[number];
  rules: RuleRow[];
  roleIds: string[];
  enabled: boolean;
}

const FIELDS = ["name", "description", "matchMode", "rules", "roleIds", "enabled"];
let nextKey = 1;
const newRule = (r: Partial<BundleRule> = {}): RuleRow => ({ key: nextKey++, field: r.field ?? "department", op: r.op ?? "equals", value: r.value ?? "" });

/** /bundles/new and /bundles/[id]: rules, roles and a live preview of who saving adds and removes. */
export function BundleForm({ bundle, readOnly }: { bundle?: BundleRow; readOnly?: boolean }) {
  const trpc = useTRPC();
  const router = useRouter();
  const qc = useQueryClient();
  const [initial] = useState<BundleState>(() => ({
    name: bundle?.name ?? "", description: bundle?.description ?? "", matchMode: bundle?.matchMode ?? "ALL",
    rules: bundle ? bundle.rules.map((r) => newRule(r)) : [newRule()], roleIds: bundle?.roles.map((r) => r.id) ?? [], enabled: bundle?.enabled ?? true,
  }));
  const toInput = useCallback((s: BundleState) => ({
    ...(bundle ? { id: bundle.id } : {}), name: s.name, description: s.description, matchMode: s.matchMode,
    rules: s.rules.map(({ field, op, value }) => ({ field, op, value })), roleIds: s.roleIds, enabled: s.enabled,
  }), [bundle]);
  const f = useForm<BundleState>({ initial, schema: bundleDraftInput, toInput, fields: FIELDS });
  const s = f.state;

  const catalog = useQuery(trpc.catalog.list.queryOptions({}));
  const apps = useMemo(() => catalog.data ?? [], [catalog.data]);

  // The preview follows the draft: complete rule rows only, a moment after typing stops.
  const draft = useDebounced(useMemo(() => ({
    ...(bundle ? { id: bundle.id } : {}), matchMode: s.matchMode, enabled: s.enabled, roleIds: s.roleIds,
    rules: s.rules.filter((r) => r.value.trim()).map(({ field, op, value }) => ({ field, op, value: value.slice(0, 200) })),
  }), [bundle, s.matchMode, s.enabled, s.roleIds, s.rules]), 300);
  const previewReady = !readOnly && draft.rules.length > 0 && (draft.roleIds.length > 0 || !!bundle);
  const preview = useQuery({ ...trpc.bundles.preview.queryOptions(draft), enabled: previewReady, placeholderData: keepPreviousData });

  const done = async () => {
    await qc.invalidateQueries({ queryKey: trpc.bundles.list.queryKey() });
    router.push("/bundles");
  };
  const save = useMutation(trpc.bundles.save.mutationOptions({ onSuccess: done, onError: f.onServerError }));
  const [confirmDelete, setConfirmDelete] = useState(false);
  const remove = useMutation(trpc.bundles.delete.mutationOptions({ onSuccess: done }));

  const setRule = (key: number, patch: Partial<BundleRule>) => f.set({ rules: s.rules.map((r) => (r.key === key ? { ...r, ...patch } : r)) }, ["rules"]);
  const saveWords = preview.data && previewReady
    ? `Save and apply${preview.data.add.count || preview.data.remove.count ? ` (+${preview.data.add.count} / −${preview.data.remove.count})` : ""}`
    : "Save and apply";

  return (
    <Page wide>
      <BackLink href="/bundles">Bundles</BackLink>
      <PageHeader
        title={bundle ? bundle.name : "New bundle"}
        count={bundle ? `${plural(bundle.members, "member")} · ${plural(bundle.liveGrants, "grant")}` : null}
        description={readOnly
          ? "Read-only: admins change bundles."
          : "Everyone whose directory attributes match the rules gets the roles, without approval; people who stop matching lose them. Saving applies it at once."}
        actions={bundle && !readOnly ? <Button variant="danger-ghost" icon={<Trash2 aria-hidden className="size-4" />} onClick={() => setConfirmDelete(true)}>Delete</Button> : null}
      />
      <div className="grid gap-6 xl:grid-cols-[minmax(0,1fr)_22rem]">
        <form
          noValidate
          aria-label={bundle ? `Edit bundle ${bundle.name}` : "New bundle"}
          className="rounded-lg border border-slate-200 bg-white"
          onSubmit={(e) => {
            e.preventDefault();
            const input = f.prepareSubmit();
            if (input) save.mutate(input as ReturnType<typeof toInput>);
          }}
        >
          <fieldset disabled={readOnly} className="contents">
            <FormRow title="Bundle" about="The name appears in the evidence of every grant it gives.">
              <div className="space-y-4">
                <Field label="Name" error={f.error("name")} hint={readOnly ? undefined : "e.g. “Engineering baseline”. Unique in this workspace."}>
                  {(p) => <Input {...p} value={s.name} maxLength={80} autoFocus={!bundle} onChange={(e) => f.set({ name: e.target.value })} />}
                </Field>
                <Field label="Description" optional error={f.error("description")}>
                  {(p) => <Textarea {...p} rows={2} value={s.description} onChange={(e) => f.set({ description: e.target.value })} />}
                </Field>
                <Checkbox label="Enabled" hint="A disabled bundle grants nothing, and its grants are ended when saved." checked={s.enabled} onChange={(enabled) => f.set({ enabled })} disabled={readOnly} />
              </div>
            </FormRow>

            <FormRow title="Who" about="Rules on the person's directory attributes. Values are compared ignoring case and surrounding spaces.">
              <div className="space-y-3">
                <fieldset>
                  <legend className="text-sm font-medium text-slate-800">Match</legend>
                  <div role="radiogroup" aria-label="Match" className="mt-1.5 inline-flex rounded-md ring-1 ring-inset ring-slate-300">
                    {MATCH_MODES.map((m) => (
                      <label key={m} className="cursor-pointer px-3 py-1 text-sm first:rounded-l-md last:rounded-r-md has-[:checked]:bg-indigo-600 has-[:checked]:text-white">
                        <input type="radio" name="matchMode" value={m} checked={s.matchMode === m} onChange={() => f.set({ matchMode: m })} className="sr-only" />
                        {m === "ALL" ? "All rules" : "Any rule"}
                      </label>
                    ))}
                  </div>
                </fieldset>
                <ol aria-label="Rules" className="space-y-2">
                  {s.rules.map((r, i) => (
                    <li key={r.key} className="grid grid-cols-[2.5rem_10rem_9rem_minmax(8rem,1fr)_2rem] items-center gap-2">
                      <span className="w-10 text-xs text-slate-500">{i === 0 ? "Where" : s.matchMode === "ALL" ? "and" : "or"}</span>
                      <Select aria-label={`Rule ${i + 1} attribute`} value={r.field} onChange={(e) => setRule(r.key, { field: e.target.value as BundleRule["field"] })} className="w-full">
                        {RULE_FIELDS.map((x) => <option key={x} value={x}>{fieldWords[x]}</option>)}
                      </Select>
                      <Select aria-label={`Rule ${i + 1} comparison`} value={r.op} onChange={(e) => setRule(r.key, { op: e.target.value as BundleRule["op"] })} className="w-full">
                        {RULE_OPS.map((x) => <option key={x} value={x}>{opWords[x]}</option>)}
                      </Select>
                      <Input aria-label={`Rule ${i + 1} value`} value={r.value} maxLength={200} placeholder="e.g. Engineering" onChange={(e) => setRule(r.key, { value: e.target.value })}
                        aria-invalid={f.error(`rules.${i}.value`) ? true : undefined} className="w-full" />
                      {readOnly ? <span /> : (
                        <Button size="sm" variant="ghost" aria-label={`Remove rule ${i + 1}`} disabled={s.rules.length === 1} onClick={() => f.set({ rules: s.rules.filter((x) => x.key !== r.key) })}>
                          <X aria-hidden className="size-4" />
                        </Button>
                      )}
                    </li>
                  ))}
                </ol>
                {f.error("rules", true) && <p role="alert" className="text-xs font-medium text-red-700">{f.error("rules", true)}</p>}
                {!readOnly && (
                  <Button size="sm" icon={<Plus aria-hidden className="size-3.5" />} disabled={s.rules.length >= 20} onClick={() => f.set({ rules: [...s.rules, newRule()] }, [])}>
                    Add rule
                  </Button>
                )}
              </div>
            </FormRow>

            <FormRow title="Grants" about="Catalog roles everyone matching gets. Someone who already holds a role through a request keeps that grant instead.">
              {catalog.isPending ? (
                <div role="status" className="space-y-2"><span className="sr-only">Loading the catalog…</span><Skeleton className="h-7 w-full" /><Skeleton className="h-7 w-2/3" /></div>
              ) : catalog.isError ? (
                <FormError error={catalog.error} />
              ) : apps.some((a) => a.roles.length) ? (
                <div className="space-y-1">
                  <ToggleChips
                    label="Roles"
                    values={s.roleIds}
                    onChange={(roleIds) => f.set({ roleIds })}
                    options={apps.flatMap((a) => a.roles.filter((r) => !readOnly || s.roleIds.includes(r.id)).map((r) => ({ value: r.id, label: `${a.name} · ${r.name}`, disabled: readOnly, title: r.groups.map((g) => `${g.source}:${g.name}`).join(", ") })))}
                  />
                  {f.error("roleIds", true) && <p role="alert" className="text-xs font-medium text-red-700">{f.error("roleIds", true)}</p>}
                </div>
              ) : (
                <p className="text-sm text-slate-500">No roles in the catalog yet — add one in Apps &amp; roles.</p>
              )}
            </FormRow>
          </fieldset>

          {!readOnly && (
            <div className="flex flex-wrap items-center gap-3 rounded-b-lg border-t border-slate-200 bg-slate-50 px-5 py-3">
              <Button type="submit" variant="primary" busy={save.isPending}>{saveWords}</Button>
              <ButtonLink href="/bundles">Cancel</ButtonLink>
              {f.invalidCount > 0 && !f.serverError && <p role="alert" className="text-xs font-medium text-red-700">Fix the highlighted fields to save the bundle.</p>}
              <FormError error={f.serverError} className="w-full" />
            </div>
          )}
        </form>

        {!readOnly && (
          <div className="xl:sticky xl:top-4 xl:self-start">
            <BundlePreviewPanel preview={preview.data} pending={preview.isFetching} error={preview.error} ready={previewReady} onRetry={() => void preview.refetch()} />
          </div>
        )}
      </div>

      {bundle && (
        <ConfirmDialog
          open={confirmDelete}
          title={`Delete “${bundle.name}”?`}
          confirmLabel={bundle.liveGrants ? `Delete and end ${plural(bundle.liveGrants, "grant")}` : "Delete bundle"}
          busy={remove.isPending}
          error={remove.error}
          onCancel={() => { setConfirmDelete(false); remove.reset(); }}
          onConfirm={() => remove.mutate({ bundleId: bundle.id, endGrants: bundle.liveGrants > 0 })}
        >
          {bundle.liveGrants ? (
            <p>{plural(bundle.members, "person", "people")} hold access through this bundle. Deleting it ends those {plural(bundle.liveGrants, "grant")}: the access is removed in the directory and read back, with the proof kept.</p>
          ) : (
            <p>Nobody holds access through this bundle. Its past grants keep its name as evidence.</p>
          )}
        </ConfirmDialog>
      )}
    </Page>
  );
}

