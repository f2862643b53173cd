# Every volume of the fleet "prod", read from the arrays.
data "pure_volumes" "all" {
  fleet = "prod"
}

# Only the block volumes on arrays labelled zone = "a".
data "pure_volumes" "zone_a" {
  fleet        = "prod"
  kind         = "block"
  array_labels = { zone = "a" }
}

output "volumes" {
  value = { for v in data.pure_volumes.all.volumes : v.id => "${v.array} (${v.size_bytes} bytes)" }
}

output "zone_a_count" {
  value = length(data.pure_volumes.zone_a.volumes)
}
