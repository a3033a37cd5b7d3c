"use client";

import { useRouter } from "next/navigation";
import { useCallback, useId, useMemo, useState, type ReactNode } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { X } from "lucide-react";
import { createCampaignInput, REVIEWER_MODES } from "@/server/domain/reviews/schemas";
import { useTRPC } from "../trpc";
import { useMe } from "../shell/me-context";
import { useForm } from "../forms/use-form";
import { FormRow } from "../forms/form-row";
import { PersonPicker, type PickedPerson } from "../admin/person-picker";
import { Avatar } from "../ui/avatar";
import { BackLink } from "../ui/back-link";
import { Button, ButtonLink } from "../ui/button";
import { Field, Input, Textarea } from "../ui/field";
import { Page, PageHeader } from "../ui/page";
import { Skeleton } from "../ui/skeleton";
import { FormError } from "../ui/states";
import { clientNow } from "../ui/relative-time";
import { names } from "../requests/format";
import { ToggleChips } from "./toggle-chips";

type Mode = (typeof REVIEWER_MODES)[number];

interface CampaignState {
  name: string;
  description: string;
  appIds: string[];
  roleIds: string[];
  groupIds: string[];
  departments: string[];
  reviewerMode: Mode;
  reviewers: PickedPerson[];
  fallback: PickedPerson | null;
  dueDay: string;
  reminderHours: number[];
  inactivityDays: string;
}

const FIELDS = ["name", "description", "scope", "reviewerMode", "reviewerPersonIds", "fallbackReviewerId", "dueAt", "reminderHours", "inactivityDays"];

/** The end of a calendar day in the viewer's time zone: a campaign is due at the close of its due day. */
const endOfDay = (day: string) => (day ? new Date(`${day}T23:59:59`) : new Date(Number.NaN));

const toInput = (s: CampaignState) => ({
  name: s.name,
  description: s.description,
  scope: { appIds: s.appIds, roleIds: s.roleIds, groupIds: s.groupIds, departments: s.departments },
  reviewerMode: s.reviewerMode,
  reviewerPersonIds: s.reviewerMode === "named" ? s.reviewers.map((r) => r.id) : [],
  fallbackReviewerId: s.fallback?.id ?? "",
  dueAt: endOfDay(s.dueDay),
  reminderHours: s.reminderHours,
  inactivityDays: s.inactivityDays.trim() === "" ? Number.NaN : Number(s.inactivityDays),
});

// The server's schema, and the one rule the server checks outside it (a due date in the future), with its words.
const schema = createCampaignInput.refine((c) => c.dueAt.getTime() > clientNow(), { message: "The due date must be in the future", path: ["dueAt"] });

const REMINDER_PRESETS = [168, 72, 48, 24, 4];
const hoursWords = (h: number) => (h % 24 === 0 ? (h === 168 ? "1 week" : `${h / 24} day${h === 24 ? "" : "s"}`) : `${h} hour${h === 1 ? "" : "s"}`);

const modeOptions: { value: Mode; label: string; hint: string }[] = [
  { value: "manager", label: "Each person's manager", hint: "Managers know what their reports still need. Works for any scope." },
  { value: "app_owner", label: "The app owner", hint: "Owners know who should use their app. Apps without owners go to the fallback reviewer." },
  { value: "named", label: "Named people", hint: "Items are spread across the people you name." },
];

function localDay(d: Date) {
  const p = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
}

/** /reviews/new: a draft campaign, validated as you type with the server's own schema. */
export function NewCampaignForm() {
  const trpc = useTRPC();
  const router = useRouter();
  const qc = useQueryClient();
  const me = useMe();
  const [initial] = useState<CampaignState>(() => ({
    name: "", description: "", appIds: [], roleIds: [], groupIds: [], departments: [],
    reviewerMode: "manager", reviewers: [],
    fallback: me.membership.personId ? { id: me.membership.personId, displayName: me.user.name, email: me.user.email } : null,
    dueDay: localDay(new Date(clientNow() + 14 * 86_400_000)), reminderHours: [72, 24], inactivityDays: "30",
  }));
  const f = useForm<CampaignState>({ initial, schema, toInput: useCallback(toInput, []), fields: FIELDS });
  const s = f.state;

  const catalog = useQuery(trpc.catalog.list.queryOptions({}));
  const managed = useQuery(trpc.catalog.groups.queryOptions({ managedOnly: true, limit: 100 }));
  const directory = useQuery(trpc.people.list.queryOptions({ limit: 1 }));

  const create = useMutation(trpc.reviews.create.mutationOptions({
    onSuccess: async (c) => {
      await qc.invalidateQueries({ queryKey: trpc.reviews.list.queryKey() });
      router.push(`/reviews/${c.id}`);
    },
    onError: f.onServerError,
  }));

  const apps = useMemo(() => catalog.data ?? [], [catalog.data]);
  // Only managed groups that a catalog role maps to can be reviewed (and revoked).
  const groups = useMemo(() => {
    const mapped = new Map<string, string[]>();
    for (const a of apps) for (const r of a.roles) for (const g of r.groups) mapped.set(g.id, [...(mapped.get(g.id) ?? []), `${a.name} · ${r.name}`]);
    return (managed.data ?? []).filter((g) => mapped.has(g.id)).map((g) => ({ ...g, roles: mapped.get(g.id)! }));
  }, [apps, managed.data]);
  const departments = directory.data?.departments ?? [];
  const loading = catalog.isPending || managed.isPending || directory.isPending;
  const loadError = catalog.error ?? managed.error ?? directory.error;

  const scopeWords = useMemo(() => {
    const picked = [
      ...apps.filter((a) => s.appIds.includes(a.id)).map((a) => a.name),
      ...apps.flatMap((a) => a.roles.filter((r) => s.roleIds.includes(r.id)).map((r) => `${a.name} · ${r.name}`)),
      ...groups.filter((g) => s.groupIds.includes(g.id)).map((g) => `okta:${g.name}`),
    ];
    const what = picked.length ? names(picked) : "Everything: every app, role and mapped group";
    const where = s.departments.length ? `, for people in ${names(s.departments)} only` : ", in every department";
    return `${what}${where}.`;
  }, [apps, groups, s.appIds, s.roleIds, s.groupIds, s.departments]);

  const errors = {
    name: f.error("name"),
    description: f.error("description"),
    scope: f.error("scope", true),
    reviewerMode: f.error("reviewerMode"),
    reviewers: f.error("reviewerPersonIds", true),
    fallback: f.error("fallbackReviewerId") && (s.fallback ? f.error("fallbackReviewerId") : "Choose a fallback reviewer"),
    dueAt: f.error("dueAt"),
    reminders: f.error("reminderHours", true),
    inactivity: f.error("inactivityDays") && (s.inactivityDays.trim() === "" || Number.isNaN(Number(s.inactivityDays)) ? "Enter a number of days (30 is usual)" : f.error("inactivityDays")),
  };

  return (
    <Page>
      <BackLink href="/reviews">Access reviews</BackLink>
      <PageHeader
        title="New access review"
        description="Creates a draft. Nothing is snapshotted and nobody is told until you launch it from the campaign's page."
      />
      {loadError ? (
        <FormError error={loadError} />
      ) : (
        <form
          noValidate
          aria-label="New access review"
          className="rounded-lg border border-slate-200 bg-white"
          onSubmit={(e) => {
            e.preventDefault();
            const input = f.prepareSubmit();
            if (input) create.mutate(input as ReturnType<typeof toInput>);
          }}
        >
          <FormRow title="Campaign" about="What reviewers see in their inbox and in the evidence.">
            <div className="space-y-4">
              <Field label="Name" error={errors.name} hint="e.g. “Q4 2026 — customer systems”. Unique in this workspace.">
                {(p) => <Input {...p} value={s.name} maxLength={120} autoFocus onChange={(e) => f.set({ name: e.target.value })} />}
              </Field>
              <Field label="Description" optional error={errors.description} hint="Why this review is run: the control it evidences, the audit it is for.">
                {(p) => <Textarea {...p} rows={2} value={s.description} onChange={(e) => f.set({ description: e.target.value })} />}
              </Field>
            </div>
          </FormRow>

          <FormRow title="What to review" about="Pick apps, roles or groups. Leave all three empty to review everything. Departments narrow the people reviewed.">
            {loading ? (
              <div role="status" className="space-y-3"><span className="sr-only">Loading the catalog…</span><Skeleton className="h-7 w-full" /><Skeleton className="h-7 w-5/6" /><Skeleton className="h-7 w-2/3" /></div>
            ) : (
              <fieldset aria-describedby="scope-summary" className="space-y-4">
                <legend className="sr-only">Scope</legend>
                <ScopeRow label="Apps">
                  {apps.length ? (
                    <ToggleChips label="Apps" values={s.appIds} onChange={(v) => f.set({ appIds: v, roleIds: s.roleIds.filter((r) => !apps.some((a) => v.includes(a.id) && a.roles.some((x) => x.id === r))) }, ["scope"])}
                      options={apps.map((a) => ({ value: a.id, label: a.name, count: a.roles.length, title: `${a.roles.length} role${a.roles.length === 1 ? "" : "s"}` }))} />
                  ) : <Empty>No apps in the catalog yet — add one in Apps &amp; roles.</Empty>}
                </ScopeRow>
                <ScopeRow label="Roles">
                  {apps.some((a) => a.roles.length) ? (
                    <ToggleChips
                      label="Roles"
                      values={[...s.roleIds, ...apps.filter((a) => s.appIds.includes(a.id)).flatMap((a) => a.roles.map((r) => r.id))]}
                      onChange={(v) => f.set({ roleIds: v.filter((id) => !apps.some((a) => s.appIds.includes(a.id) && a.roles.some((r) => r.id === id))) }, ["scope"])}
                      options={apps.flatMap((a) => a.roles.map((r) => ({
                        value: r.id, label: `${a.name} · ${r.name}`, disabled: s.appIds.includes(a.id),
                        title: s.appIds.includes(a.id) ? `Included: all of ${a.name} is in scope` : r.groups.map((g) => `okta:${g.name}`).join(", "),
                      })))}
                    />
                  ) : <Empty>No roles yet.</Empty>}
                </ScopeRow>
                <ScopeRow label="Groups" hint="Managed Okta groups a role maps to">
                  {groups.length ? (
                    <ToggleChips label="Groups" values={s.groupIds} onChange={(v) => f.set({ groupIds: v }, ["scope"])}
                      options={groups.map((g) => ({ value: g.id, label: <span className="font-mono">{g.name}</span>, ariaLabel: g.name, count: g.memberCount, title: `Mapped by ${g.roles.join(", ")} · ${g.memberCount} members` }))} />
                  ) : <Empty>No managed group is mapped to a role yet.</Empty>}
                </ScopeRow>
                <ScopeRow label="Departments" hint="None picked: everyone">
                  {departments.length ? (
                    <ToggleChips label="Departments" values={s.departments} onChange={(v) => f.set({ departments: v }, ["scope"])}
                      options={departments.map((d) => ({ value: d.name, label: d.name, count: d.count }))} />
                  ) : <Empty>No departments in the directory.</Empty>}
                </ScopeRow>
                <p id="scope-summary" aria-live="polite" className="rounded-md bg-slate-50 px-3 py-2 text-sm text-slate-700">
                  <span className="font-medium text-slate-900">In scope: </span>{scopeWords}
                  <span className="block text-xs text-slate-500">Every active grant in scope, and every membership of a scoped group that no grant explains, becomes one item.</span>
                </p>
                {errors.scope && <p className="text-xs font-medium text-red-700" role="alert">{errors.scope}</p>}
              </fieldset>
            )}
          </FormRow>

          <FormRow title="Who reviews" about="Nobody ever reviews their own access: such items go to the fallback reviewer, or to another admin.">
            <div className="space-y-5">
              <fieldset aria-describedby={errors.reviewerMode ? "mode-err" : undefined}>
                <legend className="text-sm font-medium text-slate-800">Reviewers</legend>
                <div className="mt-2 grid gap-2 sm:grid-cols-3">
                  {modeOptions.map((o) => (
                    <label key={o.value} className="flex cursor-pointer items-start gap-2.5 rounded-md border border-slate-200 px-3 py-2.5 has-[:checked]:border-indigo-600 has-[:checked]:bg-indigo-50/60">
                      <input type="radio" name="reviewerMode" value={o.value} checked={s.reviewerMode === o.value} onChange={() => f.set({ reviewerMode: o.value })} className="mt-0.5 size-4 accent-indigo-600" />
                      <span className="min-w-0">
                        <span className="block text-sm font-medium text-slate-900">{o.label}</span>
                        <span className="block text-xs text-slate-500">{o.hint}</span>
                      </span>
                    </label>
                  ))}
                </div>
                {errors.reviewerMode && <p id="mode-err" className="mt-1 text-xs font-medium text-red-700">{errors.reviewerMode}</p>}
              </fieldset>
              {s.reviewerMode === "named" && (
                <PeopleField
                  label="Named reviewers"
                  people={s.reviewers}
                  error={errors.reviewers}
                  hint="Add one or more people; items are spread across them."
                  onChange={(reviewers) => f.set({ reviewers }, ["reviewerPersonIds"])}
                />
              )}
              <PeopleField
                label="Fallback reviewer"
                single
                people={s.fallback ? [s.fallback] : []}
                error={errors.fallback}
                hint="Reviews what nobody else can (no manager, no owner, their own access), and receives overdue items."
                onChange={(p) => f.set({ fallback: p[0] ?? null }, ["fallbackReviewerId"])}
              />
            </div>
          </FormRow>

          <FormRow title="When" about="Reviewers are reminded before the due date; items still pending after it escalate to the fallback reviewer.">
            <div className="grid gap-5 md:grid-cols-2">
              <Field label="Due date" error={errors.dueAt} hint={`Due at the end of that day, ${Intl.DateTimeFormat().resolvedOptions().timeZone} time.`}>
                {(p) => <Input {...p} type="date" value={s.dueDay} min={localDay(new Date(clientNow()))} onChange={(e) => f.set({ dueDay: e.target.value }, ["dueAt"])} className="max-w-48" />}
              </Field>
              <Field label="Inactivity threshold" error={errors.inactivity} hint="No sign-in for this many days: recommended for revoke.">
                {(p) => (
                  <div className="flex max-w-48 items-center gap-2">
                    <Input {...p} type="number" inputMode="numeric" min={1} max={730} value={s.inactivityDays} onChange={(e) => f.set({ inactivityDays: e.target.value })} />
                    <span className="text-sm text-slate-600">days</span>
                  </div>
                )}
              </Field>
              <Reminders hours={s.reminderHours} error={errors.reminders} onChange={(reminderHours) => f.set({ reminderHours })} />
            </div>
          </FormRow>

          <div className="flex flex-wrap items-center gap-3 rounded-b-lg border-t border-slate-200 bg-slate-50 px-5 py-3">
            <Button type="submit" variant="primary" busy={create.isPending}>Create draft</Button>
            <ButtonLink href="/reviews">Cancel</ButtonLink>
            {f.invalidCount > 0 && !f.serverError && <p role="alert" className="text-xs font-medium text-red-700">Fix the highlighted fields to create the campaign.</p>}
            <FormError error={f.serverError} className="w-full" />
          </div>
        </form>
      )}
    </Page>
  );
}

function ScopeRow({ label, hint, children }: { label: string; hint?: string; children: ReactNode }) {
  return (
    <div className="grid gap-x-4 gap-y-1.5 sm:grid-cols-[7.5rem_minmax(0,1fr)]">
      <div className="pt-1">
        <div className="text-sm font-medium text-slate-800">{label}</div>
        {hint && <div className="text-xs text-slate-500">{hint}</div>}
      </div>
      {children}
    </div>
  );
}

const Empty = ({ children }: { children: ReactNode }) => <p className="pt-1 text-sm text-slate-500">{children}</p>;

/** Picked people as removable chips, and a directory search to add more (or the one, when single). */
function PeopleField({ label, people, onChange, error, hint, single }: {
  label: string; people: PickedPerson[]; onChange: (p: PickedPerson[]) => void; error: string | null; hint: string; single?: boolean;
}) {
  const id = useId();
  const showPicker = !single || people.length === 0;
  return (
    <div className="space-y-1">
      <label htmlFor={showPicker ? id : undefined} id={`${id}-label`} className="block text-sm font-medium text-slate-800">{label}</label>
      {people.length > 0 && (
        <ul aria-label={label} className="flex flex-wrap gap-1.5 pb-1">
          {people.map((p) => (
            <li key={p.id} className="inline-flex items-center gap-1.5 rounded-md bg-slate-100 py-1 pl-1.5 pr-1 text-sm text-slate-800">
              <Avatar name={p.displayName} className="size-5 text-[9px]" />
              <span>{p.displayName}</span>
              {p.title && <span className="text-xs text-slate-500">· {p.title}</span>}
              <button type="button" aria-label={`Remove ${p.displayName}`} onClick={() => onChange(people.filter((x) => x.id !== p.id))} className="rounded p-0.5 text-slate-400 hover:bg-slate-200 hover:text-slate-800">
                <X aria-hidden className="size-3.5" />
              </button>
            </li>
          ))}
        </ul>
      )}
      {showPicker && (
        <div className="max-w-md">
          <PersonPicker
            id={id}
            label={label}
            placeholder={single ? "Search people by name…" : "Add a reviewer — search by name…"}
            excludeIds={people.map((p) => p.id)}
            onPick={(p) => onChange(single ? [p] : [...people, p])}
            invalid={!!error}
            describedBy={`${id}-d`}
          />
        </div>
      )}
      <p id={`${id}-d`} className={error ? "text-xs font-medium text-red-700" : "text-xs text-slate-500"}>{error ?? hint}</p>
    </div>
  );
}

/** Reminders as chips (hours before the due date), with a custom value. */
function Reminders({ hours, onChange, error }: { hours: number[]; onChange: (h: number[]) => void; error: string | null }) {
  const id = useId();
  const [custom, setCustom] = useState("");
  const options = [...new Set([...REMINDER_PRESETS, ...hours])].sort((a, b) => b - a);
  const add = () => {
    const n = Number(custom);
    if (!custom.trim() || !Number.isFinite(n)) return;
    onChange([...new Set([...hours, Math.round(n)])]);
    setCustom("");
  };
  return (
    <div className="space-y-1.5 md:col-span-2">
      <div id={`${id}-label`} className="text-sm font-medium text-slate-800">Reminders <span className="font-normal text-slate-500">(before the due date)</span></div>
      <div className="flex flex-wrap items-center gap-3">
        <ToggleChips label="Reminders before the due date" values={hours} describedBy={`${id}-d`} onChange={(v) => onChange(v.map(Number))}
          options={options.map((h) => ({ value: String(h), label: hoursWords(h), title: `${h} hours before` }))} />
        <div className="flex items-center gap-1.5">
          <Input
            aria-label="Custom reminder, hours before the due date"
            type="number" inputMode="numeric" min={1} value={custom} placeholder="Hours"
            onChange={(e) => setCustom(e.target.value)}
            onKeyDown={(e) => { if (e.key === "Enter") { e.preventDefault(); add(); } }}
            className="h-7 w-20 py-0 text-xs"
          />
          <Button size="sm" onClick={add} disabled={!custom.trim()}>Add</Button>
        </div>
      </div>
      <p id={`${id}-d`} className={error ? "text-xs font-medium text-red-700" : "text-xs text-slate-500"}>
        {error ?? (hours.length ? `Reviewers with pending items are reminded ${names([...hours].sort((a, b) => b - a).map(hoursWords))} before it is due.` : "No reminders: reviewers are told once, at launch.")}
      </p>
    </div>
  );
}

