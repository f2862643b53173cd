# The fleet's live telemetry, as the placement engine sees it. Reading it changes nothing and
# reserves nothing.
data "pure_fleet" "live" {}

# Warn (without failing the run) when the fleet is filling up or an array is unwell. The figures
# change with every read, so they are asserted here rather than kept in outputs.
check "fleet_health" {
  assert {
    condition     = data.pure_fleet.live.totals.used_share < 0.8
    error_message = "The fleet is ${floor(data.pure_fleet.live.totals.used_share * 100)}% full."
  }
  assert {
    condition     = data.pure_fleet.live.totals.healthy_arrays == data.pure_fleet.live.totals.arrays
    error_message = "Unhealthy arrays: ${join(", ", [for a in data.pure_fleet.live.arrays : a.name if !a.healthy])}."
  }
}

# Per array: its kind, REST version and whether placement may use it.
output "arrays" {
  value = {
    for a in data.pure_fleet.live.arrays : a.name => {
      type        = a.type
      api_version = a.api_version
      healthy     = a.healthy
      problems    = [for p in a.problems : "${p.severity}: ${p.message}"]
    }
  }
}
