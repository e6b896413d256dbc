# By the id the agent gave the object (GET /v1/health_monitors).
terraform import lbaas_health_monitor.example <id>
