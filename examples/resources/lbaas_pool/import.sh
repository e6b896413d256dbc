# By the id the agent gave the object (GET /v1/pools).
terraform import lbaas_pool.example <id>
