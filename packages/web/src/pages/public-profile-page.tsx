import { ApiError } from "../api/client.ts";
import { usePublicProfile } from "../api/queries.ts";
import { Icon } from "../components/icons.tsx";
import { ErrorNotice, Loading, PageTitle, Percent, Stat } from "../components/ui.tsx";
import { formatCount, formatExchangeTime, formatPercent, formatRatio } from "../lib/format.ts";

export function PublicProfilePage({ handle }: { handle: string }) {
  const profile = usePublicProfile(handle);
  if (profile.isPending) return <Loading />;
  if (profile.isError) {
    if (profile.error instanceof ApiError && profile.error.status === 404)
      return (
        <div className="empty">
          <PageTitle title="Profile not found">No public profile here</PageTitle>
          <p>@{handle} has no public profile, or has not closed enough trades to show one yet.</p>
        </div>
      );
    return <ErrorNotice error={profile.error} retry={() => profile.refetch()} />;
  }
  const p = profile.data;
  return (
    <div>
      <PageTitle title={`@${p.handle}`}>@{p.handle}</PageTitle>
      {p.verified && (
        <p className="verified" data-testid="verified">
          <Icon name="shield" size={20} /> Verified from broker data
        </p>
      )}
      <p className="muted small">
        Statistics computed by closeout from Interactive Brokers statements
        {p.since ? `, trades since ${formatExchangeTime(p.since, { dateOnly: true })}` : ""}. Percentages
        only: no amounts are shown.
      </p>
      <dl className="stat-grid">
        <Stat label="Closed trades">{formatCount(p.trades)}</Stat>
        <Stat label="Win rate">{formatPercent(p.winRate)}</Stat>
        <Stat label="Average return per trade">
          <Percent value={p.avgReturnPct} />
        </Stat>
        <Stat label="Profit factor">{formatRatio(p.profitFactor)}</Stat>
        <Stat label="Average winner">
          <Percent value={p.avgWinPct} />
        </Stat>
        <Stat label="Average loser">
          <Percent value={p.avgLossPct} />
        </Stat>
      </dl>
      {p.bySymbol && p.bySymbol.length > 0 && (
        <section className="card" aria-labelledby="pub-symbols">
          <h2 id="pub-symbols">By symbol</h2>
          <table className="trade-table">
            <thead>
              <tr>
                <th scope="col">Symbol</th>
                <th scope="col" className="r">
                  Trades
                </th>
                <th scope="col" className="r">
                  Win rate
                </th>
                <th scope="col" className="r">
                  Avg return
                </th>
              </tr>
            </thead>
            <tbody>
              {p.bySymbol.map((s) => (
                <tr key={s.key}>
                  <td>{s.label}</td>
                  <td className="r num">{formatCount(s.trades)}</td>
                  <td className="r num">{formatPercent(s.winRate)}</td>
                  <td className="r">
                    <Percent value={s.avgReturnPct} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
    </div>
  );
}
