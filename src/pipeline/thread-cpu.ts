/**
 * CPU time of the calling thread (Linux: /proc/thread-self/stat), for the thread statistics
 * `npm run bench` prints. process.cpuUsage() in a worker reports the whole process, and a
 * thread's busy share (event-loop utilisation) counts time it was ready but not running —
 * on a loaded two-core machine that is most of the difference between runs.
 */
import fs from 'node:fs';

/** Clock ticks per second of /proc's utime and stime (USER_HZ; 100 on every Linux port Node runs on). */
const TICKS_PER_SECOND = 100;

/** utime + stime of the calling thread in milliseconds, or null where /proc/thread-self is missing. */
export function threadCpuMs(): number | null {
  let stat: string;
  try {
    stat = fs.readFileSync('/proc/thread-self/stat', 'utf8');
  } catch {
    return null;
  }
  return cpuMsOfStat(stat);
}

/** utime + stime of a /proc/<pid>/task/<tid>/stat line, in milliseconds. */
export function cpuMsOfStat(stat: string): number | null {
  // The command name (field 2) is in parentheses and may hold spaces: count fields after it.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // fields[0] is field 3 (state); utime and stime are fields 14 and 15.
  if (fields.length < 13 || fields[11] === '' || fields[12] === '') return null;
  const utime = Number(fields[11]);
  const stime = Number(fields[12]);
  if (!Number.isFinite(utime) || !Number.isFinite(stime)) return null;
  return ((utime + stime) * 1000) / TICKS_PER_SECOND;
}
