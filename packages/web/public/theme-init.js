// Applies the saved theme before first paint (no flash of the wrong colours). An external file, not an
// inline script, so a strict Content-Security-Policy (script-src 'self') can stay on.
try {
  const theme = localStorage.getItem("closeout-theme");
  if (theme === "light" || theme === "dark") document.documentElement.dataset.theme = theme;
} catch {
  // storage can be blocked (private mode); the system preference then decides
}
