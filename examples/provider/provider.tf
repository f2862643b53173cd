terraform {
  required_providers {
    pure = {
      source = "pure-fleet/pure"
    }
  }
}

# The provider configuration is the fleet's roster: arrays listed here, plus every array of a
# Pure Service Orchestrator values.yaml (each named by its MgmtEndPoint). API tokens stay out of
# the configuration: they come from PURE_API_TOKEN_<NAME> or from the values file. Certificates
# are verified against the CA in PURE_CA_FILE (or ca_file).
provider "pure" {
  pso_values_file = "${path.module}/values.yaml"

  array {
    name     = "fa-west-1"
    type     = "flasharray"
    endpoint = var.fa_west_1_endpoint
    labels   = { zone = "west-a" }
    # api_token from PURE_API_TOKEN_FA_WEST_1
  }

  placement {
    # Leave a fifth of every array free, reservations included.
    capacity_threshold = 0.8
  }
}

variable "fa_west_1_endpoint" {
  description = "Management address of fa-west-1: host, host:port or an https URL."
  type        = string
}
