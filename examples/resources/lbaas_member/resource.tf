resource "lbaas_member" "web_1" {
  pool_id       = lbaas_pool.web.id
  address       = "10.0.0.11"
  protocol_port = 8080
  weight        = 3
}
