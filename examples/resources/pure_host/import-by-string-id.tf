import {
  to = pure_host.db1
  id = "prod/db1"
}
