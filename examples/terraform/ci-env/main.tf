# The CI test-environment case: members come from a list variable (one per
# test host), keyed for for_each so adding or removing one host touches only
# that member. Outputs the URL tests should hit. Install the provider once with
# `npm run provider:install`, set LBAAS_ENDPOINT and LBAAS_TOKEN (or
# LBAAS_TOKEN_FILE), then:
#   terraform init && terraform apply -var 'backends=["10.0.0.5:8080","10.0.0.6:8080"]'
terraform {
  required_providers {
    lbaas = {
      source = "lbaas.local/lbaas/lbaas"
    }
  }
}

provider "lbaas" {}

variable "environment" {
  description = "Name of the test environment (CI job id, branch, ...)."
  type        = string
  default     = "ci"
}

variable "backends" {
  description = "Test hosts as \"address:port\"."
  type        = list(string)
  default     = ["127.0.0.1:9001", "127.0.0.1:9002"]
}

variable "subnet" {
  type    = string
  default = "local"
}

variable "vip_port" {
  type    = number
  default = 8090
}

variable "vip_address" {
  description = "VIP address; null lets the agent allocate one from the subnet."
  type        = string
  default     = null
}

locals {
  backends = { for b in var.backends : b => { address = split(":", b)[0], port = tonumber(split(":", b)[1]) } }
}

resource "lbaas_health_monitor" "tcp" {
  type        = "TCP"
  delay       = 2
  timeout     = 1
  max_retries = 2
}

resource "lbaas_pool" "env" {
  name               = "${var.environment}-pool"
  description        = "test environment ${var.environment}"
  protocol           = "HTTP"
  lb_method          = "LEAST_CONNECTIONS"
  subnet             = var.subnet
  health_monitor_ids = [lbaas_health_monitor.tcp.id]
}

resource "lbaas_member" "env" {
  for_each      = local.backends
  pool_id       = lbaas_pool.env.id
  address       = each.value.address
  protocol_port = each.value.port
}

resource "lbaas_vip" "env" {
  name             = "${var.environment}-vip"
  pool_id          = lbaas_pool.env.id
  subnet           = var.subnet
  address          = var.vip_address
  protocol         = "HTTP"
  protocol_port    = var.vip_port
  connection_limit = 500
}

output "url" {
  description = "Where the tests of this environment send their requests."
  value       = "http://${lbaas_vip.env.address}:${lbaas_vip.env.protocol_port}/"
}

output "member_ids" {
  value = { for k, m in lbaas_member.env : k => m.id }
}
