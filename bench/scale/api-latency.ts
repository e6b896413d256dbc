/**
 * Latency of read requests to the agent, one at a time over one keep-alive
 * connection (what a Terraform refresh does), from sending the request to
 * the last byte of the answer. Bounded by count.
 */
import http from 'node:http';
import { summarize, type Summary } from '../support/stats.js';

const REQUEST_TIMEOUT_MS = 10_000;

export interface LatencyResult {
  label: string;
  summary: Summary | null;
  errors: number;
  /** Size of one answer, for context (a list of 100 pools is not a single object). */
  bytes: number;
}

export async function measureGets(
  endpoint: string,
  token: string,
  label: string,
  paths: () => string,
  count: number,
): Promise<LatencyResult> {
  const url = new URL(endpoint);
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const samples: number[] = [];
  let errors = 0;
  let bytes = 0;
  try {
    for (let i = 0; i < count; i++) {
      const t0 = performance.now();
      try {
        const { status, size } = await get(agent, url, paths(), token);
        if (status !== 200) errors++;
        else samples.push(performance.now() - t0);
        bytes = size;
      } catch {
        errors++;
      }
    }
  } finally {
    agent.destroy();
  }
  return { label, summary: summarize(samples), errors, bytes };
}

function get(agent: http.Agent, base: URL, path: string, token: string): Promise<{ status: number; size: number }> {
  return new Promise((resolve, reject) => {
    const req = http.get(
      { host: base.hostname, port: base.port, path, agent, headers: { authorization: `Bearer ${token}` }, timeout: REQUEST_TIMEOUT_MS },
      (res) => {
        let size = 0;
        res.on('data', (d: Buffer) => (size += d.length));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, size }));
        res.on('error', reject);
      },
    );
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', reject);
  });
}
