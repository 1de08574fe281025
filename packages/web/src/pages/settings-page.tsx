import { useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { ApiError, api } from "../api/client.ts";
import { clearUserData, keys, useMe } from "../api/queries.ts";
import type { PublicProfileMode } from "../api/types.ts";
import { ErrorNotice, Loading, PageTitle } from "../components/ui.tsx";
import { Link, navigate } from "../lib/navigation.tsx";

const MODES: readonly { value: PublicProfileMode; label: string; detail: string }[] = [
  { value: "off", label: "Off", detail: "Nobody but you sees anything." },
  {
    value: "percent",
    label: "Percent only",
    detail: "Win rate, returns in percent, profit factor and trade count. No amounts, no account numbers.",
  },
  {
    value: "full",
    label: "Full",
    detail: "Also amounts in your base currency. Account numbers are never shown.",
  },
];

export function SettingsPage() {
  const me = useMe();
  if (me.isPending) return <Loading />;
  if (me.isError || !me.data) return <ErrorNotice error={me.error} />;
  return (
    <div>
      <PageTitle title="Settings">Settings</PageTitle>
      <ProfileCard mode={me.data.publicProfile} handle={me.data.handle ?? ""} />
      <PasswordCard />
      <SessionCard email={me.data.email} />
      <DeleteCard />
    </div>
  );
}

function ProfileCard({
  mode: initialMode,
  handle: initialHandle,
}: {
  mode: PublicProfileMode;
  handle: string;
}) {
  const client = useQueryClient();
  const [mode, setMode] = useState(initialMode);
  const [handle, setHandle] = useState(initialHandle);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [saved, setSaved] = useState(false);
  const [error, setError] = useState<unknown>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setSaved(false);
    setError(null);
    const local: Record<string, string> = {};
    if (mode !== "off" && !/^[a-z0-9_]{3,30}$/i.test(handle.trim()))
      local.handle = "3–30 letters, digits or underscores.";
    setErrors(local);
    if (Object.keys(local).length > 0) return;
    try {
      const { user } = await api.updateProfile(mode, handle.trim() === "" ? null : handle.trim());
      client.setQueryData(keys.me, user);
      setSaved(true);
    } catch (e) {
      if (e instanceof ApiError && Object.keys(e.fields).length > 0) setErrors(e.fields);
      else setError(e);
    }
  }

  return (
    <form className="card" onSubmit={submit} aria-labelledby="profile-title">
      <h2 id="profile-title">Public profile</h2>
      <fieldset>
        <legend>Who can see your statistics</legend>
        {MODES.map((m) => (
          <label key={m.value} className="choice">
            <input
              type="radio"
              name="publicProfile"
              value={m.value}
              checked={mode === m.value}
              onChange={() => setMode(m.value)}
            />
            <span>
              <strong>{m.label}</strong>
              <br />
              <span className="small muted">{m.detail}</span>
            </span>
          </label>
        ))}
      </fieldset>
      <div className="field">
        <label htmlFor="handle">Handle</label>
        <input
          id="handle"
          type="text"
          autoComplete="off"
          autoCapitalize="none"
          spellCheck={false}
          value={handle}
          onChange={(e) => setHandle(e.target.value)}
          aria-invalid={errors.handle ? true : undefined}
          aria-describedby="handle-hint"
        />
        <p className={errors.handle ? "error-text" : "hint"} id="handle-hint">
          {errors.handle ?? `Your page's address: /p/${handle.trim() || "your_handle"}`}
        </p>
      </div>
      {error !== null && <ErrorNotice error={error} />}
      <div className="row">
        <button type="submit" className="btn primary">
          Save profile
        </button>
        {saved && mode !== "off" && handle.trim() !== "" && (
          <Link to={`/p/${encodeURIComponent(handle.trim())}`}>View your public page</Link>
        )}
        {saved && (
          <span role="status" className="small pos">
            Saved.
          </span>
        )}
      </div>
    </form>
  );
}

function PasswordCard() {
  const [current, setCurrent] = useState("");
  const [next, setNext] = useState("");
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [done, setDone] = useState(false);
  const [error, setError] = useState<unknown>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setDone(false);
    setError(null);
    const local: Record<string, string> = {};
    if (current === "") local.currentPassword = "Enter your current password.";
    if (next.length < 10) local.newPassword = "Use at least 10 characters.";
    setErrors(local);
    if (Object.keys(local).length > 0) return;
    try {
      await api.changePassword(current, next);
      setCurrent("");
      setNext("");
      setDone(true);
    } catch (e) {
      if (e instanceof ApiError && Object.keys(e.fields).length > 0) setErrors(e.fields);
      else setError(e);
    }
  }

  return (
    <form className="card" onSubmit={submit} aria-labelledby="password-title" noValidate>
      <h2 id="password-title">Change password</h2>
      <input type="text" autoComplete="username" hidden readOnly />
      <div className="field">
        <label htmlFor="current-password">Current password</label>
        <input
          id="current-password"
          type="password"
          autoComplete="current-password"
          value={current}
          onChange={(e) => setCurrent(e.target.value)}
          aria-invalid={errors.currentPassword ? true : undefined}
          aria-describedby={errors.currentPassword ? "current-password-error" : undefined}
        />
        {errors.currentPassword && (
          <p className="error-text" id="current-password-error">
            {errors.currentPassword}
          </p>
        )}
      </div>
      <div className="field">
        <label htmlFor="new-password">New password</label>
        <input
          id="new-password"
          type="password"
          autoComplete="new-password"
          value={next}
          onChange={(e) => setNext(e.target.value)}
          aria-invalid={errors.newPassword ? true : undefined}
          aria-describedby={errors.newPassword ? "new-password-error" : undefined}
        />
        {errors.newPassword && (
          <p className="error-text" id="new-password-error">
            {errors.newPassword}
          </p>
        )}
      </div>
      {error !== null && <ErrorNotice error={error} />}
      <button type="submit" className="btn primary">
        Change password
      </button>
      {done && (
        <p role="status" className="small pos" style={{ marginTop: "0.5rem" }}>
          Password changed.
        </p>
      )}
    </form>
  );
}

function SessionCard({ email }: { email: string }) {
  const client = useQueryClient();
  const [error, setError] = useState<string | null>(null);
  return (
    <section className="card" aria-labelledby="session-title">
      <h2 id="session-title">Session</h2>
      <p className="small">Signed in as {email}.</p>
      <button
        type="button"
        className="btn"
        onClick={async () => {
          await api.logout().catch(() => undefined);
          await clearUserData(client);
          navigate("/login", { replace: true });
        }}
      >
        Log out
      </button>
      <p className="small">
        Lost a phone, or signed in on a shared computer? This ends every session of your account, this one
        too.
      </p>
      <button
        type="button"
        className="btn"
        onClick={async () => {
          // If the request fails the sessions may still live: say so instead of pretending.
          const failed = await api.logoutEverywhere().then(
            () => false,
            () => true,
          );
          if (failed) {
            setError("Signing out everywhere failed. Check your connection and try again.");
            return;
          }
          await clearUserData(client);
          navigate("/login", { replace: true });
        }}
      >
        Sign out everywhere
      </button>
      {error && (
        <p className="error-text" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}

function DeleteCard() {
  const client = useQueryClient();
  const [open, setOpen] = useState(false);
  const [confirmText, setConfirmText] = useState("");
  const [password, setPassword] = useState("");
  const [error, setError] = useState<unknown>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setError(null);
    try {
      await api.deleteAccount(password);
      await clearUserData(client);
      navigate("/signup", { replace: true });
    } catch (e) {
      setError(e);
    }
  }

  return (
    <section className="card" aria-labelledby="delete-title">
      <h2 id="delete-title">Delete account</h2>
      <p className="small">
        Deletes your closeout account, linked tokens, statements and trades, for good. Your IB account is not
        affected.
      </p>
      {!open ? (
        <button type="button" className="btn danger" onClick={() => setOpen(true)}>
          Delete my account…
        </button>
      ) : (
        <form onSubmit={submit}>
          <div className="field">
            <label htmlFor="delete-confirm">Type DELETE to confirm</label>
            <input
              id="delete-confirm"
              type="text"
              autoComplete="off"
              value={confirmText}
              onChange={(e) => setConfirmText(e.target.value)}
            />
          </div>
          <div className="field">
            <label htmlFor="delete-password">Password</label>
            <input
              id="delete-password"
              type="password"
              autoComplete="current-password"
              value={password}
              onChange={(e) => setPassword(e.target.value)}
            />
          </div>
          {error !== null && <ErrorNotice error={error} />}
          <div className="row">
            <button
              type="submit"
              className="btn danger"
              disabled={confirmText !== "DELETE" || password === ""}
            >
              Delete everything
            </button>
            <button type="button" className="btn" onClick={() => setOpen(false)}>
              Cancel
            </button>
          </div>
        </form>
      )}
    </section>
  );
}
