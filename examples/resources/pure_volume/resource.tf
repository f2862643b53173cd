resource "pure_fleet" "prod" {
  name = "prod"
}

# Placed on the best array of the fleet. The plan checks that the fleet can take it; apply
# chooses the array from fresh telemetry and records why in placement.
resource "pure_volume" "database" {
  fleet = pure_fleet.prod.name
  name  = "database"
  size  = "2T"
}

# Only arrays labelled zone = "west-a" may hold it, and it reserves performance headroom for
# 5000 IOPS.
resource "pure_volume" "logs" {
  fleet         = pure_fleet.prod.name
  name          = "logs"
  size          = "500G"
  array_labels  = { zone = "west-a" }
  expected_iops = 5000
}

# Pinned to an array: no placement decision. Destroy eradicates it at once instead of leaving
# it in the array's eradication bin.
resource "pure_volume" "scratch" {
  fleet           = pure_fleet.prod.name
  name            = "scratch"
  size            = "100G"
  array           = "fa-west-1"
  deletion_policy = "eradicate"
}

output "database_placement" {
  description = "Where the database volume went, and why."
  value       = "${pure_volume.database.array}: ${pure_volume.database.placement.summary}"
}
