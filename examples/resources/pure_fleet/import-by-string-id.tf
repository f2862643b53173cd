import {
  to = pure_fleet.prod
  id = "prod"
}
