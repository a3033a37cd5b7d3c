import { cn } from "./cn";

const palette = [
  "bg-indigo-100 text-indigo-800", "bg-sky-100 text-sky-800", "bg-emerald-100 text-emerald-800", "bg-amber-100 text-amber-900",
  "bg-rose-100 text-rose-800", "bg-violet-100 text-violet-800", "bg-teal-100 text-teal-800", "bg-slate-200 text-slate-800",
];

function hash(s: string) {
  let h = 0;
  for (let i = 0; i < s.length; i++) h = (h * 31 + s.charCodeAt(i)) >>> 0;
  return h;
}

export function initialsOf(name: string) {
  const parts = name.trim().split(/\s+/);
  return ((parts[0]?.[0] ?? "") + (parts.length > 1 ? parts[parts.length - 1]![0] : parts[0]?.[1] ?? "")).toUpperCase();
}

/** Initials in a stable colour; decorative (the name is always next to it). */
export function Avatar({ name, className, square, initials }: { name: string; className?: string; square?: boolean; initials?: string }) {
  return (
    <span
      aria-hidden
      className={cn(
        "inline-flex size-7 shrink-0 items-center justify-center text-[11px] font-semibold",
        square ? "rounded-md" : "rounded-full",
        palette[hash(name) % palette.length],
        className,
      )}
    >
      {initials ?? initialsOf(name)}
    </span>
  );
}

/** An app's logo when it has one, else its initials. */
export function AppIcon({ name, initials, logoUrl, className }: { name: string; initials: string; logoUrl?: string | null; className?: string }) {
  if (logoUrl) {
    // eslint-disable-next-line @next/next/no-img-element
    return <img src={logoUrl} alt="" className={cn("size-9 shrink-0 rounded-md border border-slate-200 bg-white object-contain p-1", className)} />;
  }
  return <Avatar name={name} initials={initials} square className={cn("size-9 text-xs", className)} />;
}
