import { Suspense } from "react";
import type { Metadata } from "next";
import { PeopleTable } from "@/components/people/people-table";
import { readsDirectory } from "@/components/shell/access";
import { NotAllowedPage } from "@/components/ui/states";
import { getMe } from "../_lib/session";

export const metadata: Metadata = { title: "People" };

export default async function PeoplePage() {
  const me = await getMe();
  if (!me) return null;
  if (!readsDirectory(me)) {
    return <NotAllowedPage area="People" reason="The whole directory is visible to admins, auditors and security." />;
  }
  return (
    <Suspense>
      <PeopleTable />
    </Suspense>
  );
}
