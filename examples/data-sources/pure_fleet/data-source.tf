# The fleet's live telemetry, as placement sees it.
data "pure_fleet" "live" {}

# Per array: health, how full it is and how busy. Each array also has `observed_at` (when the
# reading was taken) and `performance.latency_ms`; they change on every read, so an output of them
# would show a change in every plan.
output "arrays" {
  value = {
    for a in data.pure_fleet.live.arrays : a.name => {
      healthy    = a.healthy
      problems   = [for p in a.problems : "${p.severity}: ${p.message}"]
      used_share = try(a.capacity.used_share, null)
      load       = try(a.performance.load, null)
      volumes    = try("${a.volumes.count} of ${coalesce(a.volumes.limit, "unknown")}", null)
    }
  }
}

output "fleet_used_share" {
  value = data.pure_fleet.live.totals.used_share
}
