import { useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { ApiError, api } from "../api/client.ts";
import { keys, useSignupOptions } from "../api/queries.ts";
import { PageTitle } from "../components/ui.tsx";
import { Link, navigate } from "../lib/navigation.tsx";

const MIN_PASSWORD = 10;

export function AuthPage({ mode }: { mode: "login" | "signup" }) {
  const client = useQueryClient();
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const signup = mode === "signup";
  // `closeout invite` links carry the code in the fragment, which never reaches a server or a log.
  const [invite, setInvite] = useState(() => inviteFromLink());
  const signupMode = useSignupOptions(signup).data;
  const needsInvite = signup && signupMode === "invite";

  async function submit(event: FormEvent) {
    event.preventDefault();
    const local: Record<string, string> = {};
    if (!/^[^\s@]+@[^\s@]+$/.test(email.trim())) local.email = "Enter your e-mail address.";
    if (signup && password.length < MIN_PASSWORD)
      local.password = `Use at least ${MIN_PASSWORD} characters; a few words make a strong password.`;
    if (!signup && password === "") local.password = "Enter your password.";
    if (needsInvite && invite.trim() === "") local.invite = "Enter the invite code you were given.";
    setErrors(local);
    setFormError(null);
    if (Object.keys(local).length > 0) return;
    setBusy(true);
    try {
      const answer = signup
        ? await api.signup(email.trim(), password, needsInvite ? invite.trim() : undefined)
        : await api.login(email.trim(), password);
      client.setQueryData(keys.me, answer.user);
      navigate(signup ? "/link" : (safeNext() ?? "/dashboard"), { replace: true });
    } catch (error) {
      if (error instanceof ApiError) {
        setErrors(error.fields);
        if (Object.keys(error.fields).length === 0) setFormError(error.message);
      } else setFormError("Something went wrong. Please try again.");
    } finally {
      setBusy(false);
    }
  }

  if (signup && signupMode === "closed") {
    return (
      <div className="auth">
        <PageTitle title="Create your account">Create your account</PageTitle>
        <div className="notice" role="status">
          <p>This closeout server does not take new sign-ups. Ask its administrator for an account.</p>
        </div>
        <p className="muted">
          Already have an account? <Link to="/login">Log in</Link>
        </p>
      </div>
    );
  }

  return (
    <div className="auth">
      <PageTitle title={signup ? "Create your account" : "Log in"}>
        {signup ? "Create your account" : "Log in to closeout"}
      </PageTitle>
      {signup && (
        <ul className="promise">
          <li>Every closed trade from your Interactive Brokers statements, verified against IB's own P&L.</li>
          <li>Linked read-only: closeout can never trade or move money.</li>
          <li>Your IB username and password are never asked for.</li>
        </ul>
      )}
      <form className="card" onSubmit={submit} noValidate>
        {formError && (
          <div className="notice error" role="alert">
            <p>{formError}</p>
          </div>
        )}
        <div className="field">
          <label htmlFor="email">E-mail</label>
          <input
            id="email"
            type="email"
            autoComplete="email"
            inputMode="email"
            value={email}
            onChange={(e) => setEmail(e.target.value)}
            aria-invalid={errors.email ? true : undefined}
            aria-describedby={errors.email ? "email-error" : undefined}
            required
          />
          {errors.email && (
            <p className="error-text" id="email-error">
              {errors.email}
            </p>
          )}
        </div>
        <div className="field">
          <label htmlFor="password">Password</label>
          <input
            id="password"
            type="password"
            autoComplete={signup ? "new-password" : "current-password"}
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            aria-invalid={errors.password ? true : undefined}
            aria-describedby={errors.password ? "password-error" : signup ? "password-hint" : undefined}
            required
          />
          {signup && !errors.password && (
            <p className="hint" id="password-hint">
              At least {MIN_PASSWORD} characters.
            </p>
          )}
          {errors.password && (
            <p className="error-text" id="password-error">
              {errors.password}
            </p>
          )}
        </div>
        {needsInvite && (
          <div className="field">
            <label htmlFor="invite">Invite code</label>
            <input
              id="invite"
              type="text"
              autoComplete="off"
              spellCheck={false}
              value={invite}
              onChange={(e) => setInvite(e.target.value)}
              aria-invalid={errors.invite ? true : undefined}
              aria-describedby={errors.invite ? "invite-error" : "invite-hint"}
              required
            />
            {errors.invite ? (
              <p className="error-text" id="invite-error">
                {errors.invite}
              </p>
            ) : (
              <p className="hint" id="invite-hint">
                This server signs up people it invited; the administrator gives out codes.
              </p>
            )}
          </div>
        )}
        <button type="submit" className="btn primary" disabled={busy} style={{ width: "100%" }}>
          {busy ? "Please wait…" : signup ? "Create account" : "Log in"}
        </button>
      </form>
      <p className="muted">
        {signup ? (
          <>
            Already have an account? <Link to="/login">Log in</Link>
          </>
        ) : (
          <>
            New to closeout? <Link to="/signup">Create an account</Link>
          </>
        )}
      </p>
    </div>
  );
}

function safeNext(): string | null {
  const next = new URLSearchParams(window.location.search).get("next");
  return next?.startsWith("/") && !next.startsWith("//") ? next : null;
}

function inviteFromLink(): string {
  return new URLSearchParams(window.location.hash.slice(1)).get("invite") ?? "";
}
