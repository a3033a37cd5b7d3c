"use client";

import { useId } from "react";
import { Recycle } from "lucide-react";
import { Badge, Tag } from "../ui/badge";
import { Card, Section } from "../ui/page";
import { day, graceLeft, lastUseText } from "./format";
import { useClientNow } from "../ui/relative-time";
import { KeepButton } from "./keep-dialog";
import type { ReclaimNotice } from "./types";

/**
 * Inbox → Unused access: the holder's pending Auto Reclaim notices, each with "Keep it" (a reason is required).
 * The confirmation is the inbox's own (onKept), since keeping the last notice can leave the inbox empty.
 */
export function ReclaimInboxSection({ notices, onKept }: { notices: ReclaimNotice[]; onKept: (message: string) => void }) {
  if (!notices.length) return null;
  return (
    <Section
      id="inbox-reclaim"
      title={<>Unused access <span className="font-normal text-slate-500">· {notices.length} to keep or let go</span></>}
      description="You have not used these for a while. Keep what you still need, with a reason; the rest is removed when the grace period ends."
    >
      <Card>
        <ul aria-label="Unused access waiting for you" className="divide-y divide-slate-100">
          {notices.map((n) => <NoticeItem key={n.id} n={n} onKept={onKept} />)}
        </ul>
      </Card>
    </Section>
  );
}

function NoticeItem({ n, onKept }: { n: ReclaimNotice; onKept: (m: string) => void }) {
  const id = useId();
  const access = `${n.appName} · ${n.roleName}`;
  const grace = graceLeft(n.graceEndsAt, useClientNow());
  return (
    <li className="px-5 py-3.5">
      <article aria-labelledby={`${id}-t`} className="flex flex-wrap items-start gap-x-6 gap-y-2">
        <Recycle aria-hidden className="mt-0.5 size-4 shrink-0 text-amber-600" />
        <div className="min-w-0 flex-1">
          <h3 id={`${id}-t`} className="text-sm font-semibold text-slate-900">Do you still need {access}?</h3>
          <p className="mt-1 flex flex-wrap items-center gap-x-2 gap-y-1 text-xs text-slate-500">
            <Tag>{access}</Tag>
            <span>Last use: {lastUseText(n)}</span>
            <Badge tone={grace.urgent ? "red" : "amber"}>{grace.text}</Badge>
            <span>removed after {day(n.graceEndsAt)} unless kept</span>
          </p>
        </div>
        <KeepButton caseId={n.id} access={access} onKept={onKept} />
      </article>
    </li>
  );
}
