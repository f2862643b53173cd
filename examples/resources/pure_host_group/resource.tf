resource "pure_fleet" "prod" {
  name = "prod"
}

resource "pure_host" "node1" {
  fleet = pure_fleet.prod.name
  name  = "node1"
  iqns  = ["iqn.1994-05.com.redhat:node1"]
}

resource "pure_host" "node2" {
  fleet = pure_fleet.prod.name
  name  = "node2"
  iqns  = ["iqn.1994-05.com.redhat:node2"]
}

# A cluster's hosts, registered as one host group on every FlashArray of the fleet. An array
# added to the roster later gets the group (and its hosts) on the next apply. A host can be in
# at most one host group. `adopt = true` would take over a group of this name that another
# workload created; without it, such a group is an error naming the array.
resource "pure_host_group" "cluster" {
  fleet = pure_fleet.prod.name
  name  = "cluster"
  hosts = [pure_host.node1.name, pure_host.node2.name]
}

# Connected to the whole group on the array it is placed on: every node sees it at the same
# LUN, recorded in `host_group_connections`.
resource "pure_volume" "quorum" {
  fleet       = pure_fleet.prod.name
  name        = "quorum"
  size        = "10G"
  host_groups = [pure_host_group.cluster.name]
}

output "cluster_arrays" {
  description = "The FlashArrays the cluster's host group is registered on."
  value       = pure_host_group.cluster.arrays
}

output "quorum_lun" {
  description = "The LUN the cluster's hosts see the quorum volume at."
  value       = pure_volume.quorum.host_group_connections[0].lun
}
