# A volume is imported by "<fleet>/<name>": its fleet and its name within the fleet (on the
# array it is "<fleet>-<name>"). The provider finds the array that holds it.
terraform import pure_volume.database prod/database
# A file volume is imported the same way; its kind is read from the array.
terraform import pure_volume.shared prod/shared
