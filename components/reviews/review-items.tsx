"use client";

import { createRef, useEffect, useId, useMemo, useRef, useState, type ReactNode, type RefObject } from "react";
import { useRouter } from "next/navigation";
import { keepPreviousData, useInfiniteQuery, useMutation, useQueryClient } from "@tanstack/react-query";
import { Check, ListChecks, SearchX, UserRoundCog, X } from "lucide-react";
import { decideItemsInput, reassignItemsInput } from "@/server/domain/reviews/schemas";
import { useTRPC } from "../trpc";
import { useMe } from "../shell/me-context";
import { isAdmin, readsDirectory } from "../shell/access";
import { PersonPicker, type PickedPerson } from "../admin/person-picker";
import { Button } from "../ui/button";
import { FilterChips } from "../ui/chips";
import { Select, Textarea } from "../ui/field";
import { SearchInput } from "../ui/search-input";
import { TableSkeleton } from "../ui/skeleton";
import { EmptyState, ErrorState, FormError } from "../ui/states";
import { RelativeTime } from "../ui/relative-time";
import { StatusBadge } from "../ui/status";
import { Avatar } from "../ui/avatar";
import { cn } from "../ui/cn";
import { useDebounced } from "../ui/hooks";
import { accessTitle, consequence, count, DecisionBadge, HowGranted, plural, Recommendation, Revocation } from "./format";
import type { Campaign, ReviewItem } from "./types";

const PAGE = 50;
const th = "sticky top-0 z-10 border-b border-slate-200 bg-slate-50 px-3 py-2 text-left text-xs font-medium text-slate-500 first:rounded-tl-lg first:pl-4 last:rounded-tr-lg last:pr-4";
const td = "px-3 py-3 align-top first:pl-4 last:pr-4";

type Decision = "KEEP" | "REVOKE";
type Panel = { kind: "decide"; decision: Decision; ids: string[]; at: string } | { kind: "reassign"; ids: string[]; at: string };

/**
 * A campaign's items with what a reviewer needs to decide each one without leaving the page, filters as
 * chips, bulk selection, and Keep / Revoke / Reassign. `mine` lists the viewer's items (the reviewer's view);
 * otherwise every item, read-only except for an admin reassigning undecided ones.
 */
export function ReviewItems({ campaign, mine, keyboard, label }: { campaign: Campaign; mine: boolean; keyboard?: boolean; label: string }) {
  const trpc = useTRPC();
  const me = useMe();
  const qc = useQueryClient();
  const router = useRouter();
  const admin = isAdmin(me);
  const active = campaign.status === "ACTIVE";
  const [status, setStatus] = useState("");
  const [recommendation, setRecommendation] = useState("");
  const [text, setText] = useState("");
  const search = useDebounced(text.trim(), 250);
  const input = {
    campaignId: campaign.id, mine,
    status: (status || "all") as "all" | "pending" | "kept" | "revoked",
    recommendation: (recommendation || "all") as "all" | "KEEP" | "REVOKE",
    search, limit: PAGE,
  };
  const q = useInfiniteQuery({
    ...trpc.reviews.items.infiniteQueryOptions(input, { getNextPageParam: (last) => last.nextCursor ?? undefined }),
    placeholderData: keepPreviousData,
    // A revoke is being removed in Okta: watch the read-back arrive, then stop.
    refetchInterval: (query) => (query.state.data?.pages.some((p) => p.items.some((i) => i.decision === "REVOKE" && i.revocation === "PENDING")) ? 1500 : false),
  });
  const rows = useMemo(() => q.data?.pages.flatMap((p) => p.items) ?? [], [q.data]);
  const first = q.data?.pages[0];
  const counts = first?.counts;
  const total = first?.total ?? 0;
  const filtered = !!(status || recommendation || search);

  // Selection: what this viewer may act on (decide, or an admin's reassign of undecided items).
  const selectable = (i: ReviewItem) => active && (i.canDecide || (admin && !i.decision && !mine));
  const [selected, setSelected] = useState<Set<string>>(() => new Set());
  const selectedRows = rows.filter((r) => selected.has(r.id) && selectable(r));
  const [panel, setPanel] = useState<Panel | null>(null);
  const [flash, setFlash] = useState<string | null>(null);
  const [cursor, setCursor] = useState(0);
  const [usingKeys, setUsingKeys] = useState(false);
  const rowRefs = useMemo(() => rows.map(() => createRef<HTMLTableRowElement>()), [rows]);
  const anyActions = active && rows.some(selectable);
  const selectableRows = rows.filter(selectable);
  const allSelected = selectableRows.length > 0 && selectableRows.every((r) => selected.has(r.id));

  const done = async (message: string, ids: string[]) => {
    setFlash(message);
    setPanel(null);
    setSelected((s) => new Set([...s].filter((id) => !ids.includes(id))));
    await qc.invalidateQueries({ queryKey: trpc.reviews.pathKey() });
    router.refresh(); // the navigation's count of pending reviews
  };

  const open = (p: Panel) => {
    setFlash(null);
    setPanel(p);
  };
  const byId = (ids: string[]) => rows.filter((r) => ids.includes(r.id));

  // Keyboard, as in the Inbox: j/k move, x selects, a keeps, d revokes, Escape closes the panel.
  const state = useRef({ rows, cursor, panel });
  state.current = { rows, cursor, panel };
  useEffect(() => {
    if (!keyboard) return;
    const onKey = (e: KeyboardEvent) => {
      const t = e.target as HTMLElement | null;
      if (e.metaKey || e.ctrlKey || e.altKey) return;
      if (t && (t.tagName === "TEXTAREA" || t.tagName === "INPUT" || t.tagName === "SELECT" || t.isContentEditable)) {
        if (e.key === "Escape") t.blur();
        return;
      }
      if (t?.closest("dialog")) return;
      const { rows: rs, cursor: c, panel: p } = state.current;
      if (!rs.length) return;
      const move = (n: number) => {
        const next = Math.max(0, Math.min(rs.length - 1, n));
        setUsingKeys(true);
        setCursor(next);
        rowRefs[next]?.current?.focus();
      };
      const row = rs[Math.min(c, rs.length - 1)];
      if (e.key === "j") { e.preventDefault(); move(c + 1); }
      else if (e.key === "k") { e.preventDefault(); move(c - 1); }
      else if (e.key === "Escape" && p) { e.preventDefault(); setPanel(null); }
      else if (row?.canDecide && e.key === "x") {
        e.preventDefault();
        setSelected((s) => { const n = new Set(s); if (n.has(row.id)) n.delete(row.id); else n.add(row.id); return n; });
      } else if (row?.canDecide && (e.key === "a" || e.key === "d")) {
        e.preventDefault();
        setFlash(null);
        setPanel({ kind: "decide", decision: e.key === "a" ? "KEEP" : "REVOKE", ids: [row.id], at: row.id });
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [keyboard, rowRefs]);

  const statusOptions = [
    { value: "", label: "All", count: counts?.all },
    { value: "pending", label: "Pending", count: counts?.pending },
    { value: "kept", label: "Kept", count: counts?.kept },
    { value: "revoked", label: "Revoked", count: counts?.revoked },
  ];
  const recOptions = [
    { value: "", label: "Any" },
    { value: "REVOKE", label: "Revoke", count: counts?.recommendedRevoke },
    { value: "KEEP", label: "Keep", count: counts?.recommendedKeep },
  ];
  const columns = 5 + (anyActions ? 1 : 0);

  return (
    <div>
      <div className="mb-3 flex flex-wrap items-center gap-x-5 gap-y-2">
        <div className="flex items-center gap-2">
          <span aria-hidden className="text-xs font-medium text-slate-500">Decision</span>
          <FilterChips label={`${label}: decision`} value={status} onChange={setStatus} options={statusOptions} />
        </div>
        <div className="flex items-center gap-2">
          <span aria-hidden className="text-xs font-medium text-slate-500">Recommended</span>
          <FilterChips label={`${label}: recommendation`} value={recommendation} onChange={setRecommendation} options={recOptions} />
        </div>
        <SearchInput value={text} onChange={setText} label={`Search ${label.toLowerCase()} by person, email, access or department`} placeholder="Search people or access…" className="ml-auto w-full max-w-60" />
      </div>

      {flash && <p role="status" className="mb-3 flex items-start gap-2 rounded-md border border-emerald-200 bg-emerald-50 px-3 py-2 text-sm text-emerald-900"><Check aria-hidden className="mt-0.5 size-4 shrink-0 text-emerald-600" />{flash}</p>}

      {anyActions && (
        <div className={cn("sticky top-0 z-20 mb-3 rounded-lg border px-4 py-2.5 transition-colors", selectedRows.length ? "border-indigo-200 bg-indigo-50/90 backdrop-blur" : "border-slate-200 bg-white")}>
          <div className="flex flex-wrap items-center gap-2" role="toolbar" aria-label={`${label}: act on the selection`}>
            <ListChecks aria-hidden className={cn("size-4", selectedRows.length ? "text-indigo-600" : "text-slate-400")} />
            <span className="mr-2 text-sm text-slate-700" aria-live="polite">
              {selectedRows.length ? <><span className="font-semibold text-slate-900">{count(selectedRows.length)}</span> selected</> : "Select items to decide several at once"}
            </span>
            {selectedRows.length > 0 && (() => {
              const ids = selectedRows.map((r) => r.id);
              const decidable = selectedRows.every((r) => r.canDecide);
              const why = decidable ? undefined : "Some selected items are not yours to decide: reassign them instead";
              return (
                <>
                  <Button size="sm" icon={<Check aria-hidden className="size-3.5" />} disabled={!decidable} title={why} onClick={() => open({ kind: "decide", decision: "KEEP", ids, at: "bulk" })}>Keep {count(ids.length)}</Button>
                  <Button size="sm" variant="danger" icon={<X aria-hidden className="size-3.5" />} disabled={!decidable} title={why} onClick={() => open({ kind: "decide", decision: "REVOKE", ids, at: "bulk" })}>Revoke {count(ids.length)}</Button>
                  <Button size="sm" variant="ghost" icon={<UserRoundCog aria-hidden className="size-3.5" />} onClick={() => open({ kind: "reassign", ids, at: "bulk" })}>Reassign</Button>
                  <Button size="sm" variant="ghost" onClick={() => { setSelected(new Set()); if (panel?.at === "bulk") setPanel(null); }}>Clear selection</Button>
                </>
              );
            })()}
            {keyboard && !selectedRows.length && <span className="ml-auto hidden text-xs text-slate-500 lg:block"><Kbd>j</Kbd>/<Kbd>k</Kbd> move · <Kbd>x</Kbd> select · <Kbd>a</Kbd> keep · <Kbd>d</Kbd> revoke</span>}
          </div>
          {panel?.at === "bulk" && (
            <div className="mt-3 border-t border-indigo-200 pt-3">
              {panel.kind === "decide"
                ? <DecisionPanel campaignId={campaign.id} items={byId(panel.ids)} decision={panel.decision} onCancel={() => setPanel(null)} onDone={done} />
                : <ReassignPanel campaign={campaign} items={byId(panel.ids)} onCancel={() => setPanel(null)} onDone={done} />}
            </div>
          )}
        </div>
      )}

      {q.isPending ? (
        <TableSkeleton rows={6} cols={5} label={`Loading ${label.toLowerCase()}`} />
      ) : q.isError ? (
        <ErrorState error={q.error} title={`${label} could not load`} onRetry={() => void q.refetch()} />
      ) : rows.length === 0 ? (
        filtered ? (
          <EmptyState icon={<SearchX aria-hidden className="size-5" />} title="No item matches these filters"
            action={<Button size="sm" onClick={() => { setStatus(""); setRecommendation(""); setText(""); }}>Clear filters</Button>}>
            Try another decision or recommendation, or a shorter search.
          </EmptyState>
        ) : (
          <EmptyState icon={<ListChecks aria-hidden className="size-5" />} title="No items">Nothing in this campaign is assigned here.</EmptyState>
        )
      ) : (
        <>
          <div className={cn("rounded-lg border border-slate-200 bg-white transition-opacity", q.isPlaceholderData && "opacity-60")}>
            <table className="w-full table-fixed border-separate border-spacing-0 text-sm">
              <caption className="sr-only">{label}</caption>
              <colgroup>
                {anyActions && <col className="w-10" />}
                <col className="w-[19%]" />
                <col className="w-[20%]" />
                <col className="w-[14%]" />
                <col className="w-[18%]" />
                <col />
              </colgroup>
              <thead>
                <tr>
                  {anyActions && (
                    <th scope="col" className={th}>
                      <input
                        type="checkbox" aria-label="Select every item shown" checked={allSelected}
                        onChange={(e) => setSelected(e.target.checked ? new Set([...selected, ...selectableRows.map((r) => r.id)]) : new Set())}
                        className="size-4 accent-indigo-600"
                      />
                    </th>
                  )}
                  <th scope="col" className={th}>Person</th>
                  <th scope="col" className={th}>Access</th>
                  <th scope="col" className={th}>Activity</th>
                  <th scope="col" className={th}>Recommendation</th>
                  <th scope="col" className={th}>Decision</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((item, n) => (
                  <ItemRows
                    key={item.id}
                    item={item}
                    rowRef={rowRefs[n]!}
                    mine={mine}
                    current={!!keyboard && usingKeys && n === Math.min(cursor, rows.length - 1)}
                    onFocus={() => setCursor(n)}
                    columns={columns}
                    selectable={anyActions ? selectable(item) : null}
                    selected={selected.has(item.id)}
                    onSelect={(v) => setSelected((s) => { const x = new Set(s); if (v) x.add(item.id); else x.delete(item.id); return x; })}
                    onOpen={(p) => open(p)}
                    panel={panel?.at === item.id ? (
                      panel.kind === "decide"
                        ? <DecisionPanel campaignId={campaign.id} items={[item]} decision={panel.decision} onCancel={() => setPanel(null)} onDone={done} />
                        : <ReassignPanel campaign={campaign} items={[item]} onCancel={() => setPanel(null)} onDone={done} />
                    ) : null}
                    last={n === rows.length - 1}
                  />
                ))}
              </tbody>
            </table>
          </div>
          <div className="mt-3 flex items-center justify-between text-xs text-slate-500">
            <span aria-live="polite">Showing {count(rows.length)} of {plural(total, "item")}</span>
            {q.hasNextPage && (
              <Button onClick={() => void q.fetchNextPage()} busy={q.isFetchingNextPage}>Load {Math.min(PAGE, total - rows.length)} more</Button>
            )}
          </div>
        </>
      )}
    </div>
  );
}

function Kbd({ children }: { children: string }) {
  return <kbd className="rounded border border-slate-300 bg-white px-1 font-mono text-[11px] text-slate-700">{children}</kbd>;
}

function ItemRows({ item: i, rowRef, mine, current, onFocus, columns, selectable, selected, onSelect, onOpen, panel, last }: {
  item: ReviewItem; rowRef: RefObject<HTMLTableRowElement | null>; mine: boolean; current: boolean; onFocus: () => void; columns: number;
  selectable: boolean | null; selected: boolean; onSelect: (v: boolean) => void; onOpen: (p: Panel) => void; panel: ReactNode; last: boolean;
}) {
  const who = `${i.personName}'s ${i.accessLabel}`;
  const cell = cn(td, (!last || panel) && "border-b border-slate-100");
  return (
    <>
      <tr
        ref={rowRef}
        tabIndex={-1}
        onFocus={onFocus}
        aria-label={`${i.personName} · ${i.accessLabel}`}
        className={cn("outline-none", selected ? "bg-indigo-50/50" : "hover:bg-slate-50", current && "shadow-[inset_3px_0_0_0_var(--color-indigo-500)]")}
      >
        {selectable !== null && (
          <td className={cell}>
            {selectable ? (
              <input type="checkbox" checked={selected} onChange={(e) => onSelect(e.target.checked)} aria-label={`Select ${who}`} className="mt-0.5 size-4 accent-indigo-600" />
            ) : null}
          </td>
        )}
        <td className={cell}>
          <div className="flex flex-wrap items-center gap-x-2 gap-y-1">
            <span className="font-medium text-slate-900" title={i.personEmail}>{i.personName}</span>
            {i.personStatus !== "ACTIVE" && <StatusBadge status={i.personStatus} />}
          </div>
          {i.howGranted === "orphan_account" ? (
            // An account from a manual app's list that matches nobody in the directory: its email is all there is.
            <div className="mt-0.5 break-all font-mono text-xs text-slate-600">{i.personEmail}</div>
          ) : (
            <>
              <div className="mt-0.5 text-xs text-slate-600">{[i.personTitle, i.personDepartment].filter(Boolean).join(" · ") || "No title on record"}</div>
              <div className="text-xs text-slate-500">{i.managerName ? `Manager: ${i.managerName}` : "No manager on record"}</div>
            </>
          )}
        </td>
        <td className={cell}>
          <div className="font-medium text-slate-900" title={i.accessLabel}>{accessTitle(i)}</div>
          {i.groupNames.length > 0 ? (
            <div className="mt-1 flex flex-wrap gap-1">
              {i.groupNames.map((g) => <code key={g} className="max-w-full truncate rounded bg-slate-100 px-1.5 py-px font-mono text-xs text-slate-700" title={`${i.groupSource}:${g}`}>{i.groupSource}:{g}</code>)}
            </div>
          ) : <div className="mt-0.5 text-xs text-slate-500">No SSO group: granted by hand in the app</div>}
          <div className="mt-1 leading-snug"><HowGranted item={i} /></div>
          <div className="text-xs text-slate-500">
            {i.howGranted === "unexplained" || i.howGranted === "account_list" || i.howGranted === "orphan_account" ? "First seen " : "Granted "}<RelativeTime date={i.grantedAt} fallback="—" />
            {i.expiresAt && <> · expires <RelativeTime date={i.expiresAt} /></>}
          </div>
        </td>
        <td className={cn(cell, "text-xs leading-relaxed")}>
          {i.howGranted !== "orphan_account" && <div className="whitespace-nowrap"><span className="text-slate-500">Sign-in </span><RelativeTime date={i.lastLoginAt} fallback="never" className="text-slate-800" /></div>}
          <div className="whitespace-nowrap"><span className="text-slate-500">App use </span>{i.lastUsedAt ? <RelativeTime date={i.lastUsedAt} className="text-slate-800" /> : <span className="text-slate-800" title="The IdP reports no per-app use for this app">no data</span>}</div>
        </td>
        <td className={cell}><Recommendation item={i} /></td>
        <td className={cell}>
          <DecisionCell item={i} mine={mine} onOpen={onOpen} />
        </td>
      </tr>
      {panel && (
        <tr>
          <td colSpan={columns} className={cn("bg-slate-50/80 px-4 py-3", !last && "border-b border-slate-100")}>{panel}</td>
        </tr>
      )}
    </>
  );
}

function DecisionCell({ item: i, mine, onOpen }: { item: ReviewItem; mine: boolean; onOpen: (p: Panel) => void }) {
  const me = useMe();
  const who = `${i.personName}'s ${i.accessLabel}`;
  if (i.decision) {
    return (
      <div className="min-w-0">
        <div className="flex flex-wrap items-center gap-x-2 gap-y-1">
          <DecisionBadge decision={i.decision} />
          <span className="text-xs text-slate-500">by {i.deciderName ?? "—"} · <RelativeTime date={i.decidedAt} /></span>
        </div>
        {i.comment && <p className="mt-1 break-words text-xs text-slate-700">“{i.comment}”</p>}
        <Revocation item={i} />
      </div>
    );
  }
  if (i.ownAccess) {
    return (
      <div className="text-xs text-slate-600">
        <DecisionBadge decision={null} />
        <p className="mt-1">Your own access: nobody reviews their own. {i.reviewerName ? `${i.reviewerName} decides it.` : ""}</p>
      </div>
    );
  }
  if (i.canDecide) {
    return (
      <div>
        <div className="flex flex-wrap gap-1.5">
          <Button size="sm" icon={<Check aria-hidden className="size-3.5" />} aria-label={`Keep ${who}`} onClick={() => onOpen({ kind: "decide", decision: "KEEP", ids: [i.id], at: i.id })}>Keep</Button>
          <Button size="sm" variant="danger" icon={<X aria-hidden className="size-3.5" />} aria-label={`Revoke ${who}`} onClick={() => onOpen({ kind: "decide", decision: "REVOKE", ids: [i.id], at: i.id })}>Revoke</Button>
        </div>
        <button type="button" onClick={() => onOpen({ kind: "reassign", ids: [i.id], at: i.id })} aria-label={`Reassign ${who}`} className="mt-1.5 text-xs font-medium text-slate-500 hover:text-indigo-700 hover:underline">
          Reassign…
        </button>
        {i.reassignedFromName && <p className="mt-1 text-xs text-slate-500">From {i.reassignedFromName}: “{i.reassignReason}”</p>}
        {i.reviewerNote && <p className="mt-1 text-xs text-amber-800">{i.reviewerNote}</p>}
      </div>
    );
  }
  return (
    <div className="text-xs text-slate-600">
      <DecisionBadge decision={null} />
      <p className="mt-1 flex items-center gap-1.5">
        {i.reviewerName && <Avatar name={i.reviewerName} className="size-4 text-[8px]" />}
        {mine ? "Not yours to decide" : `Waiting for ${i.reviewerName ?? "the reviewer"}`}
        {!mine && i.reviewerName === me.user.name ? " (you)" : ""}
      </p>
      {i.reviewerNote && <p className="mt-1 text-amber-800">{i.reviewerNote}</p>}
    </div>
  );
}

const commentSchema = decideItemsInput.shape.comment;
const KEEP_NEEDS_COMMENT = "Keeping access the recommendation says to revoke needs a comment that says why";

/** The decision for one item or a selection: what will happen, a comment (required when keeping a recommended revoke), confirm. */
function DecisionPanel({ campaignId, items, decision, onCancel, onDone }: {
  campaignId: string; items: ReviewItem[]; decision: Decision; onCancel: () => void; onDone: (message: string, ids: string[]) => Promise<void>;
}) {
  const trpc = useTRPC();
  const id = useId();
  const ref = useRef<HTMLTextAreaElement>(null);
  const [comment, setComment] = useState("");
  const [tried, setTried] = useState(false);
  const needsComment = decision === "KEEP" && items.some((i) => i.recommendation === "REVOKE");
  const lengthCheck = commentSchema.safeParse(comment);
  const localError = !lengthCheck.success ? lengthCheck.error.issues[0]?.message ?? "The comment is too long"
    : tried && needsComment && !comment.trim() ? KEEP_NEEDS_COMMENT : null;
  const decide = useMutation(trpc.reviews.decide.mutationOptions({
    onSuccess: (r) => {
      const what = items.length === 1 ? `${items[0]!.personName} · ${items[0]!.accessLabel}` : plural(r.decided, "item");
      const message = decision === "KEEP"
        ? `Kept ${what}.`
        : `Revoked ${what}.${r.removing ? ` Removing ${items.length === 1 ? "it" : plural(r.removing, "membership")} from Okta now.` : ""}${r.tasks ? ` ${plural(r.tasks, "task")} opened for the app owner.` : ""}`;
      void onDone(message, items.map((i) => i.id));
    },
  }));
  useEffect(() => {
    ref.current?.focus();
  }, [decision]);
  if (!items.length) return null;
  const submit = () => {
    setTried(true);
    if (!lengthCheck.success || (needsComment && !comment.trim())) {
      ref.current?.focus();
      return;
    }
    decide.mutate({ campaignId, itemIds: items.map((i) => i.id), decision, comment: comment.trim() || undefined });
  };
  const title = `${decision === "KEEP" ? "Keep" : "Revoke"} ${items.length === 1 ? `${items[0]!.personName} · ${items[0]!.accessLabel}` : plural(items.length, "item")}`;
  return (
    <div role="group" aria-label={title} className="max-w-3xl">
      <p id={`${id}-what`} className={cn("text-sm", decision === "REVOKE" ? "text-red-900" : "text-slate-800")}>{consequence(items, decision)}</p>
      <div className="mt-2.5 space-y-1">
        <label htmlFor={`${id}-c`} className="block text-sm font-medium text-slate-800">
          Comment{" "}
          <span className={cn("font-normal", needsComment ? "text-amber-800" : "text-slate-500")}>
            {needsComment ? "(required: the recommendation is to revoke — say why it stays)" : "(optional)"}
          </span>
        </label>
        <Textarea
          ref={ref}
          id={`${id}-c`}
          rows={2}
          value={comment}
          onChange={(e) => setComment(e.target.value)}
          onKeyDown={(e) => { if (e.key === "Enter" && (e.metaKey || e.ctrlKey)) { e.preventDefault(); submit(); } if (e.key === "Escape") { e.preventDefault(); onCancel(); } }}
          aria-invalid={localError ? true : undefined}
          aria-describedby={localError ? `${id}-err` : `${id}-what`}
          placeholder={decision === "KEEP" ? "e.g. Still on the support rota; confirmed with the team lead" : "e.g. Left the team in October"}
        />
        {localError && <p id={`${id}-err`} className="text-xs font-medium text-red-700">{localError}</p>}
      </div>
      <FormError error={decide.error} className="mt-2.5" />
      <div className="mt-2.5 flex flex-wrap items-center gap-2">
        <Button variant={decision === "KEEP" ? "primary" : "danger"} busy={decide.isPending} onClick={submit} aria-describedby={`${id}-what`}>
          {decision === "KEEP" ? "Keep access" : "Revoke access"}{items.length > 1 ? ` (${count(items.length)})` : ""}
        </Button>
        <Button variant="ghost" onClick={onCancel} disabled={decide.isPending}>Cancel</Button>
        <span className="text-xs text-slate-500">Ctrl+Enter confirms · Esc cancels</span>
      </div>
    </div>
  );
}

const reasonSchema = reassignItemsInput.shape.reason;

/** Hand undecided items to someone else, with a reason; never to a person whose own access is among them. */
function ReassignPanel({ campaign, items, onCancel, onDone }: {
  campaign: Campaign; items: ReviewItem[]; onCancel: () => void; onDone: (message: string, ids: string[]) => Promise<void>;
}) {
  const trpc = useTRPC();
  const me = useMe();
  const id = useId();
  const [to, setTo] = useState<PickedPerson | null>(null);
  const [reason, setReason] = useState("");
  const [tried, setTried] = useState(false);
  const reasonCheck = reasonSchema.safeParse(reason);
  const reasonError = tried && !reasonCheck.success ? reasonCheck.error.issues[0]?.message ?? "Say why" : null;
  const toError = tried && !to ? "Choose who reviews these items instead" : null;
  const reassign = useMutation(trpc.reviews.reassign.mutationOptions({
    onSuccess: (r) => void onDone(`Reassigned ${plural(r.reassigned, "item")} to ${r.to}.`, items.map((i) => i.id)),
  }));
  const excluded = [...new Set([...items.map((i) => i.personId), ...items.map((i) => i.reviewerPersonId)])];
  // Reviewers without the directory pick among the campaign's own reviewers; admins search everyone.
  const candidates = useMemo(() => {
    const m = new Map<string, string>();
    for (const r of campaign.reviewerProgress) m.set(r.personId, r.name);
    for (const r of campaign.reviewers) m.set(r.id, r.name);
    m.set(campaign.fallbackReviewer.id, campaign.fallbackReviewer.name);
    return [...m].filter(([pid]) => !excluded.includes(pid) && pid !== me.membership.personId).sort((a, b) => a[1].localeCompare(b[1]));
  }, [campaign, excluded, me.membership.personId]);
  if (!items.length) return null;
  const submit = () => {
    setTried(true);
    if (!to || !reasonCheck.success) return;
    reassign.mutate({ campaignId: campaign.id, itemIds: items.map((i) => i.id), toPersonId: to.id, reason: reasonCheck.data });
  };
  const title = `Reassign ${items.length === 1 ? `${items[0]!.personName} · ${items[0]!.accessLabel}` : plural(items.length, "item")}`;
  return (
    <div role="group" aria-label={title} className="grid max-w-3xl gap-3 md:grid-cols-2">
      <p className="text-sm text-slate-800 md:col-span-2">
        {title}: the new reviewer is told at once and decides instead of {items.length === 1 && items[0]!.reviewerName ? items[0]!.reviewerName : "the current reviewer"}. The reason is kept with the item.
      </p>
      <div className="space-y-1">
        <label htmlFor={`${id}-to`} className="block text-sm font-medium text-slate-800">Reassign to</label>
        {to ? (
          <div className="flex items-center gap-2 rounded-md bg-white px-2 py-1 text-sm ring-1 ring-slate-200">
            <Avatar name={to.displayName} className="size-5 text-[9px]" />
            <span className="flex-1 text-slate-900">{to.displayName}</span>
            <button type="button" aria-label={`Remove ${to.displayName}`} onClick={() => setTo(null)} className="rounded p-0.5 text-slate-400 hover:bg-slate-100 hover:text-slate-800"><X aria-hidden className="size-3.5" /></button>
          </div>
        ) : readsDirectory(me) ? (
          <PersonPicker id={`${id}-to`} label="Reassign to" excludeIds={excluded} invalid={!!toError} describedBy={toError ? `${id}-to-err` : undefined}
            onPick={setTo} placeholder="Search people by name…" />
        ) : (
          <Select id={`${id}-to`} value="" aria-invalid={toError ? true : undefined} onChange={(e) => {
            const c = candidates.find(([pid]) => pid === e.target.value);
            if (c) setTo({ id: c[0], displayName: c[1], email: "" });
          }}>
            <option value="">Choose a reviewer of this campaign…</option>
            {candidates.map(([pid, name]) => <option key={pid} value={pid}>{name}</option>)}
          </Select>
        )}
        {toError && <p id={`${id}-to-err`} className="text-xs font-medium text-red-700">{toError}</p>}
      </div>
      <div className="space-y-1">
        <label htmlFor={`${id}-r`} className="block text-sm font-medium text-slate-800">Reason</label>
        <Textarea id={`${id}-r`} rows={2} value={reason} onChange={(e) => setReason(e.target.value)} aria-invalid={reasonError ? true : undefined}
          aria-describedby={reasonError ? `${id}-r-err` : undefined} placeholder="e.g. Moved to Omar's team in November" />
        {reasonError && <p id={`${id}-r-err`} className="text-xs font-medium text-red-700">{reasonError}</p>}
      </div>
      <FormError error={reassign.error} className="md:col-span-2" />
      <div className="flex items-center gap-2 md:col-span-2">
        <Button variant="primary" busy={reassign.isPending} onClick={submit}>Reassign{items.length > 1 ? ` ${count(items.length)} items` : ""}</Button>
        <Button variant="ghost" onClick={onCancel} disabled={reassign.isPending}>Cancel</Button>
      </div>
    </div>
  );
}
