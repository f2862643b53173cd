# A fleet is imported by its name.
terraform import pure_fleet.prod prod
