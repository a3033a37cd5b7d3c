import { Hand } from "lucide-react";
import type { RequestDetail } from "../types";
import { clientNow, RelativeTime } from "../ui/relative-time";
import { StatusBadge } from "../ui/status";
import { TrailEvent } from "./trail-event";
import { exact, names } from "./format";

type Task = NonNullable<RequestDetail["grant"]>["manualTasks"][number];

/** A manual app's step on the trail: who must set up (or remove) the access by hand, by when, and their note once done. */
export function ManualTaskEvent({ task, app }: { task: Task; app: string }) {
  const open = task.status === "OPEN";
  const overdue = open && task.dueAt && new Date(task.dueAt).getTime() < clientNow();
  const verb = task.kind === "grant" ? "Set up" : "Removed";
  const title = open ? `${task.kind === "grant" ? "Setting up" : "Removing"} by hand in ${app}` : task.status === "DONE" ? `${verb} by hand in ${app}` : `${task.kind === "grant" ? "Set-up" : "Removal"} task cancelled`;
  return (
    <TrailEvent tone={open ? (overdue ? "bad" : "now") : task.status === "DONE" ? "done" : "later"} icon={<Hand className="size-3.5" />} title={title}
      badge={<StatusBadge status={open ? (overdue ? "overdue" : "waiting") : task.status === "DONE" ? "done" : "cancelled"} />}
      at={task.completedAt ?? task.createdAt} meta={task.completedByName ? `by ${task.completedByName}` : undefined}>
      {open ? (
        <p className="text-sm text-slate-600">
          {app} has no identity-provider groups, so {names(task.assignees)} {task.assignees.length > 1 ? "do" : "does"} this by hand and confirm{task.assignees.length > 1 ? "" : "s"} it in Gatehouse
          {task.dueAt && <> — due <span title={exact(task.dueAt)}><RelativeTime date={task.dueAt} /></span></>}.
          {task.escalatedAt && <span className="font-medium text-red-800"> Overdue: escalated to the admins.</span>}
          {task.kind === "grant" && " The access becomes active when they confirm."}
        </p>
      ) : task.status === "DONE" ? (
        <blockquote className="mt-1 border-l-2 border-emerald-200 pl-3 text-sm text-slate-700">“{task.note}”</blockquote>
      ) : (
        <p className="text-sm text-slate-600">{task.note}</p>
      )}
    </TrailEvent>
  );
}
