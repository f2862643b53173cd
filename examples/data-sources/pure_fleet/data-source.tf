# The fleet's live telemetry, as placement sees it.
data "pure_fleet" "live" {}

# Per array: health, how full it is and how busy, and when that was read.
output "arrays" {
  value = {
    for a in data.pure_fleet.live.arrays : a.name => {
      healthy     = a.healthy
      problems    = [for p in a.problems : "${p.severity}: ${p.message}"]
      used_share  = try(a.capacity.used_share, null)
      load        = try(a.performance.load, null)
      latency_ms  = try(a.performance.latency_ms, null)
      volumes     = try("${a.volumes.count} of ${coalesce(a.volumes.limit, "unknown")}", null)
      observed_at = a.observed_at
    }
  }
}

output "fleet_used_share" {
  value = data.pure_fleet.live.totals.used_share
}
