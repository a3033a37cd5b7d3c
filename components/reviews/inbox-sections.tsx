"use client";

import Link from "next/link";
import { useId, useState } from "react";
import { useRouter } from "next/navigation";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { ArrowRight, Check, ClipboardCheck, Wrench } from "lucide-react";
import { completeAccessTaskInput } from "@/server/domain/tasks/schemas";
import { useTRPC } from "../trpc";
import { Button, ButtonLink } from "../ui/button";
import { Textarea } from "../ui/field";
import { Card, Section } from "../ui/page";
import { FormError } from "../ui/states";
import { clientNow, RelativeTime } from "../ui/relative-time";
import { Tag } from "../ui/badge";
import { cn } from "../ui/cn";
import { count, Due, plural } from "./format";
import type { AccessTask, CampaignRow } from "./types";

/** Inbox → Access reviews: each active campaign with items waiting for me, how many, and by when. */
export function ReviewsInboxSection({ campaigns }: { campaigns: CampaignRow[] }) {
  const waiting = campaigns.filter((c) => c.status === "ACTIVE" && c.myPending > 0);
  const total = waiting.reduce((n, c) => n + c.myPending, 0);
  return (
    <Section id="inbox-reviews" title={<>Access reviews{total ? <span className="font-normal text-slate-500"> · {plural(total, "item")} to review</span> : null}</>}>
      {waiting.length === 0 ? (
        <p className="rounded-lg border border-dashed border-slate-300 bg-white px-4 py-3 text-sm text-slate-600">
          No access review waits for you. When a campaign asks you to keep or revoke access, it appears here.
        </p>
      ) : (
        <Card>
          <ul aria-label="Access reviews waiting for you" className="divide-y divide-slate-100">
            {waiting.map((c) => (
              <li key={c.id} className="flex flex-wrap items-center gap-x-6 gap-y-2 px-5 py-3">
                <ClipboardCheck aria-hidden className="size-4 shrink-0 text-indigo-600" />
                <div className="min-w-0 flex-1">
                  <Link href={`/reviews/${c.id}`} className="text-sm font-semibold text-slate-900 hover:underline">{c.name}</Link>
                  <p className="text-xs text-slate-600">
                    <span className="font-medium text-amber-800">{plural(c.myPending, "item")} waiting for you</span>
                    <span className="text-slate-500"> · campaign decided {count(c.progress.decided)} of {count(c.progress.items)}</span>
                  </p>
                </div>
                <Due dueAt={c.dueAt} status={c.status} className="text-sm" />
                <ButtonLink href={`/reviews/${c.id}`} size="sm" variant="primary" aria-label={`Review ${c.name}`}>
                  Review <ArrowRight aria-hidden className="size-3.5" />
                </ButtonLink>
              </li>
            ))}
          </ul>
        </Card>
      )}
    </Section>
  );
}

/** Inbox → Tasks: changes to make by hand (non-SSO apps), each marked done with a note that becomes the proof. */
export function TasksInboxSection({ tasks, onDone }: { tasks: AccessTask[]; onDone: (message: string) => void }) {
  return (
    <Section id="inbox-tasks" title={<>Tasks{tasks.length ? <span className="font-normal text-slate-500"> · {count(tasks.length)} open</span> : null}</>} description={tasks.length ? "Apps without SSO groups: make the change in the app, then mark the task done with what you did." : undefined}>
      {tasks.length === 0 ? (
        <p className="rounded-lg border border-dashed border-slate-300 bg-white px-4 py-3 text-sm text-slate-600">
          No tasks for you. When access to an app without SSO groups must change by hand, the task appears here.
        </p>
      ) : (
        <Card>
          <ul aria-label="Your tasks" className="divide-y divide-slate-100">
            {tasks.map((t) => <TaskRow key={t.id} task={t} onDone={onDone} />)}
          </ul>
        </Card>
      )}
    </Section>
  );
}

/** Inbox → for admins: manual work assigned to others, most overdue first; an admin may do it and mark it done. */
export function OthersTasksSection({ tasks, onDone }: { tasks: AccessTask[]; onDone: (message: string) => void }) {
  const overdue = tasks.filter((t) => t.dueAt && new Date(t.dueAt).getTime() < clientNow()).length;
  return (
    <Section id="inbox-open-tasks" title={<>Open tasks of app owners<span className="font-normal text-slate-500"> · {count(tasks.length)} open{overdue ? `, ${count(overdue)} overdue` : ""}</span></>}
      description="As an admin you see every manual task in the workspace: chase the owner, or do it yourself and mark it done with a note.">
      <Card>
        <ul aria-label="Open tasks of app owners" className="divide-y divide-slate-100">
          {tasks.map((t) => <TaskRow key={t.id} task={t} onDone={onDone} showAssignees />)}
        </ul>
      </Card>
    </Section>
  );
}

const noteSchema = completeAccessTaskInput.shape.note;

function TaskRow({ task: t, onDone, showAssignees = false }: { task: AccessTask; onDone: (m: string) => void; showAssignees?: boolean }) {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const router = useRouter();
  const id = useId();
  const [open, setOpen] = useState(false);
  const [note, setNote] = useState("");
  const [tried, setTried] = useState(false);
  const check = noteSchema.safeParse(note);
  const error = tried && !check.success ? check.error.issues[0]?.message ?? "Say what you did" : null;
  const complete = useMutation(trpc.reviews.completeTask.mutationOptions({
    onSuccess: async () => {
      onDone(`Done: ${t.title}. Your note is kept as the proof.`);
      await qc.invalidateQueries({ queryKey: trpc.reviews.pathKey() });
      router.refresh();
    },
  }));
  const overdue = t.dueAt && new Date(t.dueAt).getTime() < clientNow();
  return (
    <li className="px-5 py-3.5">
      <article aria-labelledby={`${id}-t`} className="flex flex-wrap items-start gap-x-6 gap-y-2">
        <Wrench aria-hidden className="mt-0.5 size-4 shrink-0 text-sky-600" />
        <div className="min-w-0 flex-1">
          <h3 id={`${id}-t`} className="text-sm font-semibold text-slate-900">{t.title}</h3>
          <p className="mt-0.5 text-sm text-slate-600">{t.detail}</p>
          <p className="mt-1 flex flex-wrap items-center gap-x-2 gap-y-1 text-xs text-slate-500">
            <Tag className={t.kind === "remove" ? "border-amber-200 bg-amber-50 text-amber-900" : "border-sky-200 bg-sky-50 text-sky-900"}>{t.kind === "remove" ? "Remove access" : "Set up access"}</Tag>
            <Tag>{t.app}</Tag>
            {t.person && <span>{t.person.displayName} · {t.person.email}</span>}
            <span>· opened <RelativeTime date={t.createdAt} /></span>
            {showAssignees && <span>· assigned to {t.assignees.join(", ")}</span>}
            {t.escalatedAt && <span className="font-medium text-red-700">· escalated to the admins</span>}
            {t.requestId && <Link href={`/requests/${t.requestId}`} className="text-indigo-700 hover:underline">· the request</Link>}
          </p>
        </div>
        <div className="text-right text-sm">
          {t.dueAt ? (
            <span className={cn("whitespace-nowrap", overdue ? "font-medium text-red-700" : "text-slate-700")}>
              {overdue ? "Overdue · " : "Due "}<RelativeTime date={t.dueAt} />
            </span>
          ) : <span className="text-slate-500">No due date</span>}
        </div>
        {!open && <Button size="sm" variant="primary" icon={<Check aria-hidden className="size-3.5" />} onClick={() => setOpen(true)} aria-label={`Mark done: ${t.title}`}>Mark done</Button>}
      </article>
      {open && (
        <div className="mt-3 ml-10 max-w-2xl rounded-md border border-slate-200 bg-slate-50 p-3">
          <label htmlFor={`${id}-n`} className="block text-sm font-medium text-slate-800">What did you do? <span className="font-normal text-slate-500">(required — kept as the proof)</span></label>
          <Textarea id={`${id}-n`} autoFocus rows={2} className="mt-1" value={note} onChange={(e) => setNote(e.target.value)}
            aria-invalid={error ? true : undefined} aria-describedby={error ? `${id}-e` : undefined}
            placeholder="e.g. Deactivated the user in the Legacy CRM admin console" />
          {error && <p id={`${id}-e`} className="mt-1 text-xs font-medium text-red-700">{error}</p>}
          <FormError error={complete.error} className="mt-2" />
          <div className="mt-2 flex items-center gap-2">
            <Button size="sm" variant="primary" busy={complete.isPending} onClick={() => {
              setTried(true);
              if (check.success) complete.mutate({ taskId: t.id, note: check.data });
            }}>Mark done</Button>
            <Button size="sm" variant="ghost" onClick={() => setOpen(false)} disabled={complete.isPending}>Cancel</Button>
          </div>
        </div>
      )}
    </li>
  );
}
