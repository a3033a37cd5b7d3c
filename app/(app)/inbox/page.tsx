import type { Metadata } from "next";
import { InboxPage } from "@/components/requests/inbox";

export const metadata: Metadata = { title: "Inbox" };

export default function Page() {
  return <InboxPage />;
}
