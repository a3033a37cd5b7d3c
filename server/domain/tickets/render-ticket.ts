import { adf } from "../../connectors/jira/adf.ts";
import type { AdfDoc } from "../../connectors/types.ts";

/** The marker that makes a delivered comment recognisable, so a retry never posts it twice. */
export const eventMarker = (eventId: string) => `gatehouse-event:${eventId}`;

export function renderDescription(p: { text: string; facts: [string, string][]; link?: string }): AdfDoc {
  return adf.doc(
    adf.paragraph(adf.strong("Business reason: "), p.text),
    adf.keyValue(p.facts),
    p.link ? adf.paragraph("Full trail in Gatehouse: ", adf.link(p.link, p.link)) : null,
  );
}

export function renderComment(p: { text: string; facts: [string, string][] }, eventId: string): AdfDoc {
  return adf.doc(
    adf.paragraph(p.text),
    p.facts.length ? adf.keyValueList(p.facts) : null,
    adf.paragraph(adf.em(eventMarker(eventId))),
  );
}
