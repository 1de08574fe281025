// The dashboard's account-return card: the time-weighted return of the user's first account, year to date
// and all time, linking to the Account view. Shows nothing until the query has the account sections.
import { useReturns } from "../api/queries.ts";
import { Link } from "../lib/navigation.tsx";
import { Percent } from "./ui.tsx";

export function AccountReturnCard() {
  const returns = useReturns();
  const a = returns.data?.accounts[0];
  if (a === undefined) return null;
  return (
    <section className="card" aria-labelledby="account-return-title" data-testid="account-return-card">
      <div className="card-header">
        <h2 id="account-return-title">Account return</h2>
        <Link to="/account" className="muted small">
          {a.accountId} · details
        </Link>
      </div>
      <dl className="stat-grid">
        <div className="stat">
          <dt>Year to date</dt>
          <dd>
            <Percent value={a.trailing.ytdPct} />
          </dd>
        </div>
        <div className="stat hero">
          <dt>All time (TWR)</dt>
          <dd data-testid="account-return-all">
            <Percent value={a.trailing.allPct} />
          </dd>
        </div>
      </dl>
    </section>
  );
}
