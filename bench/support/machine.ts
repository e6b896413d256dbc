/**
 * The machine a benchmark ran on, captured when it starts (the load average
 * then is what competed with it) and completed when it ends. Every benchmark
 * takes its report's timing and machine fields from here, so each table and
 * each bench/results/*.json names the same facts: CPU model, cores, kernel,
 * memory, load average at start and end, node and HAProxy versions.
 */
import os from 'node:os';
import { run } from '../../agent/exec/run.js';

export interface Machine {
  cpuModel: string;
  cores: number;
  kernel: string;
  memoryMiB: number;
  /** 1, 5 and 15 minute load averages when the benchmark started. */
  loadavgStart: [number, number, number];
  /** The same when it ended. */
  loadavgEnd?: [number, number, number];
  node: string;
  haproxy: string;
}

export interface BenchRun {
  startedAt: Date;
  machine: Machine;
}

function loadavg(): [number, number, number] {
  const [a = 0, b = 0, c = 0] = os.loadavg().map((v) => Math.round(v * 100) / 100);
  return [a, b, c];
}

/** First line of `<cmd> <flag>` (stdout or stderr), or why there is none. */
export async function toolVersion(cmd: string, args: string[]): Promise<string> {
  try {
    const r = await run(cmd, args, { reject: false, timeoutMs: 5_000 });
    return (r.stdout || r.stderr).split('\n')[0]?.trim() || `${cmd}: no version output`;
  } catch {
    return `${cmd}: not installed`;
  }
}

export async function describeMachine(): Promise<Machine> {
  const cpus = os.cpus();
  return {
    cpuModel: cpus[0]?.model.trim() ?? 'unknown',
    cores: cpus.length,
    kernel: `${os.type()} ${os.release()} ${os.arch()}`,
    memoryMiB: Math.round(os.totalmem() / 2 ** 20),
    loadavgStart: loadavg(),
    node: process.version,
    haproxy: (await toolVersion('haproxy', ['-v'])).replace(/ - https?:\S+$/, ''),
  };
}

/** Call first thing in a benchmark's run(). */
export async function startBench(): Promise<BenchRun> {
  const startedAt = new Date();
  return { startedAt, machine: await describeMachine() };
}

/** The report fields every benchmark shares: start time, duration, the machine (with the load average now). */
export function benchTiming(r: BenchRun): { startedAt: string; durationS: number; machine: Machine } {
  return {
    startedAt: r.startedAt.toISOString(),
    durationS: Math.round((Date.now() - r.startedAt.getTime()) / 100) / 10,
    machine: { ...r.machine, loadavgEnd: loadavg() },
  };
}

/** One line for the table's heading. */
export function machineLine(m: Machine): string {
  const la = (l: number[]) => l.map((v) => v.toFixed(2)).join(' / ');
  return [
    `${m.cpuModel}, ${m.cores} cores, ${m.memoryMiB} MiB, ${m.kernel}`,
    `load average (1/5/15 min) ${la(m.loadavgStart)} at start${m.loadavgEnd ? `, ${la(m.loadavgEnd)} at end` : ''}`,
    `node ${m.node}, ${m.haproxy}`,
  ].join('; ');
}
