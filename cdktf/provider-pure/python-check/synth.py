"""The example's stack declared in Python over the Python bindings (jsii-pacmak's wheel).

Usage: python synth.py CONFIG_JSON OUTDIR, CONFIG_JSON being {"arrays": [...], "volumes": [...]}
as examples/cdktf's FleetStack takes them; examples/cdktf/test/python.test.ts compares what this
synthesizes with what the TypeScript FleetStack does.
"""

import json
import sys

from cdktf import App, TerraformOutput, TerraformStack
from constructs import Construct
from pure_fleet_cdktf_provider_pure import fleet, provider, volume


class FleetVolumes(Construct):
    def __init__(self, scope: Construct, id: str, fleet_name: str, specs: list) -> None:
        super().__init__(scope, id)
        the_fleet = fleet.Fleet(self, "fleet", name=fleet_name)
        volumes = {
            spec["name"]: volume.Volume(
                self,
                spec["name"],
                fleet=the_fleet.name,
                name=spec["name"],
                kind=spec.get("kind"),
                size=spec["size"],
                array_labels={"zone": spec["zone"]},
                deletion_policy=spec["deletionPolicy"],
            )
            for spec in specs
        }
        TerraformOutput(
            self,
            "volume_arrays",
            description="The array each volume was placed on",
            value={name: v.array for name, v in volumes.items()},
        ).override_logical_id("volume_arrays")
        TerraformOutput(
            self,
            "volume_placement",
            description="Why each volume is where it is",
            value={name: v.placement.summary for name, v in volumes.items()},
        ).override_logical_id("volume_placement")


class FleetStack(TerraformStack):
    def __init__(self, scope: Construct, id: str, arrays: list, specs: list) -> None:
        super().__init__(scope, id)
        provider.PureProvider(
            self,
            "pure",
            array=[
                provider.PureProviderArray(
                    name=a["name"], type=a["type"], endpoint=a["endpoint"], labels={"zone": a["zone"]}
                )
                for a in arrays
            ],
        )
        FleetVolumes(self, "app", "orders", specs)


def main() -> None:
    config = json.loads(sys.argv[1])
    app = App(outdir=sys.argv[2])
    FleetStack(app, "fleet", config["arrays"], config["volumes"])
    app.synth()


if __name__ == "__main__":
    main()
