# By the id the agent gave the object (GET /v1/vips).
terraform import lbaas_vip.example <id>
