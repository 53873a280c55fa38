/**
 * Whole-machine and per-process CPU time from Linux /proc, to tell how much of the machine
 * the server and other processes used while a client was being timed. Everything returns
 * undefined off Linux.
 */
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";

let clkTck: number | undefined;
/** Clock ticks per second (USER_HZ), the unit of /proc CPU times. */
function ticksPerSecond(): number {
  if (clkTck === undefined) {
    try {
      clkTck = Number(execFileSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).trim()) || 100;
    } catch {
      clkTck = 100;
    }
  }
  return clkTck;
}

/** A CPU-time reading. */
export interface CpuReading {
  /** Busy CPU seconds of all CPUs since boot (user+nice+system+irq+softirq+steal). */
  readonly machineBusy: number;
  /** Wall seconds × CPUs since boot, as /proc/stat counts them. */
  readonly machineTotal: number;
  /** CPU seconds of the watched process (user+system), if any. */
  readonly process?: number;
}

/** Reads /proc/stat and, when `pid` is given, /proc/<pid>/stat. */
export function readCpu(pid?: number): CpuReading | undefined {
  try {
    const hz = ticksPerSecond();
    const line = readFileSync("/proc/stat", "latin1").split("\n", 1)[0]!;
    const f = line.trim().split(/\s+/).slice(1, 9).map(Number); // user nice system idle iowait irq softirq steal
    const total = f.reduce((a, b) => a + b, 0);
    const idle = f[3]! + f[4]!;
    let proc: number | undefined;
    if (pid !== undefined) {
      try {
        const stat = readFileSync(`/proc/${pid}/stat`, "latin1");
        const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" "); // fields from #3 (state) on
        proc = (Number(fields[11]) + Number(fields[12])) / hz; // utime (#14), stime (#15)
      } catch {
        proc = undefined;
      }
    }
    return { machineBusy: (total - idle) / hz, machineTotal: total / hz, ...(proc !== undefined ? { process: proc } : {}) };
  } catch {
    return undefined;
  }
}
