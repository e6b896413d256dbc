/** Prometheus text exposition of the agent's own counters plus per-pool HAProxy figures. */
export class Metrics {
  private readonly reconciles = new Map<string, number>();
  private reconcileSeconds = 0;
  private reconcileCount = 0;
  private readonly drifts = new Map<string, number>();
  private readonly requests = new Map<string, number>();
  private auditSeconds = 0;
  private auditPasses = 0;
  private auditLastPools = 0;
  private auditOutOfSync = 0;

  reconciled(result: 'ok' | 'error', ms: number): void {
    this.reconciles.set(result, (this.reconciles.get(result) ?? 0) + 1);
    this.reconcileSeconds += ms / 1000;
    this.reconcileCount++;
  }

  /** One audit pass: reading the host and checking every pool (the full runs it queues are counted as reconciles). */
  auditPass(ms: number, pools: number, outOfSync: number): void {
    this.auditSeconds += ms / 1000;
    this.auditPasses++;
    this.auditLastPools = pools;
    this.auditOutOfSync += outOfSync;
  }

  drift(kind: string): void {
    this.drifts.set(kind, (this.drifts.get(kind) ?? 0) + 1);
  }

  request(method: string, status: number): void {
    const k = `method="${method}",code="${status}"`;
    this.requests.set(k, (this.requests.get(k) ?? 0) + 1);
  }

  render(gauges: { objects: Record<string, number>; pools: { id: string; scur: number; stot: number }[] }): string {
    const out: string[] = [];
    const metric = (name: string, type: string, help: string, rows: string[]) => {
      out.push(`# HELP ${name} ${help}`, `# TYPE ${name} ${type}`, ...rows);
    };
    metric('lbaas_objects', 'gauge', 'Objects in the desired state.', Object.entries(gauges.objects).map(([k, v]) => `lbaas_objects{kind="${k}"} ${v}`));
    metric('lbaas_reconcile_total', 'counter', 'Pool reconcile runs by result.', [...this.reconciles].map(([k, v]) => `lbaas_reconcile_total{result="${k}"} ${v}`));
    metric('lbaas_reconcile_seconds', 'summary', 'Time spent reconciling pools.', [
      `lbaas_reconcile_seconds_sum ${this.reconcileSeconds}`,
      `lbaas_reconcile_seconds_count ${this.reconcileCount}`,
    ]);
    metric('lbaas_audit_pass_seconds', 'summary', 'Audit passes: one read of the host and a check of every pool.', [
      `lbaas_audit_pass_seconds_sum ${this.auditSeconds}`,
      `lbaas_audit_pass_seconds_count ${this.auditPasses}`,
    ]);
    metric('lbaas_audit_pools', 'gauge', 'Pools checked by the last audit pass.', [`lbaas_audit_pools ${this.auditLastPools}`]);
    metric('lbaas_audit_out_of_sync_total', 'counter', 'Pools an audit pass found needing a full run.', [`lbaas_audit_out_of_sync_total ${this.auditOutOfSync}`]);
    metric('lbaas_drift_events_total', 'counter', 'Data-plane drift found by the audit.', [...this.drifts].map(([k, v]) => `lbaas_drift_events_total{kind="${k}"} ${v}`));
    metric('lbaas_http_requests_total', 'counter', 'API requests.', [...this.requests].map(([k, v]) => `lbaas_http_requests_total{${k}} ${v}`));
    metric('lbaas_pool_current_sessions', 'gauge', 'Current sessions through each pool.', gauges.pools.map((p) => `lbaas_pool_current_sessions{pool="${p.id}"} ${p.scur}`));
    metric('lbaas_pool_sessions_total', 'counter', 'Sessions through each pool.', gauges.pools.map((p) => `lbaas_pool_sessions_total{pool="${p.id}"} ${p.stot}`));
    return out.join('\n') + '\n';
  }
}
