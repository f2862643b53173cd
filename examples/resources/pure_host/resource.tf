resource "pure_fleet" "prod" {
  name = "prod"
}

# Registered on every FlashArray of the fleet, so a volume placed on any of them can be
# connected to it (pure_volume's `hosts`). An array added to the roster later gets the host on
# the next apply.
resource "pure_host" "db1" {
  fleet       = pure_fleet.prod.name
  name        = "db1"
  iqns        = ["iqn.1994-05.com.redhat:db1"]
  nqns        = ["nqn.2014-08.com.example:db1"]
  personality = "esxi"
}

# A Fibre Channel host. `adopt` takes over a host of this name that already exists on an array
# but was created outside this fleet; without it, such a host is an error.
resource "pure_host" "backup" {
  fleet = pure_fleet.prod.name
  name  = "backup"
  wwns  = ["21:00:00:24:ff:4c:12:34"]
  adopt = true
}

output "db1_arrays" {
  description = "The FlashArrays db1 is registered on."
  value       = pure_host.db1.arrays
}
