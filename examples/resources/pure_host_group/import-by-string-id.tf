import {
  to = pure_host_group.cluster
  id = "prod/cluster"
}
