import { Page } from "@/components/ui/page";
import { NotFoundState } from "@/components/ui/states";

export default function SignedInNotFound() {
  return (
    <Page>
      <NotFoundState message="There is nothing at this address" className="mt-10" />
    </Page>
  );
}
