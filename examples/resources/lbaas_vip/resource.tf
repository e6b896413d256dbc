resource "lbaas_vip" "web" {
  name             = "web"
  pool_id          = lbaas_pool.web.id
  subnet           = "local"
  protocol         = "HTTP"
  protocol_port    = 80
  connection_limit = 1000

  session_persistence {
    type = "HTTP_COOKIE"
  }
}
