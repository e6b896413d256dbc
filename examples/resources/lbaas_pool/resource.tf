resource "lbaas_pool" "web" {
  name               = "web"
  protocol           = "HTTP"
  lb_method          = "ROUND_ROBIN"
  subnet             = "local"
  health_monitor_ids = [lbaas_health_monitor.http.id]
}
