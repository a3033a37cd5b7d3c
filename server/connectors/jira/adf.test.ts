import { describe, expect, it } from "vitest";
import { adfProblem, isAdfDocument } from "../../sandbox/jira/state.ts";
import { adf } from "./adf.ts";

describe("adf builders", () => {
  it("builds a document, flattening nested blocks and dropping empty ones", () => {
    const d = adf.doc(adf.heading(1, "Title"), null, false, [adf.paragraph("a"), [adf.rule()]], undefined);
    expect(d).toEqual({
      type: "doc",
      version: 1,
      content: [
        { type: "heading", attrs: { level: 1 }, content: [{ type: "text", text: "Title" }] },
        { type: "paragraph", content: [{ type: "text", text: "a" }] },
        { type: "rule" },
      ],
    });
  });

  it("never writes empty text nodes and turns newlines into hard breaks", () => {
    expect(adf.paragraph("")).toEqual({ type: "paragraph", content: [] });
    expect(adf.paragraph("one\ntwo", adf.strong("!"))).toEqual({
      type: "paragraph",
      content: [
        { type: "text", text: "one" },
        { type: "hardBreak" },
        { type: "text", text: "two" },
        { type: "text", text: "!", marks: [{ type: "strong" }] },
      ],
    });
  });

  it("links only http(s) and mailto URLs", () => {
    expect(adf.link("Gatehouse", "https://gatehouse.example/r/1")).toEqual({
      type: "text",
      text: "Gatehouse",
      marks: [{ type: "link", attrs: { href: "https://gatehouse.example/r/1" } }],
    });
    expect(adf.link("click", "javascript:alert(1)")).toEqual({ type: "text", text: "click" });
    expect(adf.link("", "mailto:ada@example.com")).toMatchObject({ text: "mailto:ada@example.com" });
  });

  it("wraps list items and table cells in paragraphs", () => {
    const list = adf.bulletList(["plain", [adf.strong("bold"), " tail"], adf.paragraph("para")]);
    expect(list.content?.map((i) => i.content?.[0]?.type)).toEqual(["paragraph", "paragraph", "paragraph"]);
    expect(list.content?.[1]?.content?.[0]?.content).toHaveLength(2);
    const t = adf.table([["Name", "Role"], ["Ada", adf.code("admin")]], { header: true });
    expect(t.content?.[0]?.content?.map((c) => c.type)).toEqual(["tableHeader", "tableHeader"]);
    expect(t.content?.[1]?.content?.map((c) => c.type)).toEqual(["tableCell", "tableCell"]);
  });

  it("writes facts as a key/value table, skipping missing values", () => {
    const kv = adf.keyValue({ Requester: "Ada", Manager: null, Link: adf.link("open", "https://x.example") });
    expect(kv.type).toBe("table");
    expect(kv.content).toHaveLength(2);
    expect(kv.content?.[0]?.content?.map((c) => c.type)).toEqual(["tableHeader", "tableCell"]);
    expect(adf.toText(adf.doc(kv))).toBe("Requester | Ada\nLink | open");
    expect(adf.toText(adf.doc(adf.keyValueList([["Requester", "Ada"]])))).toBe("Requester: Ada");
  });

  it("produces documents Jira's structural checks accept", () => {
    const d = adf.doc(
      adf.heading(2, "Access request"),
      adf.paragraph("Hello ", adf.em("world"), ""),
      adf.keyValue([["Empty", ""]]),
      adf.bulletList([""]),
      adf.orderedList(["one", "two"]),
      adf.codeBlock("", "json"),
      adf.panel("warning", "Careful"),
      adf.blockquote("quoted"),
    );
    expect(isAdfDocument(d)).toBe(true);
    expect(adfProblem(d)).toBeNull();
  });
});
