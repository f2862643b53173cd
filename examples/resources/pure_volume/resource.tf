resource "pure_fleet" "prod" {
  name = "prod"
}

resource "pure_host" "db1" {
  fleet = pure_fleet.prod.name
  name  = "db1"
  iqns  = ["iqn.1994-05.com.redhat:db1"]
}

# Placed on the best FlashArray of the fleet. The plan checks that the fleet can take it; apply
# chooses the array from fresh telemetry and records why in placement. It is connected to db1
# (the LUN is in `connections`, the device id in `wwn`) and snapshotted every hour, each
# snapshot kept a week, by the fleet's protection group on its array.
resource "pure_volume" "database" {
  fleet              = pure_fleet.prod.name
  name               = "database"
  size               = "2T"
  hosts              = [pure_host.db1.name]
  snapshot_every     = "1h"
  snapshot_retention = "7d"
}

# Only arrays labelled zone = "west-a" may hold it, and it reserves performance headroom for
# 5000 IOPS. The array serves it at most 20000 IOPS and 500 MiB/s.
resource "pure_volume" "logs" {
  fleet           = pure_fleet.prod.name
  name            = "logs"
  size            = "500G"
  array_labels    = { zone = "west-a" }
  expected_iops   = 5000
  iops_limit      = 20000
  bandwidth_limit = "500M"
}

# A file volume: an NFS file system on a FlashBlade of the fleet, with a 1 TiB hard quota,
# exported over NFSv3 only to one network (read-write) and a netgroup (read-only), snapshotted
# every 4 hours (each snapshot kept two days) by the fleet's snapshot policy on its FlashBlade. All
# its clients together get at most 10000 operations and 1 GiB per second, held by a QoS policy of
# the file system's own on the FlashBlade (REST 2.17 or later).
resource "pure_volume" "shared" {
  fleet              = pure_fleet.prod.name
  name               = "shared"
  kind               = "file"
  size               = "1T"
  hard_limit         = true
  array_labels       = { zone = "east-a" }
  export_rules       = "10.0.0.0/24(rw,no_root_squash) @ops(ro)"
  nfs_v3             = true
  nfs_v4_1           = false
  snapshot_every     = "4h"
  snapshot_retention = "2d"
  iops_limit         = 10000
  bandwidth_limit    = "1G"
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

output "shared_mount" {
  description = "What NFS clients mount: <NFS endpoint>:/<file system>."
  value       = pure_volume.shared.mount_path
}
