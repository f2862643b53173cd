# An NFS export policy is imported by "<fleet>/<name>"; on the FlashBlades it is
# "<fleet>-<name>". Its rules are read from the arrays on the next refresh.
terraform import pure_nfs_export_policy.analytics prod/analytics
