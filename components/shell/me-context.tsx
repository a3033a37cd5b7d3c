"use client";

import { createContext, useContext } from "react";
import type { Me } from "../types";

const MeContext = createContext<Me | null>(null);
export const MeProvider = MeContext.Provider;

/** The signed-in person, workspace and roles (from me.get, loaded once by the layout). */
export function useMe(): Me {
  const me = useContext(MeContext);
  if (!me) throw new Error("useMe() outside the signed-in layout");
  return me;
}
