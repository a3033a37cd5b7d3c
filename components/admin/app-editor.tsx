"use client";

import { useRouter, useSearchParams } from "next/navigation";
import { useEffect, useState } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { CircleCheckBig, ExternalLink, Pencil, Plus, Trash2 } from "lucide-react";
import { useTRPC } from "../trpc";
import type { CatalogApp, CatalogRole } from "../types";
import { AppIcon } from "../ui/avatar";
import { BackLink } from "../ui/back-link";
import { Button, ButtonLink } from "../ui/button";
import { ConfirmDialog } from "../ui/confirm-dialog";
import { Page, Section } from "../ui/page";
import { Skeleton } from "../ui/skeleton";
import { EmptyState, ErrorState } from "../ui/states";
import { RiskBadge } from "../ui/status";
import { PrivilegedTag, RoleGroups, RoleSummaryLine } from "../catalog/role-facts";
import { AppForm } from "./app-form";
import { RoleForm } from "./role-form";

export function AppEditor({ appId }: { appId: string }) {
  const trpc = useTRPC();
  const q = useQuery(trpc.catalog.app.queryOptions({ appId }));
  return (
    <Page>
      <BackLink href="/admin/apps">Apps & roles</BackLink>
      {q.isPending ? (
        <div role="status" className="space-y-4">
          <span className="sr-only">Loading the app…</span>
          <Skeleton className="h-8 w-64" />
          <Skeleton className="h-48 w-full" />
          <Skeleton className="h-32 w-full" />
        </div>
      ) : q.isError ? (
        <ErrorState error={q.error} title="This app could not load" onRetry={() => void q.refetch()} />
      ) : (
        <Editor app={q.data} />
      )}
    </Page>
  );
}

function Editor({ app }: { app: CatalogApp }) {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const router = useRouter();
  const justCreated = useSearchParams().get("created") === "1";
  const [editingApp, setEditingApp] = useState(false);
  // The directory the roles' groups live in, named as such when there is one (Okta, Entra ID, Google Workspace, SCIM 2.0).
  const directory = app.directories.length === 1 ? app.directories[0]! : "the directory";
  const [savedNote, setSavedNote] = useState<string | null>(justCreated ? `${app.name} was created. Add its first role so people can request it.` : null);
  const [roleForm, setRoleForm] = useState<"new" | string | null>(justCreated && app.roles.length === 0 ? "new" : null);
  const [confirmApp, setConfirmApp] = useState(false);
  const [confirmRole, setConfirmRole] = useState<CatalogRole | null>(null);
  useEffect(() => {
    // The "just created" note is shown once; a reload should not repeat it.
    if (justCreated) router.replace(`/admin/apps/${app.id}`, { scroll: false });
  }, [justCreated, router, app.id]);

  const refresh = () => Promise.all([qc.invalidateQueries({ queryKey: trpc.catalog.app.queryKey({ appId: app.id }) }), qc.invalidateQueries({ queryKey: trpc.catalog.list.queryKey() })]);
  const deleteApp = useMutation(
    trpc.catalog.deleteApp.mutationOptions({
      onSuccess: async () => {
        await qc.invalidateQueries({ queryKey: trpc.catalog.list.queryKey() });
        router.push("/admin/apps");
      },
    }),
  );
  const deleteRole = useMutation(
    trpc.catalog.deleteRole.mutationOptions({
      onSuccess: async (_, v) => {
        const name = confirmRole?.name;
        setConfirmRole(null);
        setSavedNote(`Role ${name ?? ""} was deleted.`);
        await refresh();
        void v;
      },
    }),
  );

  return (
    <>
      <header className="flex flex-wrap items-start gap-4">
        <AppIcon name={app.name} initials={app.initials} logoUrl={app.logoUrl} className="size-11 text-sm" />
        <div className="min-w-0 flex-1">
          <div className="flex flex-wrap items-center gap-2">
            <h1 className="text-xl font-semibold tracking-tight text-slate-900">{app.name}</h1>
            <RiskBadge risk={app.riskLevel} />
          </div>
          <p className="mt-1 text-sm text-slate-600">
            {app.owners.length ? `Owned by ${app.owners.map((o) => o.displayName).join(", ")}` : "No owner yet"} ·{" "}
            {app.provisioningMode === "MANUAL" ? "Manual provisioning" : `Provisioned through ${app.directories.length === 1 ? `${app.directories[0]} groups` : "directory groups"}`}
          </p>
        </div>
        <div className="flex gap-2">
          <ButtonLink href={`/catalog/${app.id}`} icon={<ExternalLink aria-hidden className="size-3.5" />}>View in catalog</ButtonLink>
          {!editingApp && <Button icon={<Pencil aria-hidden className="size-3.5" />} onClick={() => setEditingApp(true)}>Edit app</Button>}
        </div>
      </header>

      {savedNote && (
        <div role="status" className="mt-4 flex items-center gap-2 rounded-md border border-emerald-200 bg-emerald-50 px-3 py-2 text-sm text-emerald-900">
          <CircleCheckBig aria-hidden className="size-4 text-emerald-600" />
          {savedNote}
        </div>
      )}

      {editingApp && (
        <Section title="App details" id="app-details">
          <AppForm
            app={app}
            onSaved={() => {
              setEditingApp(false);
              setSavedNote("App details saved.");
            }}
            onCancel={() => setEditingApp(false)}
          />
        </Section>
      )}

      <Section
        id="roles"
        title={`Roles · ${app.roles.length}`}
        description="Each role grants its directory groups to people whose request passes every approval step."
        actions={roleForm !== "new" && <Button variant="primary" icon={<Plus aria-hidden className="size-4" />} onClick={() => { setRoleForm("new"); setSavedNote(null); }}>Add role</Button>}
      >
        <div className="space-y-3">
          {roleForm === "new" && (
            <RoleForm
              app={app}
              onDone={() => {
                setRoleForm(null);
                setSavedNote("Role added. It is in the catalog now.");
              }}
              onCancel={() => setRoleForm(null)}
            />
          )}
          {app.roles.length === 0 && roleForm !== "new" ? (
            <EmptyState title="No roles yet" action={<Button variant="primary" onClick={() => setRoleForm("new")}>Add role</Button>}>
              Add a role and map it to a directory group so people can request {app.name}.
            </EmptyState>
          ) : (
            app.roles.map((r) =>
              roleForm === r.id ? (
                <RoleForm
                  key={r.id}
                  app={app}
                  role={r}
                  onDone={() => {
                    setRoleForm(null);
                    setSavedNote(`Role ${r.name} saved.`);
                  }}
                  onCancel={() => setRoleForm(null)}
                />
              ) : (
                <div key={r.id} className="rounded-lg border border-slate-200 bg-white px-4 py-3">
                  <div className="flex flex-wrap items-start gap-3">
                    <div className="min-w-0 flex-1">
                      <div className="flex flex-wrap items-center gap-2">
                        <h3 className="text-sm font-semibold text-slate-900">{r.name}</h3>
                        {r.privileged && <PrivilegedTag />}
                      </div>
                      {r.description && <p className="mt-0.5 text-sm text-slate-600">{r.description}</p>}
                      <div className="mt-2 flex flex-wrap items-center gap-x-4 gap-y-1.5 text-xs">
                        <span className="inline-flex items-center gap-1.5 text-slate-500">Grants <RoleGroups role={r} manual={app.provisioningMode === "MANUAL"} /></span>
                      </div>
                      <div className="mt-1.5"><RoleSummaryLine role={r} /></div>
                    </div>
                    <div className="flex gap-1">
                      <Button size="sm" icon={<Pencil aria-hidden className="size-3.5" />} onClick={() => { setRoleForm(r.id); setSavedNote(null); }} aria-label={`Edit role ${r.name}`}>Edit</Button>
                      <Button size="sm" variant="danger-ghost" icon={<Trash2 aria-hidden className="size-3.5" />} onClick={() => { deleteRole.reset(); setConfirmRole(r); }} aria-label={`Delete role ${r.name}`}>Delete</Button>
                    </div>
                  </div>
                </div>
              ),
            )
          )}
        </div>
      </Section>

      <Section id="danger" title="Delete app" className="mt-10">
        <div className="flex flex-wrap items-center justify-between gap-3 rounded-lg border border-red-200 bg-white px-4 py-3">
          <p className="text-sm text-slate-600">Removes {app.name} and its {app.roles.length} {app.roles.length === 1 ? "role" : "roles"} from the catalog. Directory groups and their members are not changed.</p>
          <Button variant="danger" icon={<Trash2 aria-hidden className="size-3.5" />} onClick={() => { deleteApp.reset(); setConfirmApp(true); }}>Delete app</Button>
        </div>
      </Section>

      <ConfirmDialog
        open={confirmApp}
        title={`Delete ${app.name}?`}
        confirmLabel="Delete app"
        busy={deleteApp.isPending}
        error={deleteApp.error}
        onCancel={() => setConfirmApp(false)}
        onConfirm={() => deleteApp.mutate({ appId: app.id })}
      >
        <p>
          {app.name} and its {app.roles.length} {app.roles.length === 1 ? "role" : "roles"} ({app.roles.map((r) => r.name).join(", ") || "none"}) leave the catalog
          now; nobody can request them any more.
        </p>
        <p>Group memberships in {directory} stay as they are. The deletion is recorded in the audit log.</p>
      </ConfirmDialog>
      <ConfirmDialog
        open={!!confirmRole}
        title={`Delete the role ${confirmRole?.name ?? ""}?`}
        confirmLabel="Delete role"
        busy={deleteRole.isPending}
        error={deleteRole.error}
        onCancel={() => setConfirmRole(null)}
        onConfirm={() => confirmRole && deleteRole.mutate({ roleId: confirmRole.id })}
      >
        <p>
          {confirmRole?.name} leaves the {app.name} catalog now. People already in{" "}
          {confirmRole?.groups.map((g) => g.name).join(", ") || "its groups"} keep their membership in {directory}.
        </p>
      </ConfirmDialog>
    </>
  );
}
