#!/usr/bin/env bash
# Runs this example with the real Pulumi CLI against a real agent (local
# driver: real HAProxy) and real HTTP backends, and checks what README.md
# lists under "Verified with the Pulumi CLI". Not part of CI: it needs the
# Pulumi CLI (pulumi, pulumi-language-nodejs, pulumi-resource-pulumi-nodejs)
# on PATH, or in $PULUMI_CLI_BIN. Everything it starts is stopped on exit.
#
#   npm run build            # at the repository root: dist/ is what the example imports
#   (cd examples/pulumi/basic && npm install)
#   examples/pulumi/basic/verify-with-cli.sh
set -euo pipefail

HERE="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(cd "$HERE/../../.." && pwd)"
[ -n "${PULUMI_CLI_BIN:-}" ] && export PATH="$PULUMI_CLI_BIN:$PATH"
for tool in pulumi pulumi-language-nodejs pulumi-resource-pulumi-nodejs node curl jq; do
  command -v "$tool" >/dev/null || { echo "missing: $tool" >&2; exit 2; }
done
[ -f "$ROOT/dist/pulumi/index.js" ] || { echo "build first: npm run build (at $ROOT)" >&2; exit 2; }
[ -d "$HERE/node_modules/lbaas" ] || { echo "install first: (cd $HERE && npm install)" >&2; exit 2; }

W="$(mktemp -d /tmp/lbaas-pulumi-verify.XXXXXX)"
export PULUMI_HOME="$W/home" PULUMI_CONFIG_PASSPHRASE="" PULUMI_SKIP_UPDATE_CHECK=true
export PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION=true PULUMI_SKIP_CONFIRMATIONS=true
unset LBAAS_ENDPOINT LBAAS_TOKEN
mkdir -p "$W/home" "$W/state" "$W/agent"
STACK="verify$$"
PIDS=()

cleanup() {
  set +e
  cd "$HERE"
  if pulumi stack select "$STACK" >/dev/null 2>&1; then
    pulumi destroy --yes --non-interactive >/dev/null 2>&1
    pulumi stack rm --yes --force "$STACK" >/dev/null 2>&1
  fi
  for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null; done
  sleep 1
  # HAProxy masters this agent started (their command line names our state dir), if any are left.
  for f in "$W"/agent/pools/*/haproxy.pid; do
    [ -f "$f" ] || continue
    pid="$(cat "$f")"
    grep -qs "$W" "/proc/$pid/cmdline" && kill "$pid"
  done
  rm -rf "$W"
}
trap cleanup EXIT

step() { echo; echo "== $*"; }
ok() { echo "ok - $*"; }
fail() { echo "FAILED - $*" >&2; exit 1; }
free_port() { node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'; }
# Answers of n requests through the VIP, as "count name" lines.
spread() { for _ in $(seq "$1"); do curl -s -m 3 "http://$VIP_ADDRESS:$VIP_PORT/" || echo "(no answer)"; done | sort | uniq -c; }
api() { curl -s -H "Authorization: Bearer $TOKEN" "$@"; }
put() { api -X PUT -H 'content-type: application/json' "$@"; }
up() { pulumi up --yes --non-interactive --color never "$@" 2>&1 | tee -a "$W/pulumi.log" | grep -v '^@'; }

step "agent (local driver) and four HTTP backends"
AGENT_PORT="$(free_port)"
node "$ROOT/dist/agent/cli.js" --driver local --state-dir "$W/agent" --listen "127.0.0.1:$AGENT_PORT" >"$W/agent.log" 2>&1 &
PIDS+=($!)
B=("$(free_port)" "$(free_port)" "$(free_port)" "$(free_port)")
node "$HERE/serve-backends.mjs" "${B[@]}" >"$W/backends.log" 2>&1 &
PIDS+=($!)
for _ in $(seq 100); do grep -q '"listening"' "$W/agent.log" && [ "$(wc -l <"$W/backends.log")" -ge 4 ] && break; sleep 0.1; done
ENDPOINT="http://127.0.0.1:$AGENT_PORT"
TOKEN="$(cat "$W/agent/token")"
A="$ENDPOINT/v1"
VIP_ADDRESS="127.0.0.$((50 + RANDOM % 150))"
VIP_PORT="$(free_port)"
ok "agent at $ENDPOINT, backends on ${B[*]}, VIP $VIP_ADDRESS:$VIP_PORT"
pulumi version

step "stack and config"
cd "$HERE"
pulumi login "file://$W/state" >/dev/null
pulumi stack init "$STACK" >/dev/null
pulumi config set lbaas:endpoint "$ENDPOINT"
pulumi config set --secret lbaas:token "$TOKEN"
for i in 0 1 2; do
  pulumi config set --path "backends[$i].address" 127.0.0.1
  pulumi config set --path "backends[$i].port" "${B[$i]}"
done
pulumi config set vipAddress "$VIP_ADDRESS"
pulumi config set vipPort "$VIP_PORT"
ok "stack $STACK"

step "pulumi preview: plans 8 creates, touches nothing"
pulumi preview --non-interactive --color never 2>&1 | tee "$W/preview.out" | grep -v '^@'
grep -q '+ 8 to create' "$W/preview.out" || fail "preview did not plan 8 creates"
[ "$(api "$A/pools" | jq '.items | length')" = 0 ] || fail "preview created something"
ok "preview"

step "pulumi up: creates the load balancer; traffic flows through the VIP to the three backends"
up | tee "$W/up1.out"
grep -q '+ 8 created' "$W/up1.out" || fail "up did not create 8 resources"
[ "$(pulumi stack output url)" = "http://$VIP_ADDRESS:$VIP_PORT" ] || fail "url output"
sleep 3 # members ONLINE after the HTTP monitor's first checks (delay 2 s)
spread 12 | tee "$W/spread1"
for i in 0 1 2; do grep -q "backend-${B[$i]}" "$W/spread1" || fail "backend ${B[$i]} got no traffic"; done
ok "traffic reaches all three backends"

step "the token is a secret in the state, nowhere in plain text"
pulumi stack export >"$W/export.json"
[ "$(jq '[.deployment.resources[] | select(.type | startswith("pulumi-nodejs:dynamic/lbaas:"))] | length' "$W/export.json")" = 6 ] || fail "6 dynamic resources expected"
jq -e '[.deployment.resources[] | select(.type | startswith("pulumi-nodejs:dynamic/lbaas:")) |
  (.inputs.token | type == "object" and has("ciphertext")) and (.outputs.token | type == "object" and has("ciphertext"))] | all' "$W/export.json" >/dev/null || fail "token not secret"
! grep -rqF "$TOKEN" "$W/state" || fail "token in plain text in the state"
ok "token encrypted in inputs and outputs of every resource"

step "pulumi preview --expect-no-changes after up"
pulumi preview --expect-no-changes --non-interactive --color never >/dev/null 2>&1 || fail "a second preview plans changes"
ok "no changes"

step "out-of-band changes through the agent API, then pulumi refresh"
M0="$(pulumi stack output memberIds --json | jq -r '.[0]')"
M2="$(pulumi stack output memberIds --json | jq -r '.[2]')"
P="$(pulumi stack output poolId)"
put "$A/members/$M0?wait=20" -d '{"weight":5,"admin_state_up":false}' | jq -c '{member: .id, weight, admin_state_up}'
put "$A/pools/$P?wait=20" -d '{"lb_method":"LEAST_CONNECTIONS"}' | jq -c '{pool: .id, lb_method}'
api -X DELETE "$A/members/$M2?wait=20" -o /dev/null -w 'DELETE member %{http_code}\n'
pulumi refresh --yes --non-interactive --color never --diff 2>&1 | tee "$W/refresh.out" | grep -v '^@' | grep -E '^ *[~+-] |^ *~ (weight|admin_state_up|lb_method)|updated|deleted|changes'
grep -q '~ 2 updated' "$W/refresh.out" && grep -q -- '- 1 deleted' "$W/refresh.out" || fail "refresh did not report 2 updated, 1 deleted"
grep -qE '~ weight +: 1 => 5' "$W/refresh.out" || fail "refresh did not show the weight drift"
grep -qE '~ lb_method +: "ROUND_ROBIN" => "LEAST_CONNECTIONS"' "$W/refresh.out" || fail "refresh did not show the lb_method drift"
pulumi stack export >"$W/export2.json"
jq -e --arg id "$M0" '.deployment.resources[] | select(.id == $id) | .outputs.weight == 5 and .outputs.admin_state_up == false' "$W/export2.json" >/dev/null || fail "state after refresh"
jq -e --arg id "$M2" '[.deployment.resources[] | select(.id == $id)] | length == 0' "$W/export2.json" >/dev/null || fail "deleted member still in state"
! grep -rqF "$TOKEN" "$W/state" || fail "token in plain text after refresh"
ok "refresh shows the drift and drops the deleted member"

step "pulumi up puts the program's values back"
up | tee "$W/up2.out"
grep -q '+ 1 created' "$W/up2.out" && grep -q '~ 2 updated' "$W/up2.out" || fail "up after refresh"
api "$A/members/$M0" | jq -e '.weight == 1 and .admin_state_up == true' >/dev/null || fail "member 0 not restored"
api "$A/pools/$P" | jq -e '.lb_method == "ROUND_ROBIN" and (.member_ids | length) == 3' >/dev/null || fail "pool not restored"
ok "weight, admin_state_up, lb_method restored; member re-created"

step "a weight change is an update, a port change a replace (create, then delete)"
pulumi config set --path 'backends[1].weight' 3
pulumi config set --path 'backends[2].port' "${B[3]}"
up | tee "$W/up3.out"
grep -qE 'web-member-1 updated .*\[diff: ~weight\]' "$W/up3.out" || fail "weight change was not an update"
grep -qE 'web-member-2 created replacement .*\[diff: ~protocol_port\]' "$W/up3.out" || fail "port change was not a replacement"
grep -qE 'web-member-2 deleted original' "$W/up3.out" || fail "old member not deleted"
sleep 3
spread 15 | tee "$W/spread3"
grep -q "backend-${B[3]}" "$W/spread3" && ! grep -q "backend-${B[2]}" "$W/spread3" || fail "traffic did not move to the new port"
ok "member-1 updated in place, member-2 replaced; traffic moved"

step "protocol HTTP -> TCP: pool, members and VIP replaced; the VIP (same address and port) deleted first"
pulumi config set protocol TCP
up | tee "$W/up4.out"
grep -q '+-5 replaced' "$W/up4.out" || fail "expected 5 replacements"
first_delete="$(grep -n 'web-vip deleting original' "$W/up4.out" | head -1 | cut -d: -f1)"
first_create="$(grep -n 'web-vip creating replacement' "$W/up4.out" | head -1 | cut -d: -f1)"
[ -n "$first_delete" ] && [ -n "$first_create" ] && [ "$first_delete" -lt "$first_create" ] || fail "VIP not deleted before its replacement"
[ "$(pulumi stack output url)" = "tcp://$VIP_ADDRESS:$VIP_PORT" ] || fail "url after protocol change"
sleep 3
spread 6 | grep -q backend- || fail "no traffic after the protocol change"
[ "$(api "$A/pools" | jq '.items | length')" = 1 ] || fail "old pool left behind"
ok "deleteBeforeReplace for the VIP; old pool deleted last"

step "invalid config fails in check (preview), one error per property"
pulumi config set --path 'backends[0].port' 70000
pulumi config set --path 'backends[0].address' 0.0.0.0
if pulumi preview --non-interactive --color never >"$W/preview-bad.out" 2>&1; then fail "preview accepted invalid input"; fi
grep 'has a problem' "$W/preview-bad.out" | sort -u | sed 's/^ *//'
grep -q 'property protocol_port value {70000} has a problem: must be between 1 and 65535' "$W/preview-bad.out" || fail "port failure"
grep -q 'property address value {0.0.0.0} has a problem: must be a unicast IPv4 address' "$W/preview-bad.out" || fail "address failure"
pulumi config set --path 'backends[0].port' "${B[0]}"
pulumi config set --path 'backends[0].address' 127.0.0.1
ok "check failures"

step "pulumi destroy, after one member was deleted out of band"
M1="$(pulumi stack output memberIds --json | jq -r '.[1]')"
api -X DELETE "$A/members/$M1" -o /dev/null -w 'DELETE member %{http_code}\n'
pulumi destroy --yes --non-interactive --color never 2>&1 | tee "$W/destroy.out" | grep -v '^@' | tail -4
grep -q -- '- 8 deleted' "$W/destroy.out" || fail "destroy"
for k in pools members vips health_monitors; do
  [ "$(api "$A/$k" | jq '.items | length')" = 0 ] || fail "$k left on the agent"
done
if curl -s -m 2 "http://$VIP_ADDRESS:$VIP_PORT/" >/dev/null; then fail "VIP still answers"; fi
ok "agent empty, VIP closed"

echo
echo "verified: all steps passed"
