"use client";

import { signOut } from "next-auth/react";
import { Button } from "../ui/button";

export function NoWorkspace({ email }: { email: string }) {
  return (
    <main className="flex min-h-screen items-center justify-center px-6">
      <div className="max-w-md rounded-lg border border-slate-200 bg-white px-6 py-8 text-center">
        <h1 className="text-base font-semibold text-slate-900">You are not a member of a workspace yet</h1>
        <p className="mt-1 text-sm text-slate-600">
          You are signed in as <span className="font-medium">{email}</span>, but no Gatehouse workspace lists you. Ask your IT team to add
          you, or sign in with another account.
        </p>
        <Button className="mt-5" onClick={() => void signOut({ callbackUrl: "/" })}>Sign out</Button>
      </div>
    </main>
  );
}
