import { useCallback, useEffect, useState } from "react";

export type ThemeChoice = "system" | "light" | "dark";
const KEY = "closeout-theme";

function stored(): ThemeChoice {
  try {
    const value = localStorage.getItem(KEY);
    return value === "light" || value === "dark" ? value : "system";
  } catch {
    return "system";
  }
}

function systemDark(): boolean {
  return window.matchMedia?.("(prefers-color-scheme: dark)").matches ?? false;
}

/** The colours in effect right now, for code (charts) that cannot read CSS variables lazily. */
export function useEffectiveTheme(): "light" | "dark" {
  const [theme, setTheme] = useState<"light" | "dark">(() => effective());
  useEffect(() => {
    const update = () => setTheme(effective());
    const media = window.matchMedia?.("(prefers-color-scheme: dark)");
    media?.addEventListener("change", update);
    window.addEventListener("closeout:theme", update);
    return () => {
      media?.removeEventListener("change", update);
      window.removeEventListener("closeout:theme", update);
    };
  }, []);
  return theme;
}

function effective(): "light" | "dark" {
  const forced = document.documentElement.dataset.theme;
  if (forced === "light" || forced === "dark") return forced;
  return systemDark() ? "dark" : "light";
}

export function useThemeChoice(): [ThemeChoice, () => void] {
  const [choice, setChoice] = useState<ThemeChoice>(stored);
  const cycle = useCallback(() => {
    setChoice((current) => {
      // From "system", go to the opposite of what the system shows, so the first press always changes colours.
      const next: ThemeChoice =
        current === "system" ? (systemDark() ? "light" : "dark") : current === "dark" ? "light" : "dark";
      apply(next);
      return next;
    });
  }, []);
  return [choice, cycle];
}

function apply(choice: ThemeChoice) {
  if (choice === "system") delete document.documentElement.dataset.theme;
  else document.documentElement.dataset.theme = choice;
  try {
    if (choice === "system") localStorage.removeItem(KEY);
    else localStorage.setItem(KEY, choice);
  } catch {
    // private mode: the choice lasts for this page only
  }
  window.dispatchEvent(new Event("closeout:theme"));
}

/** CSS variable value, e.g. cssVar("--pos"). */
export function cssVar(name: string): string {
  return getComputedStyle(document.documentElement).getPropertyValue(name).trim();
}
