# A host is imported by "<fleet>/<name>". It is found on the FlashArrays of the roster where it
# carries the fleet's ownership mark (a host the fleet did not create is not imported).
terraform import pure_host.db1 prod/db1
