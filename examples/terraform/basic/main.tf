# A pool of three members behind a VIP with an HTTP health monitor and cookie
# persistence. Run against a local agent:
#   npm run provider:install     # once: the provider into ~/.terraform.d/plugins
#   export LBAAS_ENDPOINT=http://127.0.0.1:9696 LBAAS_TOKEN_FILE=~/.local/state/lbaas/token
#   terraform init && terraform apply
terraform {
  required_providers {
    lbaas = {
      source = "lbaas.local/lbaas/lbaas"
    }
  }
}

provider "lbaas" {}

variable "members" {
  description = "Backend addresses and ports, and optionally each one's weight (default 1)."
  type = list(object({
    address = string
    port    = number
    weight  = optional(number, 1)
  }))
  default = [
    { address = "127.0.0.1", port = 8001 },
    { address = "127.0.0.1", port = 8002 },
    { address = "127.0.0.1", port = 8003 },
  ]
}

variable "subnet" {
  description = "Agent network of the pool and VIP (`local` under the local driver)."
  type        = string
  default     = "local"
}

variable "vip_port" {
  type    = number
  default = 8080
}

variable "vip_address" {
  description = "VIP address; null lets the agent allocate one from the subnet."
  type        = string
  default     = null
}

resource "lbaas_health_monitor" "http" {
  type           = "HTTP"
  delay          = 2
  timeout        = 1
  max_retries    = 3
  url_path       = "/"
  expected_codes = "200-299"
}

resource "lbaas_pool" "web" {
  name               = "web"
  protocol           = "HTTP"
  lb_method          = "ROUND_ROBIN"
  subnet             = var.subnet
  health_monitor_ids = [lbaas_health_monitor.http.id]
}

resource "lbaas_member" "web" {
  count         = length(var.members)
  pool_id       = lbaas_pool.web.id
  address       = var.members[count.index].address
  protocol_port = var.members[count.index].port
  weight        = var.members[count.index].weight
}

resource "lbaas_vip" "web" {
  name          = "web"
  pool_id       = lbaas_pool.web.id
  subnet        = var.subnet
  address       = var.vip_address
  protocol      = "HTTP"
  protocol_port = var.vip_port

  session_persistence {
    type = "HTTP_COOKIE"
  }

  # Members first, so the VIP goes live with a full pool.
  depends_on = [lbaas_member.web]
}

output "vip_address" {
  value = lbaas_vip.web.address
}

output "url" {
  value = "http://${lbaas_vip.web.address}:${lbaas_vip.web.protocol_port}/"
}
