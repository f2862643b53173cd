import {
  to = pure_nfs_export_policy.analytics
  id = "prod/analytics"
}
