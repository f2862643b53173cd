output "placements" {
  description = "Where each volume was placed, and why."
  value = {
    for v in [pure_volume.database, pure_volume.logs] : v.name => {
      array  = v.array
      size   = v.size
      reason = v.placement.summary
    }
  }
}

output "fleet_members" {
  description = "The arrays of the fleet as pure_fleet recorded them."
  value       = [for m in pure_fleet.quickstart.members : "${m.name} (${m.array_name}, Purity ${m.os_version}, REST ${m.api_version})"]
}
