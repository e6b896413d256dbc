# By the id the agent gave the object (GET /v1/members).
terraform import lbaas_member.example <id>
