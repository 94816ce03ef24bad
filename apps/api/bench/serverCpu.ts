/**
 * CPU time of a local server process (MariaDB or MySQL, Redis), read from /proc: what a step costs
 * the database, which the API's own metrics cannot show. Linux only: `findProcess` answers null
 * elsewhere. It finds a local server by name, so it measures that one even when the benchmark's
 * database is on another machine.
 */
import { readdirSync, readFileSync } from 'node:fs';

/** Linux's USER_HZ: /proc reports CPU time in these ticks on every architecture Node runs on. */
const TICKS_PER_SECOND = 100;

function commandOf(pid: string): string | null {
  try {
    return readFileSync(`/proc/${pid}/comm`, 'utf8').trim();
  } catch {
    return null;
  }
}

/** The pid of the first process whose command name is one of `names`, or null. */
export function findProcess(names: readonly string[]): string | null {
  let entries: string[];
  try {
    entries = readdirSync('/proc');
  } catch {
    return null;
  }
  return entries.find((entry) => /^\d+$/.test(entry) && names.includes(commandOf(entry) ?? '')) ?? null;
}

/** User plus system CPU time of `pid`, in milliseconds. */
export function cpuMsOf(pid: string): number {
  // The command name in parentheses may hold spaces and parentheses: fields are counted after the
  // last closing one.
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(') ') + 2).split(' ');
  const [utime, stime] = [Number(fields[11]), Number(fields[12])];
  return ((utime + stime) * 1_000) / TICKS_PER_SECOND;
}
