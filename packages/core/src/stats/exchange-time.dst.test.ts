import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createExchangeClock } from "./exchange-time.ts";

const ny = createExchangeClock("America/New_York");

describe("createExchangeClock: wall time in the exchange's zone", () => {
  it("puts 2025-03-10T00:30:00Z on Sunday 2025-03-09 at 20:30 in New York (EDT, UTC−4)", () => {
    expect(ny.wallTime("2025-03-10T00:30:00Z")).toEqual({ date: "2025-03-09", weekday: 7, hour: 20 });
  });

  it("jumps from 01:59:59 EST to 03:00:00 EDT when DST starts (2025-03-09 07:00Z)", () => {
    expect(ny.wallTime("2025-03-09T06:59:59Z")).toEqual({ date: "2025-03-09", weekday: 7, hour: 1 });
    expect(ny.wallTime("2025-03-09T07:00:00Z")).toEqual({ date: "2025-03-09", weekday: 7, hour: 3 });
  });

  it("repeats 01:00–02:00 when DST ends (2025-11-02): 05:30Z is 01:30 EDT, 06:30Z is 01:30 EST", () => {
    expect(ny.wallTime("2025-11-02T05:30:00Z")).toEqual({ date: "2025-11-02", weekday: 7, hour: 1 });
    expect(ny.wallTime("2025-11-02T06:30:00Z")).toEqual({ date: "2025-11-02", weekday: 7, hour: 1 });
    expect(ny.offsetAt(Date.parse("2025-11-02T05:30:00Z"))).toBe(-4 * 3_600_000);
    expect(ny.offsetAt(Date.parse("2025-11-02T06:30:00Z"))).toBe(-5 * 3_600_000);
  });

  it("opens the session at 09:30 local in winter (14:30Z) and in summer (13:30Z)", () => {
    expect(ny.wallTime("2025-01-15T14:30:00Z").hour).toBe(9);
    expect(ny.wallTime("2025-07-15T13:30:00Z").hour).toBe(9);
  });

  it("moves a Saturday-UTC evening back to Friday in New York", () => {
    expect(ny.wallTime("2025-01-18T03:00:00Z")).toEqual({ date: "2025-01-17", weekday: 5, hour: 22 });
  });

  it("handles a transition that falls inside a UTC hour (Australia/Adelaide, 2025-04-05 16:30Z)", () => {
    const adelaide = createExchangeClock("Australia/Adelaide");
    expect(adelaide.wallTime("2025-04-05T16:00:00Z")).toEqual({ date: "2025-04-06", weekday: 7, hour: 2 });
    expect(adelaide.offsetAt(Date.parse("2025-04-05T16:29:59Z"))).toBe(10.5 * 3_600_000);
    expect(adelaide.offsetAt(Date.parse("2025-04-05T16:30:00Z"))).toBe(9.5 * 3_600_000);
    expect(adelaide.wallTime("2025-04-05T16:30:00Z")).toEqual({ date: "2025-04-06", weekday: 7, hour: 2 });
  });

  it("handles half-hour offsets (Asia/Kolkata, UTC+5:30)", () => {
    expect(createExchangeClock("Asia/Kolkata").wallTime("2025-01-15T18:45:00Z")).toEqual({
      date: "2025-01-16",
      weekday: 4,
      hour: 0,
    });
  });

  it("agrees with a fresh Intl.DateTimeFormat for any instant 2000–2040 in several zones", () => {
    const zones = ["America/New_York", "Europe/London", "Australia/Adelaide", "America/Sao_Paulo"];
    const reference = new Map(
      zones.map((timeZone) => [
        timeZone,
        new Intl.DateTimeFormat("en-CA", {
          timeZone,
          hourCycle: "h23",
          year: "numeric",
          month: "2-digit",
          day: "2-digit",
          hour: "2-digit",
          weekday: "short",
        }),
      ]),
    );
    const weekdays = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
    fc.assert(
      fc.property(
        fc.constantFrom(...zones),
        fc.integer({ min: Date.UTC(2000, 0, 1) / 1000, max: Date.UTC(2040, 0, 1) / 1000 }),
        (zone, seconds) => {
          const ms = seconds * 1000;
          const parts = Object.fromEntries(
            reference
              .get(zone)!
              .formatToParts(ms)
              .map((p) => [p.type, p.value]),
          );
          const wall = createExchangeClock(zone).wallTimeAt(ms);
          expect(wall.date).toBe(`${parts.year}-${parts.month}-${parts.day}`);
          expect(wall.hour).toBe(Number(parts.hour));
          expect(weekdays[wall.weekday - 1]).toBe(parts.weekday);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it("rejects a string that is not an instant", () => {
    expect(() => ny.wallTime("20250115;143000")).toThrow(/not an ISO-8601 instant/);
  });

  it("rejects an unknown time zone", () => {
    expect(() => createExchangeClock("Mars/Olympus_Mons")).toThrow(RangeError);
  });
});
