"use client";

// Replaces the root layout when it fails, so it brings its own document and plain styles.
export default function GlobalError({ retry }: { error: unknown; retry: () => void }) {
  return (
    <html lang="en">
      <body style={{ fontFamily: "system-ui, sans-serif", color: "#0f172a", background: "#f8fafc", margin: 0 }}>
        <title>Gatehouse — something went wrong</title>
        <main style={{ maxWidth: 440, margin: "15vh auto", padding: 24, textAlign: "center" }}>
          <h1 style={{ fontSize: 16, fontWeight: 600 }}>Gatehouse could not load</h1>
          <p style={{ fontSize: 14, color: "#475569" }}>Nothing was changed. Try again in a moment; if it keeps happening, tell your Gatehouse admin.</p>
          <button onClick={() => retry()} style={{ marginTop: 12, padding: "6px 12px", borderRadius: 6, border: "1px solid #cbd5e1", background: "white", cursor: "pointer" }}>
            Try again
          </button>
        </main>
      </body>
    </html>
  );
}
