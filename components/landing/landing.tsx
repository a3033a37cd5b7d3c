"use client";

import { useState } from "react";
import { signIn } from "next-auth/react";
import { ArrowRight, ShieldCheck } from "lucide-react";
import { Avatar } from "../ui/avatar";
import { Button } from "../ui/button";
import { Field, Input } from "../ui/field";
import { FormError } from "../ui/states";
import { DemoBanner } from "../shell/app-shell";

export interface PersonaOption { key: string; email: string; name: string; line: string }

const roleTag: Record<string, string> = { employee: "Employee", manager: "Manager", appOwner: "App owner", admin: "Admin", auditor: "Auditor" };

export function Landing({ demo, personas, callbackUrl, error }: { demo: boolean; personas: PersonaOption[]; callbackUrl: string; error: string | null }) {
  return (
    <div className="flex min-h-screen flex-col">
      {demo && <DemoBanner links={false} />}
      <main className="flex flex-1 items-start justify-center px-6 pt-[12vh] pb-16">
        <div className="w-full max-w-lg">
          <div className="flex items-center gap-2.5">
            <span aria-hidden className="flex size-8 items-center justify-center rounded-lg bg-indigo-600 text-white">
              <ShieldCheck className="size-4.5" />
            </span>
            <h1 className="text-lg font-semibold tracking-tight text-slate-900">Gatehouse</h1>
          </div>
          <p className="mt-3 text-sm text-slate-600">
            Access requests, approvals and reviews for the apps behind your directory (Okta, Entra ID, Google Workspace or SCIM), with every change recorded in Jira.
          </p>
          <FormError error={error} className="mt-5" />
          {demo ? <PersonaList personas={personas} callbackUrl={callbackUrl} /> : <SsoSignIn callbackUrl={callbackUrl} />}
        </div>
      </main>
    </div>
  );
}

function PersonaList({ personas, callbackUrl }: { personas: PersonaOption[]; callbackUrl: string }) {
  const [busy, setBusy] = useState<string | null>(null);
  return (
    <section aria-labelledby="personas" className="mt-8">
      <h2 id="personas" className="text-sm font-semibold text-slate-900">Sign in to the demo as</h2>
      <p className="mt-0.5 text-xs text-slate-500">Each persona sees what their role allows. You can sign out and switch at any time.</p>
      <ul className="mt-3 divide-y divide-slate-100 overflow-hidden rounded-lg border border-slate-200 bg-white">
        {personas.map((p) => (
          <li key={p.key}>
            <button
              type="button"
              disabled={busy !== null}
              aria-busy={busy === p.key || undefined}
              onClick={() => {
                setBusy(p.key);
                void signIn("demo", { email: p.email, callbackUrl });
              }}
              className="group flex w-full items-center gap-3 px-3.5 py-2.5 text-left hover:bg-slate-50 focus-visible:bg-slate-50 disabled:cursor-wait"
            >
              <Avatar name={p.name} />
              <span className="min-w-0 flex-1">
                <span className="block text-sm text-slate-900">{p.line}</span>
                <span className="block truncate text-xs text-slate-500">{p.email}</span>
              </span>
              <span className="shrink-0 text-xs text-slate-500">{roleTag[p.key] ?? ""}</span>
              <span className="sr-only">— sign in</span>
              <ArrowRight aria-hidden className="size-4 shrink-0 text-slate-300 group-hover:text-indigo-600" />
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}

function SsoSignIn({ callbackUrl }: { callbackUrl: string }) {
  const [slug, setSlug] = useState("");
  const [touched, setTouched] = useState(false);
  const [busy, setBusy] = useState(false);
  const clean = slug.trim().toLowerCase();
  const error = !clean ? "Enter your workspace name" : !/^[a-z0-9][a-z0-9-]{0,62}$/.test(clean) ? "Workspace names use lowercase letters, digits and dashes" : null;
  return (
    <form
      className="mt-8 space-y-4 rounded-lg border border-slate-200 bg-white p-5"
      onSubmit={(e) => {
        e.preventDefault();
        setTouched(true);
        if (error) return;
        setBusy(true);
        void signIn(`oidc-${clean}`, { callbackUrl });
      }}
    >
      <h2 className="text-sm font-semibold text-slate-900">Sign in with your company SSO</h2>
      <Field label="Workspace" hint="The short name your IT team gave you, for example acme." error={touched ? error : null}>
        {(p) => <Input {...p} value={slug} onChange={(e) => setSlug(e.target.value)} onBlur={() => setTouched(true)} autoComplete="organization" placeholder="acme" />}
      </Field>
      <Button type="submit" variant="primary" busy={busy} className="w-full">
        Continue to SSO
      </Button>
    </form>
  );
}
