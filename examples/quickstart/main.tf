# Quickstart: one fleet and two volumes. The provider places each volume on the best array of
# the fleet when it is created; `terraform output placements` shows where each one went.
terraform {
  required_providers {
    pure = {
      source = "pure-fleet/pure"
    }
  }
}

provider "pure" {
  ca_file = var.ca_file

  dynamic "array" {
    for_each = var.arrays
    content {
      name      = array.value.name
      type      = array.value.type
      endpoint  = array.value.endpoint
      api_token = array.value.api_token
      labels    = array.value.labels
    }
  }
}

resource "pure_fleet" "quickstart" {
  name = "quickstart"
}

resource "pure_volume" "database" {
  fleet = pure_fleet.quickstart.name
  name  = "database"
  size  = "2T"
}

resource "pure_volume" "logs" {
  fleet = pure_fleet.quickstart.name
  name  = "logs"
  size  = "500G"
}
