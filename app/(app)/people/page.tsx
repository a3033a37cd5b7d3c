import { Suspense } from "react";
import type { Metadata } from "next";
import { PeopleTable } from "@/components/people/people-table";
import { readsDirectory } from "@/components/shell/access";
import { NotAllowed } from "@/components/ui/states";
import { Page } from "@/components/ui/page";
import { getMe } from "../_lib/session";

export const metadata: Metadata = { title: "People" };

export default async function PeoplePage() {
  const me = await getMe();
  if (!me) return null;
  if (!readsDirectory(me)) {
    return (
      <Page>
        <NotAllowed area="People" reason="The whole directory is visible to admins, auditors and security." className="mt-10" />
      </Page>
    );
  }
  return (
    <Suspense>
      <PeopleTable />
    </Suspense>
  );
}
