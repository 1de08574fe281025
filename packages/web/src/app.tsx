import { lazy, type ReactNode, Suspense, useEffect } from "react";
import { useMe } from "./api/queries.ts";
import { ConnectionBanner } from "./components/connection-banner.tsx";
import { Icon, type IconName } from "./components/icons.tsx";
import { Loading } from "./components/ui.tsx";
import { Link, navigate, useLocation } from "./lib/navigation.tsx";
import { matchRoute, PUBLIC_ROUTES, type RouteMatch } from "./lib/router.ts";
import { useThemeChoice } from "./lib/theme.tsx";
import { AccountsPage } from "./pages/accounts-page.tsx";
import { AuthPage } from "./pages/auth-page.tsx";
import { BreakdownsPage } from "./pages/breakdowns-page.tsx";
import { DayJournalPage } from "./pages/day-journal-page.tsx";
import { LinkWizard } from "./pages/link-wizard.tsx";
import { NotFound } from "./pages/not-found.tsx";
import { PublicProfilePage } from "./pages/public-profile-page.tsx";
import { SettingsPage } from "./pages/settings-page.tsx";
import { TradeDetailPage } from "./pages/trade-detail-page.tsx";
import { TradesPage } from "./pages/trades-page.tsx";

// The dashboard carries the charting library; load it on demand.
const DashboardPage = lazy(() => import("./pages/dashboard-page.tsx"));
const AccountPage = lazy(() => import("./pages/account-page.tsx"));

const NAV: readonly { to: string; label: string; icon: IconName; route: RouteMatch["name"][] }[] = [
  { to: "/dashboard", label: "Dashboard", icon: "dashboard", route: ["dashboard"] },
  { to: "/trades", label: "Trades", icon: "trades", route: ["trades", "trade"] },
  { to: "/breakdowns", label: "Breakdowns", icon: "breakdowns", route: ["breakdowns"] },
  { to: "/account", label: "Account", icon: "account", route: ["account"] },
  { to: "/accounts", label: "Accounts", icon: "accounts", route: ["accounts", "link"] },
  { to: "/settings", label: "Settings", icon: "settings", route: ["settings"] },
];

function ThemeToggle() {
  const [choice, cycle] = useThemeChoice();
  const label =
    choice === "system"
      ? "Theme: follows your system. Switch theme"
      : `Theme: ${choice}. Switch to the other theme`;
  return (
    <button type="button" className="btn ghost icon-btn" onClick={cycle} aria-label={label} title={label}>
      <Icon name={choice === "dark" ? "moon" : "sun"} />
    </button>
  );
}

function Shell({ route, signedIn, children }: { route: RouteMatch; signedIn: boolean; children: ReactNode }) {
  const current = (names: RouteMatch["name"][]) => (names.includes(route.name) ? "page" : undefined);
  return (
    <>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="topbar">
        <Link to={signedIn ? "/dashboard" : "/login"} className="brand">
          <img src="/icons/icon.svg" alt="" width={28} height={28} />
          closeout
        </Link>
        {signedIn && (
          <nav className="nav-desktop" aria-label="Main">
            {NAV.map((item) => (
              <Link key={item.to} to={item.to} className="nav-link" aria-current={current(item.route)}>
                {item.label}
              </Link>
            ))}
          </nav>
        )}
        <span className="spacer" />
        <ThemeToggle />
      </header>
      <main id="main">
        <ConnectionBanner />
        {children}
      </main>
      {signedIn && (
        <nav className="tabbar" aria-label="Main (tabs)">
          {NAV.map((item) => (
            <Link key={item.to} to={item.to} aria-current={current(item.route)}>
              <Icon name={item.icon} />
              {item.label}
            </Link>
          ))}
        </nav>
      )}
    </>
  );
}

function Redirect({ to }: { to: string }) {
  useEffect(() => navigate(to, { replace: true }), [to]);
  return null;
}

function Page({ route }: { route: RouteMatch }) {
  switch (route.name) {
    case "login":
      return <AuthPage mode="login" />;
    case "signup":
      return <AuthPage mode="signup" />;
    case "link":
      return <LinkWizard />;
    case "dashboard":
      return (
        <Suspense fallback={<Loading />}>
          <DashboardPage />
        </Suspense>
      );
    case "trades":
      return <TradesPage />;
    case "trade":
      return <TradeDetailPage id={route.params.id ?? ""} />;
    case "day":
      return <DayJournalPage date={route.params.date ?? ""} />;
    case "breakdowns":
      return <BreakdownsPage />;
    case "accounts":
      return <AccountsPage />;
    case "account":
      return (
        <Suspense fallback={<Loading />}>
          <AccountPage />
        </Suspense>
      );
    case "settings":
      return <SettingsPage />;
    case "public":
      return <PublicProfilePage handle={route.params.handle ?? ""} />;
    case "home":
      return <Redirect to="/dashboard" />;
    default:
      return <NotFound />;
  }
}

export function App() {
  const { pathname, search } = useLocation();
  const route = matchRoute(pathname);
  const me = useMe();
  const signedIn = Boolean(me.data);

  if (me.isPending && !PUBLIC_ROUTES.has(route.name)) {
    return (
      <Shell route={route} signedIn={false}>
        <Loading />
      </Shell>
    );
  }
  if (!signedIn && !PUBLIC_ROUTES.has(route.name) && !me.isError) {
    const next = route.name === "home" ? "" : `?next=${encodeURIComponent(pathname + search)}`;
    return <Redirect to={`/login${next}`} />;
  }
  if (signedIn && (route.name === "login" || route.name === "signup")) {
    const next = new URLSearchParams(search).get("next");
    return <Redirect to={next?.startsWith("/") && !next.startsWith("//") ? next : "/dashboard"} />;
  }
  return (
    <Shell route={route} signedIn={signedIn}>
      <Page route={route} />
    </Shell>
  );
}
