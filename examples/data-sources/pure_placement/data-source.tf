# Where would these volumes go if they were created now? Nothing is created or reserved.
data "pure_placement" "preview" {
  fleet = "prod"
  requests = [
    { name = "db-1", size = "500G", expected_iops = 5000 },
    { name = "db-2", size = "500G", expected_iops = 5000 },
    { name = "logs", size = "2T" },
  ]
}

# The array each would go to (null when none can take it) ...
output "preview" {
  value = { for p in data.pure_placement.preview.placements : p.name => p.array }
}

# ... and why: every feasible array with its scores, every other array with its reason.
output "why" {
  value = {
    for p in data.pure_placement.preview.placements : p.name => {
      ranking  = [for r in p.ranking : "${r.array}: ${r.score}"]
      excluded = [for e in p.excluded : "${e.array}: ${e.reason}"]
    }
  }
}
