// Prometheus text exposition of request counts and durations by route pattern, method and status. Route
// patterns (not raw paths) keep the label set bounded.
const BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

interface Series {
  readonly labels: string;
  count: number;
  sum: number;
  readonly buckets: number[];
}

export class HttpMetrics {
  readonly #series = new Map<string, Series>();
  readonly #started = Date.now();

  observe(method: string, route: string, status: number, seconds: number): void {
    const labels = `method="${esc(method)}",route="${esc(route)}",status="${status}"`;
    let s = this.#series.get(labels);
    if (s === undefined) {
      s = { labels, count: 0, sum: 0, buckets: BUCKETS.map(() => 0) };
      this.#series.set(labels, s);
    }
    s.count++;
    s.sum += seconds;
    for (let i = 0; i < BUCKETS.length; i++) if (seconds <= BUCKETS[i]!) s.buckets[i]!++;
  }

  /** The text format; `extra` are further ready-made lines (e.g. sync counts read from the database). */
  render(extra: readonly string[] = []): string {
    const lines = [
      "# HELP closeout_http_requests_total HTTP requests by route, method and status.",
      "# TYPE closeout_http_requests_total counter",
    ];
    for (const s of this.#series.values()) lines.push(`closeout_http_requests_total{${s.labels}} ${s.count}`);
    lines.push(
      "# HELP closeout_http_request_duration_seconds HTTP request durations.",
      "# TYPE closeout_http_request_duration_seconds histogram",
    );
    for (const s of this.#series.values()) {
      BUCKETS.forEach((b, i) => {
        lines.push(`closeout_http_request_duration_seconds_bucket{${s.labels},le="${b}"} ${s.buckets[i]}`);
      });
      lines.push(`closeout_http_request_duration_seconds_bucket{${s.labels},le="+Inf"} ${s.count}`);
      lines.push(`closeout_http_request_duration_seconds_sum{${s.labels}} ${s.sum}`);
      lines.push(`closeout_http_request_duration_seconds_count{${s.labels}} ${s.count}`);
    }
    lines.push(
      "# HELP closeout_process_uptime_seconds Seconds since this process started serving.",
      "# TYPE closeout_process_uptime_seconds gauge",
      `closeout_process_uptime_seconds ${(Date.now() - this.#started) / 1000}`,
      ...extra,
    );
    return `${lines.join("\n")}\n`;
  }
}

function esc(value: string): string {
  return value.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\n/g, "\\n");
}
