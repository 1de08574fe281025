import { ApiError } from "../api/client.ts";
import { usePublicProfile } from "../api/queries.ts";
import type { PublicGroup } from "../api/types.ts";
import { Icon } from "../components/icons.tsx";
import { ErrorNotice, Loading, PageTitle, Percent, Stat } from "../components/ui.tsx";
import {
  formatCalendarDate,
  formatCount,
  formatDuration,
  formatPercent,
  formatRatio,
} from "../lib/format.ts";

function GroupTable({ title, groups }: { title: string; groups: readonly PublicGroup[] }) {
  const shown = groups.filter((g) => String(g.trades) !== "0");
  if (shown.length === 0) return null;
  const id = `pub-${title.toLowerCase().replaceAll(" ", "-")}`;
  return (
    <section className="card" aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      <div className="table-scroll">
        <table className="trade-table">
          <thead>
            <tr>
              <th scope="col">{title.replace(/^By /, "")}</th>
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
            {shown.map((g) => (
              <tr key={g.key}>
                <td>{g.label}</td>
                <td className="r num">{formatCount(g.trades)}</td>
                <td className="r num">{formatPercent(g.winRate)}</td>
                <td className="r">
                  <Percent value={g.avgReturnPct} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

export function PublicProfilePage({ handle }: { handle: string }) {
  const query = usePublicProfile(handle);
  if (query.isPending) return <Loading />;
  if (query.isError) {
    if (query.error instanceof ApiError && query.error.status === 404)
      return (
        <div className="empty">
          <PageTitle title="Profile not found">No public profile here</PageTitle>
          <p>@{handle} has no public profile.</p>
        </div>
      );
    return <ErrorNotice error={query.error} retry={() => query.refetch()} />;
  }
  const data = query.data;
  const p = data.profile;
  return (
    <div>
      <PageTitle title={`@${data.handle}`}>@{data.handle}</PageTitle>
      {data.verified && data.verifiedSince ? (
        <p className="verified" data-testid="verified">
          <Icon name="shield" size={20} /> Verified: pulled from Interactive Brokers through a read-only Flex
          link, since {formatCalendarDate(data.verifiedSince)}
        </p>
      ) : (
        <p className="notice" data-testid="not-verified">
          Not verified: @{data.handle} has no trades that closeout pulled from Interactive Brokers itself.
        </p>
      )}
      <p className="muted small" data-testid="verified-scope">
        Only trades closeout pulled from Interactive Brokers through the trader's own Flex link are counted
        here; statements a trader uploads can be edited by hand, so they are left out
        {data.uploadsLeftOut ? " (this trader has uploaded some)" : ""}. Percentages only: no amounts are
        shown.
      </p>
      {!data.verified ? null : !data.enoughTrades || p === null ? (
        <div className="notice">
          <p>
            {formatCount(data.trades)} closed trades so far. Statistics appear from{" "}
            {formatCount(data.minTrades)} closed trades on, so a handful of lucky trades cannot make a
            profile.
          </p>
        </div>
      ) : (
        <>
          <dl className="stat-grid">
            <Stat label="Closed trades" sub={`${formatCount(p.wins)} won · ${formatCount(p.losses)} lost`}>
              {formatCount(data.trades)}
            </Stat>
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
            <Stat label="Holding time" sub="median">
              {formatDuration(p.medianHoldingSeconds)}
            </Stat>
            <Stat label="Longest streaks" sub="wins · losses">
              {formatCount(p.longestWinStreak)} · {formatCount(p.longestLossStreak)}
            </Stat>
            {p.timeWeightedReturns.map((r) => (
              <Stat
                key={`${r.from}-${r.to}`}
                label="Account return (TWR)"
                sub={`${r.from} – ${r.to}${r.brokerTwrMatches ? " · matches IB's own figure" : ""}`}
              >
                <Percent value={r.twrPct} />
              </Stat>
            ))}
          </dl>
          <GroupTable title="By asset class" groups={p.byAssetClass} />
          <GroupTable title="By side" groups={p.bySide} />
          <GroupTable title="By weekday" groups={p.byWeekday} />
          <GroupTable title="By holding time" groups={p.byHoldingTime} />
        </>
      )}
    </div>
  );
}
