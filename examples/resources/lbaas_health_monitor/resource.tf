resource "lbaas_health_monitor" "http" {
  type           = "HTTP"
  delay          = 5
  timeout        = 2
  max_retries    = 3
  url_path       = "/healthz"
  expected_codes = "200-204"
}
