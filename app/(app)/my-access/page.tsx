import type { Metadata } from "next";
import { MyAccessPage } from "@/components/requests/my-access";

export const metadata: Metadata = { title: "My access" };

export default function Page() {
  return <MyAccessPage />;
}
