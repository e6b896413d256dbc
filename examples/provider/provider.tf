# Every setting can also come from the environment (LBAAS_ENDPOINT, LBAAS_TOKEN, LBAAS_TOKEN_FILE, LBAAS_TIMEOUT…).
provider "lbaas" {
  endpoint   = "http://127.0.0.1:9696"
  token_file = "/var/lib/lbaas/token"

  timeouts {
    create = "5m"
    delete = "2m"
  }
}
