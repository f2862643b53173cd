resource "pure_fleet" "prod" {
  name = "prod"
}

# One policy, the same on every FlashBlade of the fleet that has export policies (REST 2.3 or
# later). Rules are listed in the order FlashBlade keeps them: IP addresses and networks, then
# other clients, then "*".
resource "pure_nfs_export_policy" "analytics" {
  fleet = pure_fleet.prod.name
  name  = "analytics"

  rules = [
    { client = "10.20.0.0/16", permission = "rw", access = "root-squash" },
    { client = "10.30.1.5", permission = "rw", access = "no-squash" },
    { client = "*", permission = "ro", access = "all-squash", anonuid = 1000, anongid = 1000 },
  ]
}

# A file volume exported through the policy instead of its own rules. Changing the policy's
# rules edits them in place; the file system keeps exporting. Destroying it detaches the policy
# (the file system waits in the eradication bin without it), so both can go in one run.
resource "pure_volume" "datasets" {
  fleet         = pure_fleet.prod.name
  name          = "datasets"
  kind          = "file"
  size          = "10T"
  export_policy = pure_nfs_export_policy.analytics.policy_name
}

output "datasets_mount" {
  description = "What NFS clients mount."
  value       = pure_volume.datasets.mount_path
}
