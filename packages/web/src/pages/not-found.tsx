import { PageTitle } from "../components/ui.tsx";
import { Link } from "../lib/navigation.tsx";

export function NotFound() {
  return (
    <div className="empty">
      <PageTitle title="Not found">Page not found</PageTitle>
      <p>There is nothing at this address.</p>
      <Link to="/" className="btn">
        Go to the dashboard
      </Link>
    </div>
  );
}
