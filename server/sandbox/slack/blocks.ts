// The Block Kit checks the sandbox applies before accepting a message or a modal, so a connector that builds
// blocks Slack would refuse fails here too (Slack answers ok:false invalid_blocks / invalid_arguments).

const BLOCK_TYPES = new Set(["section", "actions", "context", "divider", "header", "input", "image", "rich_text"]);
const MAX_BLOCKS_MESSAGE = 50;
const MAX_BLOCKS_MODAL = 100;

export function blocksProblem(blocks: unknown, modal = false): string | undefined {
  if (!Array.isArray(blocks)) return "blocks must be an array";
  if (blocks.length > (modal ? MAX_BLOCKS_MODAL : MAX_BLOCKS_MESSAGE)) return "too many blocks";
  const ids = new Set<string>();
  for (const [i, b] of blocks.entries()) {
    if (!b || typeof b !== "object") return `block ${i} must be an object`;
    const block = b as Record<string, unknown>;
    if (typeof block.type !== "string" || !BLOCK_TYPES.has(block.type)) return `block ${i} has an unknown type`;
    if (typeof block.block_id === "string") {
      if (ids.has(block.block_id)) return `duplicate block_id ${block.block_id}`;
      ids.add(block.block_id);
    }
    if (block.type === "section" && !isText(block.text) && !Array.isArray(block.fields)) return `section ${i} needs text or fields`;
    if (block.type === "header" && !isText(block.text, 150)) return `header ${i} needs plain_text of at most 150 characters`;
    if (block.type === "actions") {
      if (!Array.isArray(block.elements) || block.elements.length === 0 || block.elements.length > 25) return `actions ${i} needs 1–25 elements`;
      for (const el of block.elements as Record<string, unknown>[]) {
        const problem = elementProblem(el);
        if (problem) return `actions ${i}: ${problem}`;
      }
    }
    if (block.type === "input") {
      if (!modal) return "input blocks are only allowed in modals";
      if (!isText(block.label, 2000)) return `input ${i} needs a label`;
      const problem = elementProblem(block.element as Record<string, unknown>);
      if (problem) return `input ${i}: ${problem}`;
    }
  }
  return undefined;
}

function isText(t: unknown, max = 3000): boolean {
  if (!t || typeof t !== "object") return false;
  const o = t as { type?: unknown; text?: unknown };
  return (o.type === "plain_text" || o.type === "mrkdwn") && typeof o.text === "string" && o.text.length > 0 && o.text.length <= max;
}

function elementProblem(el: Record<string, unknown> | undefined): string | undefined {
  if (!el || typeof el !== "object") return "element must be an object";
  switch (el.type) {
    case "button":
      if (!isText(el.text, 75)) return "a button needs plain_text of at most 75 characters";
      if (el.value !== undefined && (typeof el.value !== "string" || el.value.length > 2000)) return "a button value is a string of at most 2000 characters";
      if (el.url === undefined && typeof el.action_id !== "string") return "a button needs an action_id";
      if (el.style !== undefined && el.style !== "primary" && el.style !== "danger") return "style must be primary or danger";
      return undefined;
    case "plain_text_input":
      return typeof el.action_id === "string" ? undefined : "an input needs an action_id";
    case "static_select": {
      if (typeof el.action_id !== "string") return "a select needs an action_id";
      const options = Array.isArray(el.options) ? el.options : Array.isArray(el.option_groups) ? (el.option_groups as { options?: unknown[] }[]).flatMap((g) => g.options ?? []) : null;
      if (!options || options.length === 0) return "a select needs options or option_groups";
      if (Array.isArray(el.options) && el.options.length > 100) return "a select has at most 100 options";
      return undefined;
    }
    default:
      return `unsupported element type ${String(el.type)}`;
  }
}

/** Every option of a static_select (flat or grouped). */
export function selectOptions(el: Record<string, unknown>): { text: { type: string; text: string }; value: string }[] {
  if (Array.isArray(el.options)) return el.options as never;
  if (Array.isArray(el.option_groups)) return (el.option_groups as { options: never[] }[]).flatMap((g) => g.options);
  return [];
}
