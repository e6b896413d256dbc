data "lbaas_agent" "this" {}

output "driver" {
  value = data.lbaas_agent.this.driver
}
