import {
  to = pure_volume.database
  id = "prod/database"
}
