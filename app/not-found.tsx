import Link from "next/link";
import { FileQuestion } from "lucide-react";

export default function NotFound() {
  return (
    <main className="flex min-h-screen items-center justify-center px-6">
      <div className="max-w-md text-center">
        <div className="mx-auto mb-3 flex size-10 items-center justify-center rounded-full bg-slate-100 text-slate-500">
          <FileQuestion aria-hidden className="size-5" />
        </div>
        <h1 className="text-base font-semibold text-slate-900">There is nothing at this address</h1>
        <p className="mt-1 text-sm text-slate-600">The link may be wrong, or the page was moved.</p>
        <Link href="/" className="mt-5 inline-flex h-8 items-center rounded-md bg-indigo-600 px-3 text-sm font-medium text-white hover:bg-indigo-500">
          Go to Gatehouse
        </Link>
      </div>
    </main>
  );
}
