# A fleet over every array of the provider's roster. Its volumes live in its namespace on the
# arrays: pure_volume "database" of fleet "prod" is the volume "prod-database".
resource "pure_fleet" "prod" {
  name = "prod"
}

output "prod_members" {
  description = "Each member array as pure_fleet recorded it."
  value = [
    for m in pure_fleet.prod.members : "${m.name}: ${m.type} ${m.array_name}, Purity ${m.os_version}, REST ${m.api_version}"
  ]
}
