variable "arrays" {
  description = "The fleet's arrays. `npm run quickstart` writes them (simulator.auto.tfvars.json) from the running simulator."
  type = list(object({
    name      = string
    type      = string
    endpoint  = string
    api_token = string
    labels    = map(string)
  }))
}

variable "ca_file" {
  description = "CA certificate that signs the arrays' management certificates (the simulator writes its own)."
  type        = string
}
