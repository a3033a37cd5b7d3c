import type { DirectoryConnector } from "../../connectors/types.ts";
import type { DirectoryCapabilitiesSeen } from "./connection-config.ts";

/**
 * What a directory connector said it can do, right after validate() (Entra learns there whether the tenant's
 * licence gives sign-in activity). Stored in the connection's config so its card can show it.
 */
export function capabilitiesSeen(connector: DirectoryConnector): DirectoryCapabilitiesSeen {
  // Entra explains a missing lastActivity; other connectors have no such note.
  const note = (connector as { lastActivityUnavailableReason?: string | null }).lastActivityUnavailableReason ?? null;
  return { ...connector.capabilities, lastActivityNote: connector.capabilities.lastActivity ? null : note };
}

/** Connectors holding sockets (Entra's keep-alive transport) are closed once a one-off check is done. */
export function closeConnector(connector: object) {
  (connector as { close?: () => void }).close?.();
}
