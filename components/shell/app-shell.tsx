"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { useEffect, type ReactNode } from "react";
import { signOut } from "next-auth/react";
import { useQuery } from "@tanstack/react-query";
import { Boxes, ClipboardCheck, GitCompareArrows, Layers, FileKey, FileSearch, FileText, FlaskConical, Inbox, KeyRound, LayoutGrid, LogOut, Plug, Recycle, ScrollText, ShieldCheck, UserRoundCog, Users, type LucideIcon } from "lucide-react";
import { setCurrentTenant, useTRPC } from "../trpc";
import type { Me } from "../types";
import { Avatar } from "../ui/avatar";
import { cn } from "../ui/cn";
import { isAdmin, readsAuditLog, readsDirectory, readsEvidence, roleLabel, seesReviews } from "./access";
import { MeProvider } from "./me-context";
import { WorkspaceSwitcher } from "./workspace-switcher";
import { NotificationBell } from "./notification-bell";
import { DemoClock } from "./demo-clock";

interface NavItem { href: string; label: string; icon: LucideIcon; badge?: "inbox" | "reviews" }
interface NavGroup { label?: string; items: NavItem[] }

/** Only what this person's roles can use, and only what exists today. */
function navFor(me: Me): NavGroup[] {
  const main: NavItem[] = [
    { href: "/catalog", label: "Catalog", icon: LayoutGrid },
    { href: "/my-access", label: "My access", icon: KeyRound },
    { href: "/requests", label: "Requests", icon: FileText },
    { href: "/inbox", label: "Inbox", icon: Inbox, badge: "inbox" },
  ];
  if (readsDirectory(me)) main.push({ href: "/people", label: "People", icon: Users });
  if (isAdmin(me)) main.push({ href: "/admin/apps", label: "Apps & roles", icon: Boxes });
  // Birthright bundles: admins define them, auditors read them.
  if (readsAuditLog(me)) main.push({ href: "/bundles", label: "Bundles", icon: Layers });
  if (seesReviews(me)) main.push({ href: "/reviews", label: "Reviews", icon: ClipboardCheck, badge: "reviews" });
  if (readsAuditLog(me)) main.push({ href: "/drift", label: "Drift", icon: GitCompareArrows });
  if (readsAuditLog(me)) main.push({ href: "/reclaim", label: "Reclaim", icon: Recycle });
  if (readsAuditLog(me)) main.push({ href: "/lifecycle", label: "Lifecycle", icon: UserRoundCog });
  if (readsEvidence(me)) main.push({ href: "/evidence", label: "Evidence", icon: FileSearch });
  if (readsAuditLog(me)) main.push({ href: "/audit", label: "Audit log", icon: ScrollText });
  const groups: NavGroup[] = [{ items: main }];
  if (isAdmin(me)) {
    groups.push({
      label: "Settings",
      items: [
        { href: "/settings/connections", label: "Connections", icon: Plug },
        { href: "/settings/api-tokens", label: "API tokens", icon: FileKey },
        { href: "/settings/lifecycle", label: "Movers & leavers", icon: UserRoundCog },
      ],
    });
  }
  if (me.demo) {
    groups.push({
      label: "Demo sandboxes",
      items: [
        { href: "/demo/okta", label: "Sandbox Okta", icon: FlaskConical },
        { href: "/demo/jira", label: "Sandbox Jira", icon: FlaskConical },
        { href: "/demo/slack", label: "Sandbox Slack", icon: FlaskConical },
        { href: "/demo/vanta", label: "Sandbox Vanta", icon: FlaskConical },
        { href: "/demo/entra", label: "Sandbox Entra ID", icon: FlaskConical },
      ],
    });
  }
  return groups;
}

export function AppShell({ me, staleTenant, children }: { me: Me; staleTenant: boolean; children: ReactNode }) {
  // Set during render so the very first tRPC call of any child already names this workspace.
  setCurrentTenant(me.membership.tenantSlug);
  const pathname = usePathname();
  useEffect(() => {
    if (staleTenant) document.cookie = "gh_tenant=; path=/; max-age=0; samesite=lax";
  }, [staleTenant]);

  return (
    <MeProvider value={me}>
      <a href="#main" className="sr-only focus:not-sr-only focus:fixed focus:left-3 focus:top-3 focus:z-50 focus:rounded-md focus:bg-white focus:px-3 focus:py-2 focus:shadow">
        Skip to content
      </a>
      <div className="flex min-h-screen">
        {/* Above the page's own sticky headers, so the notifications panel opening from the rail is never covered. */}
        <aside className="relative z-30 w-56 shrink-0 border-r border-slate-200 bg-white">
          <div className="sticky top-0 flex h-screen flex-col">
          <div className="flex h-12 items-center gap-2 px-4">
            <span aria-hidden className="flex size-6 items-center justify-center rounded-md bg-indigo-600 text-white">
              <ShieldCheck className="size-3.5" />
            </span>
            <span className="text-sm font-semibold tracking-tight text-slate-900">Gatehouse</span>
            <span className="ml-auto"><NotificationBell /></span>
          </div>
          <div className="px-3 pb-3">
            <WorkspaceSwitcher current={me.membership.tenantSlug} currentName={me.membership.tenantName} workspaces={me.workspaces} demo={me.demo} />
          </div>
          <nav aria-label="Main" className="flex-1 overflow-y-auto px-3">
            {navFor(me).map((g, i) => (
              <div key={g.label ?? i} className={cn(i > 0 && "mt-5")}>
                {g.label && <div className="mb-1 px-2 text-[11px] font-medium uppercase tracking-wide text-slate-400">{g.label}</div>}
                <ul className="space-y-0.5">
                  {g.items.map((it) => {
                    const active = pathname === it.href || pathname.startsWith(`${it.href}/`);
                    const Icon = it.icon;
                    return (
                      <li key={it.href}>
                        <Link
                          href={it.href}
                          aria-current={active ? "page" : undefined}
                          className={cn(
                            "flex items-center gap-2.5 rounded-md px-2 py-1.5 text-sm",
                            active ? "bg-slate-100 font-medium text-slate-900" : "text-slate-600 hover:bg-slate-50 hover:text-slate-900",
                          )}
                        >
                          <Icon aria-hidden className={cn("size-4", active ? "text-indigo-600" : "text-slate-400")} />
                          {it.label}
                          {it.badge === "inbox" && <InboxBadge />}
                          {it.badge === "reviews" && <CountBadge n={me.pendingReviews} what="review items waiting for your decision" />}
                        </Link>
                      </li>
                    );
                  })}
                </ul>
              </div>
            ))}
          </nav>
          <div className="border-t border-slate-200 p-3">
            <div className="flex items-center gap-2.5">
              <Avatar name={me.user.name} />
              <div className="min-w-0 flex-1">
                <div className="truncate text-sm font-medium text-slate-900" title={me.user.email}>{me.user.name}</div>
                <div className="truncate text-xs text-slate-500">{roleLabel(me)}</div>
              </div>
              <button
                type="button"
                onClick={() => void signOut({ callbackUrl: "/" })}
                className="rounded-md p-1.5 text-slate-500 hover:bg-slate-100 hover:text-slate-900"
                aria-label="Sign out"
                title="Sign out"
              >
                <LogOut aria-hidden className="size-4" />
              </button>
            </div>
          </div>
          </div>
        </aside>
        <div className="flex min-w-0 flex-1 flex-col">
          {me.demo && <DemoBanner />}
          <main id="main" tabIndex={-1} className="flex-1 outline-none">
            {children}
          </main>
        </div>
      </div>
    </MeProvider>
  );
}

/** How many requests and tasks wait for me; refreshed in the background. */
function InboxBadge() {
  const trpc = useTRPC();
  const q = useQuery({ ...trpc.requests.inbox.queryOptions(), refetchInterval: 30_000, staleTime: 10_000 });
  const tasks = useQuery({ ...trpc.reviews.myTasks.queryOptions(), refetchInterval: 30_000, staleTime: 10_000 });
  return <CountBadge n={(q.data?.length ?? 0) + (tasks.data?.length ?? 0)} what="waiting" />;
}

function CountBadge({ n, what }: { n: number; what: string }) {
  if (!n) return null;
  return (
    <span className="ml-auto rounded-full bg-indigo-600 px-1.5 py-px text-[11px] font-semibold tabular-nums text-white">
      {n}
      <span className="sr-only"> {what}</span>
    </span>
  );
}

export function DemoBanner({ links = true }: { links?: boolean }) {
  return (
    <div role="note" aria-label="Demo" className="flex flex-wrap items-center justify-between gap-x-6 gap-y-1 border-b border-amber-200 bg-amber-50 px-6 py-1.5 text-xs text-amber-900 lg:px-8">
      <div>
      <span className="font-medium">Demo workspace with a sandbox Okta, Jira, Slack and Vanta.</span>{" "}
      {links ? (
        <>
          Nothing here touches a real system. See what Gatehouse changes in the{" "}
          <Link href="/demo/okta" className="font-medium underline underline-offset-2 hover:text-amber-950">sandbox Okta</Link>, the{" "}
          <Link href="/demo/jira" className="font-medium underline underline-offset-2 hover:text-amber-950">sandbox Jira</Link>, the{" "}
          <Link href="/demo/slack" className="font-medium underline underline-offset-2 hover:text-amber-950">sandbox Slack</Link> and the{" "}
          <Link href="/demo/vanta" className="font-medium underline underline-offset-2 hover:text-amber-950">sandbox Vanta</Link>.
        </>
      ) : (
        <>Nothing here touches a real system. Sign in as any persona to look around.</>
      )}
      </div>
      {links && <DemoClock />}
    </div>
  );
}
