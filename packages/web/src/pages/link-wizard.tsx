import { useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useEffect, useRef, useState } from "react";
import { ApiError, api } from "../api/client.ts";
import { keys, useInvalidateTradeData } from "../api/queries.ts";
import type { CreateLinkAnswer } from "../api/types.ts";
import { PageTitle } from "../components/ui.tsx";
import { WIZARD_STEPS } from "../lib/flex-guide.ts";
import {
  type Problem,
  problemsFromCheck,
  problemsFromError,
  validateLinkForm,
} from "../lib/link-problems.ts";
import { navigate, useLocation } from "../lib/navigation.tsx";
import {
  DeliveryStep,
  IntroStep,
  QueryIdStep,
  QueryStep,
  SectionsStep,
  TokenStep,
} from "./link-guide-steps.tsx";
import { LinkProblems, LinkSuccess } from "./link-result.tsx";

export function LinkWizard() {
  const { search } = useLocation();
  const stepId = new URLSearchParams(search).get("step") ?? "intro";
  const index = Math.max(
    0,
    WIZARD_STEPS.findIndex((s) => s.id === stepId),
  );
  const step = WIZARD_STEPS[index]!;
  const [done, setDone] = useState<ReadonlySet<string>>(new Set());
  const [problems, setProblems] = useState<Problem[]>([]);
  const [answer, setAnswer] = useState<CreateLinkAnswer | null>(null);

  const currentPill = useRef<HTMLLIElement>(null);
  // On a phone the step pills scroll sideways: keep the current one in view.
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs when the step changes; the ref follows it
  useEffect(() => {
    currentPill.current?.scrollIntoView({ block: "nearest", inline: "center" });
  }, [step.id]);

  const go = (id: string) => navigate(`/link?step=${id}`, { replace: false });
  const toggle = (element: string) =>
    setDone((prev) => {
      const next = new Set(prev);
      if (next.has(element)) next.delete(element);
      else next.add(element);
      return next;
    });
  const missing = new Set(problems.flatMap((p) => (p.element ? [p.element] : [])));

  return (
    <div>
      <PageTitle title="Link Interactive Brokers">Link your IB account</PageTitle>
      <nav aria-label="Steps">
        <ol className="steps">
          {WIZARD_STEPS.map((s, i) => (
            <li key={s.id} ref={s.id === step.id ? currentPill : undefined}>
              <button
                type="button"
                aria-current={s.id === step.id ? "step" : undefined}
                onClick={() => go(s.id)}
              >
                <span aria-hidden="true">{i + 1}. </span>
                {s.title}
              </button>
            </li>
          ))}
        </ol>
      </nav>
      <section className="card" aria-labelledby="step-title">
        <h2 id="step-title">
          Step {index + 1} of {WIZARD_STEPS.length}: {step.title}
        </h2>
        {step.id === "intro" && <IntroStep />}
        {step.id === "query" && <QueryStep />}
        {step.id === "sections" && <SectionsStep done={done} toggle={toggle} missing={missing} />}
        {step.id === "delivery" && <DeliveryStep />}
        {step.id === "query-id" && <QueryIdStep />}
        {step.id === "token" && <TokenStep />}
        {step.id === "link" &&
          (answer && problems.every((p) => !p.blocking) ? (
            <LinkSuccess answer={answer} warnings={problems} />
          ) : (
            <LinkForm
              previous={answer}
              onResult={(a, p) => {
                setAnswer(a);
                setProblems(p);
              }}
            />
          ))}
        {step.id === "link" && problems.some((p) => p.blocking) && (
          <LinkProblems problems={problems} go={go} />
        )}
        <div className="wizard-nav">
          {index > 0 ? (
            <button type="button" className="btn" onClick={() => go(WIZARD_STEPS[index - 1]!.id)}>
              Back
            </button>
          ) : (
            <span />
          )}
          {index < WIZARD_STEPS.length - 1 && (
            <button type="button" className="btn primary" onClick={() => go(WIZARD_STEPS[index + 1]!.id)}>
              {index === 0 ? "Start" : "Next"}
            </button>
          )}
        </div>
      </section>
    </div>
  );
}

function LinkForm({
  previous,
  onResult,
}: {
  previous: CreateLinkAnswer | null;
  onResult: (answer: CreateLinkAnswer | null, problems: Problem[]) => void;
}) {
  const client = useQueryClient();
  const invalidate = useInvalidateTradeData();
  const [token, setToken] = useState("");
  const [queryId, setQueryId] = useState(previous?.link.queryId ?? "");
  const [expiresOn, setExpiresOn] = useState("");
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const local = validateLinkForm(token, queryId);
    setErrors(local);
    if (Object.keys(local).length > 0) return;
    setBusy(true);
    onResult(null, []);
    try {
      // A link saved by an earlier attempt whose query lacked sections is replaced, not duplicated.
      if (previous) await api.deleteLink(previous.link.id).catch(() => undefined);
      const answer = await api.createLink(token.trim(), queryId.trim(), expiresOn || undefined);
      const problems = answer.check ? problemsFromCheck(answer.check) : [];
      onResult(answer, problems);
      client.invalidateQueries({ queryKey: keys.links });
      void invalidate();
    } catch (error) {
      if (error instanceof ApiError) {
        setErrors(error.fields);
        onResult(null, problemsFromError(error));
      } else
        onResult(null, [
          { kind: "other", title: "The link did not work", detail: String(error), blocking: true },
        ]);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form onSubmit={submit} noValidate>
      <p>
        Paste the two values. closeout then asks IB for the report once, right away, and checks that it has
        everything needed.
      </p>
      <div className="field">
        <label htmlFor="flex-token">Flex token (Current Token)</label>
        <input
          id="flex-token"
          type="password"
          autoComplete="off"
          spellCheck={false}
          value={token}
          onChange={(e) => setToken(e.target.value)}
          aria-invalid={errors.token ? true : undefined}
          aria-describedby={errors.token ? "flex-token-error" : "flex-token-hint"}
        />
        {errors.token ? (
          <p className="error-text" id="flex-token-error">
            {errors.token}
          </p>
        ) : (
          <p className="hint" id="flex-token-hint">
            Stored encrypted; never shown again, never logged.
          </p>
        )}
      </div>
      <div className="field">
        <label htmlFor="query-id">Query Id</label>
        <input
          id="query-id"
          type="text"
          autoComplete="off"
          spellCheck={false}
          inputMode="numeric"
          pattern="[0-9]*"
          value={queryId}
          onChange={(e) => setQueryId(e.target.value)}
          aria-invalid={errors.queryId ? true : undefined}
          aria-describedby={errors.queryId ? "query-id-error" : undefined}
        />
        {errors.queryId && (
          <p className="error-text" id="query-id-error">
            {errors.queryId}
          </p>
        )}
      </div>
      <div className="field">
        <label htmlFor="token-expiry">Token expiry date (optional)</label>
        <input
          id="token-expiry"
          type="date"
          value={expiresOn}
          onChange={(e) => setExpiresOn(e.target.value)}
          aria-describedby="token-expiry-hint"
        />
        <p className="hint" id="token-expiry-hint">
          As shown by IB next to the token; closeout reminds you before it lapses.
        </p>
      </div>
      <p className="small muted">
        Read-only: with these, closeout can download reports and cannot trade or move money.
      </p>
      <button type="submit" className="btn primary" disabled={busy}>
        {busy ? "Checking with IB…" : previous ? "Check again" : "Link account"}
      </button>
      {busy && (
        <div
          className="progress"
          role="progressbar"
          aria-label="Checking with IB"
          style={{ marginTop: "0.75rem" }}
        >
          <div />
        </div>
      )}
    </form>
  );
}
