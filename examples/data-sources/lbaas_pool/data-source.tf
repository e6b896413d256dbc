# By name (or by id).
data "lbaas_pool" "web" {
  name = "web"
}

output "web_members" {
  value = data.lbaas_pool.web.member_ids
}
