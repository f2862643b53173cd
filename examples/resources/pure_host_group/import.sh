# A host group is imported by "<fleet>/<name>". It is found on the FlashArrays of the roster where
# it carries the fleet's ownership mark (a host group the fleet did not create is not imported).
terraform import pure_host_group.cluster prod/cluster
