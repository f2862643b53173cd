"""Pure's own Python client (py-pure-client, from PyPI) drives the simulator.

scripts/python-tests.mjs starts a fleet from test/python/fleet.yaml and points
SIM_FLEET_JSON at the description it wrote. Every client verifies TLS against
the simulator's CA, negotiates the REST version from /api/api_version and
logs in with an API token (or, as an API client, by OAuth 2.0 token exchange),
exactly as it would against a real array.
"""
import json
import os
import ssl
import time
import urllib.request
import uuid

import pytest
from pypureclient import flasharray, flashblade
from pypureclient.configuration import Configuration


def _fleet():
    with open(os.environ["SIM_FLEET_JSON"], encoding="utf-8") as f:
        return json.load(f)


FLEET = _fleet()


def _array(name):
    return next(a for a in FLEET["arrays"] if a["name"] == name)


def _config():
    return Configuration(ssl_ca_cert=FLEET["caCertPath"])


def _control(method, path, body=None):
    ctx = ssl.create_default_context(cafile=FLEET["caCertPath"])
    data = None if body is None else json.dumps(body).encode()
    req = urllib.request.Request(
        FLEET["controlUrl"] + "/simulator/v1" + path,
        data=data,
        method=method,
        headers={"content-type": "application/json"} if data else {},
    )
    with urllib.request.urlopen(req, context=ctx) as resp:
        return json.loads(resp.read() or b"{}")


def _fa(name="fa-py-1", **kwargs):
    a = _array(name)
    return flasharray.Client(
        target=a["mgmtEndpoint"], api_token=a["apiToken"], verify_ssl=True, configuration=_config(), **kwargs
    )


def _fb(name="fb-py-1"):
    a = _array(name)
    return flashblade.Client(
        target=a["mgmtEndpoint"], api_token=a["apiToken"], verify_ssl=True, configuration=_config()
    )


def _ok(resp):
    assert isinstance(resp, flasharray.ValidResponse) or type(resp).__name__ == "ValidResponse", getattr(
        resp, "errors", resp
    )
    return list(resp.items)


def _messages(resp):
    assert type(resp).__name__ == "ErrorResponse", resp
    return " ".join(e.message for e in resp.errors)


def _unique(prefix):
    return f"{prefix}-{uuid.uuid4().hex[:8]}"


# --- FlashArray --------------------------------------------------------------


def test_flasharray_negotiates_highest_common_version():
    assert _fa().get_rest_version() == "2.56"
    # An array advertising at most 2.17 gets a 2.17 client module.
    assert _fa("fa-py-old").get_rest_version() == "2.17"


def test_flasharray_login_is_rejected_with_a_wrong_token():
    a = _array("fa-py-1")
    with pytest.raises(Exception) as err:
        flasharray.Client(target=a["mgmtEndpoint"], api_token=str(uuid.uuid4()), verify_ssl=True, configuration=_config())
    assert "401" in str(err.value)


def test_flasharray_arrays_space_and_performance():
    client = _fa()
    arrays = _ok(client.get_arrays())
    assert len(arrays) == 1
    assert arrays[0].name == "fa-py-1"
    assert arrays[0].os == "Purity//FA"
    assert arrays[0].capacity == 100 * 2**40

    space = _ok(client.get_arrays_space())[0]
    assert space.capacity == 100 * 2**40
    assert 0 < space.space.total_physical < space.capacity
    assert space.space.data_reduction >= 1

    perf = _ok(client.get_arrays_performance())[0]
    assert perf.reads_per_sec > 0
    assert perf.usec_per_read_op > 0
    assert perf.writes_per_sec > 0

    controllers = _ok(client.get_controllers())
    assert sorted(c.name for c in controllers) == ["CT0", "CT1"]
    assert all(c.status == "ready" for c in controllers)


def test_flasharray_volume_lifecycle():
    client = _fa()
    name = _unique("py-vol")
    gib = 2**30

    created = _ok(client.post_volumes(names=[name], volume=flasharray.VolumePost(provisioned=10 * gib)))
    assert created[0].name == name
    assert created[0].provisioned == 10 * gib
    assert len(created[0].serial) == 24

    # The same name again: Pure's 400 "already exists".
    assert "already exists" in _messages(client.post_volumes(names=[name], volume=flasharray.VolumePost(provisioned=gib)))

    # Grow, then shrink (refused without truncate, accepted with it).
    grown = _ok(client.patch_volumes(names=[name], volume=flasharray.VolumePatch(provisioned=20 * gib)))
    assert grown[0].provisioned == 20 * gib
    assert "truncation" in _messages(client.patch_volumes(names=[name], volume=flasharray.VolumePatch(provisioned=5 * gib)))
    shrunk = _ok(client.patch_volumes(names=[name], volume=flasharray.VolumePatch(provisioned=5 * gib), truncate=True))
    assert shrunk[0].provisioned == 5 * gib

    # QoS limits.
    qos = _ok(client.patch_volumes(names=[name], volume=flasharray.VolumePatch(qos=flasharray.QosPatch(iops_limit=5000))))
    assert qos[0].qos.iops_limit == 5000

    # A filter as the client's own Filter class builds it.
    listed = _ok(client.get_volumes(filter=f"name='{name}' and provisioned>=1048576"))
    assert [v.name for v in listed] == [name]

    # Destroy: pending eradication with a time_remaining that counts down.
    destroyed = _ok(client.patch_volumes(names=[name], volume=flasharray.VolumePatch(destroyed=True)))
    assert destroyed[0].destroyed is True
    first = _ok(client.get_volumes(names=[name], destroyed=True))[0].time_remaining
    time.sleep(1.1)
    second = _ok(client.get_volumes(names=[name], destroyed=True))[0].time_remaining
    assert 0 < second < first <= 86_400_000

    # Recover, destroy again, eradicate.
    recovered = _ok(client.patch_volumes(names=[name], volume=flasharray.VolumePatch(destroyed=False)))
    assert recovered[0].destroyed is False
    assert "not destroyed" in _messages(client.delete_volumes(names=[name]))
    _ok(client.patch_volumes(names=[name], volume=flasharray.VolumePatch(destroyed=True)))
    assert client.delete_volumes(names=[name]).status_code == 200
    assert "does not exist" in _messages(client.get_volumes(names=[name]))


def test_flasharray_pagination_follows_continuation_tokens():
    # With auto_pagination_limit the client asks for pages of 3 and follows the tokens itself.
    client = _fa(auto_pagination_limit=3)
    prefix = _unique("py-page")
    names = [f"{prefix}-{i}" for i in range(7)]
    _ok(client.post_volumes(names=names, volume=flasharray.VolumePost(provisioned=2**30)))
    _control("DELETE", "/arrays/fa-py-1/counters")
    resp = client.get_volumes(filter=f"name='{prefix}-*'")
    assert resp.continuation_token
    assert resp.more_items_remaining is True
    assert sorted(v.name for v in resp.items) == sorted(names)
    # 7 items in pages of 3: exactly three GETs.
    counts = _control("GET", "/arrays/fa-py-1/counters")["endpoints"]
    assert counts["GET /api/2.x/volumes"]["count"] == 3
    _ok(client.patch_volumes(names=names, volume=flasharray.VolumePatch(destroyed=True)))
    assert client.delete_volumes(names=names).status_code == 200


def test_flasharray_client_logs_in_again_after_sessions_expire():
    client = _fa()
    _ok(client.get_arrays())
    assert _control("POST", "/arrays/fa-py-1/sessions/expire")["expired"] >= 1
    # The client gets 401, logs in again with its API token and retries once.
    assert _ok(client.get_arrays())[0].name == "fa-py-1"


def test_flasharray_hosts_and_connections():
    client = _fa()
    host = _unique("pyhost")
    vol = _unique("py-conn")
    iqn = f"iqn.2024-01.com.example:{host}"
    _ok(client.post_hosts(names=[host], host=flasharray.HostPost(iqns=[iqn])))
    _ok(client.post_volumes(names=[vol], volume=flasharray.VolumePost(provisioned=2**30)))
    conn = _ok(client.post_connections(host_names=[host], volume_names=[vol]))
    assert conn[0].lun >= 1
    assert "already exists" in _messages(client.post_connections(host_names=[host], volume_names=[vol]))
    assert _ok(client.get_volumes(names=[vol]))[0].connection_count == 1
    assert client.delete_connections(host_names=[host], volume_names=[vol]).status_code == 200
    assert client.delete_hosts(names=[host]).status_code == 200


def test_flasharray_host_tags_batching_rule_and_qos_unset():
    client = _fa()
    h1, h2 = _unique("pyh1"), _unique("pyh2")
    v1, v2 = _unique("py-b1"), _unique("py-b2")
    mark = flasharray.TagBatch(namespace="terraform-pure", key="fleet", value="pyfleet")
    _ok(client.post_hosts(names=[h1], host=flasharray.HostPost(iqns=[f"iqn.2024-01.com.example:{h1}"], tags=[mark])))
    _ok(client.post_hosts(names=[h2], host=flasharray.HostPost(nqns=[f"nqn.2024-01.com.example:{h2}"])))
    tags = _ok(client.get_hosts_tags(resource_names=[h1], namespaces=["terraform-pure"]))
    assert [(t.key, t.value) for t in tags] == [("fleet", "pyfleet")]
    _ok(client.put_hosts_tags_batch(resource_names=[h2], tag=[mark]))
    assert len(_ok(client.get_hosts_tags(resource_names=[h2], namespaces=["terraform-pure"]))) == 1
    _ok(client.post_volumes(names=[v1, v2], volume=flasharray.VolumePost(provisioned=2**30)))
    # Several hosts with several volumes in one request is refused; one volume with several hosts is not.
    refused = client.post_connections(host_names=[h1, h2], volume_names=[v1, v2])
    assert refused.status_code == 400
    assert _ok(client.get_connections(volume_names=[v1, v2])) == []
    assert len(_ok(client.post_connections(host_names=[h1, h2], volume_names=[v1]))) == 2
    # CHAP secrets shorter than 12 characters are refused.
    short = client.patch_hosts(names=[h1], host=flasharray.HostPatch(chap=flasharray.Chap(host_user="u", host_password="short")))
    assert short.status_code == 400
    # A QoS limit is set, then unset with "" as the spec says.
    _ok(client.patch_volumes(names=[v2], volume=flasharray.VolumePatch(qos=flasharray.QosPatch(iops_limit=5000))))
    assert _ok(client.get_volumes(names=[v2]))[0].qos.iops_limit == 5000
    _ok(client.patch_volumes(names=[v2], volume={"qos": {"iops_limit": ""}}))
    assert getattr(_ok(client.get_volumes(names=[v2]))[0].qos, "iops_limit", None) is None
    assert client.delete_connections(host_names=[h1, h2], volume_names=[v1]).status_code == 200
    for h in (h1, h2):
        assert client.delete_hosts(names=[h]).status_code == 200


def test_flasharray_host_groups_and_protection_groups():
    client = _fa()
    g, h = _unique("pyhg"), _unique("pyhgh")
    vol, pg = _unique("py-pg"), _unique("pypg")
    _ok(client.post_hosts(names=[h], host=flasharray.HostPost(iqns=[f"iqn.2024-01.com.example:{h}"])))
    _ok(client.post_volumes(names=[vol], volume=flasharray.VolumePost(provisioned=2**30)))
    _ok(client.post_host_groups(names=[g]))
    _ok(client.post_host_groups_hosts(group_names=[g], member_names=[h]))
    assert [m.member.name for m in _ok(client.get_host_groups_hosts(group_names=[g]))] == [h]
    shared = _ok(client.post_connections(host_group_names=[g], volume_names=[vol]))
    assert shared[0].host_group.name == g
    # A member cannot also connect the group's volume privately; a non-empty group cannot be deleted.
    assert client.post_connections(host_names=[h], volume_names=[vol]).status_code == 400
    assert client.delete_host_groups(names=[g]).status_code == 400
    assert client.delete_connections(host_group_names=[g], volume_names=[vol]).status_code == 200
    assert client.delete_host_groups_hosts(group_names=[g], member_names=[h]).status_code == 200
    assert client.delete_host_groups(names=[g]).status_code == 200
    # Host group tags: a fleet's mark comes with the create, is read back, set and removed.
    marked, other = _unique("pyhgt"), _unique("pyhgu")
    mark = {"namespace": "pyfleet", "key": "fleet", "value": "f1"}
    _ok(client.post_host_groups(names=[marked], host_group={"tags": [mark]}))
    tags = _ok(client.get_host_groups_tags(resource_names=[marked], namespaces=["pyfleet"]))
    assert [(t.key, t.value, t.resource.name) for t in tags] == [("fleet", "f1", marked)]
    _ok(client.post_host_groups(names=[other]))
    assert _ok(client.get_host_groups_tags(resource_names=[other])) == []
    _ok(client.put_host_groups_tags_batch(resource_names=[other], tag=[mark]))
    assert [t.value for t in _ok(client.get_host_groups_tags(resource_names=[other], namespaces=["pyfleet"]))] == ["f1"]
    assert client.delete_host_groups_tags(resource_names=[other], keys=["fleet"], namespaces=["pyfleet"]).status_code == 200
    assert _ok(client.get_host_groups_tags(resource_names=[other])) == []
    # One POST may name one host group with several volumes, never several groups with several volumes.
    v3, v4 = _unique("py-hgv"), _unique("py-hgv")
    _ok(client.post_volumes(names=[v3, v4], volume=flasharray.VolumePost(provisioned=2**30)))
    assert client.post_connections(host_group_names=[marked, other], volume_names=[v3, v4]).status_code == 400
    both = _ok(client.post_connections(host_group_names=[marked, other], volume_names=[v3]))
    assert sorted(c.host_group.name for c in both) == sorted([marked, other])
    assert client.delete_connections(host_group_names=[marked, other], volume_names=[v3]).status_code == 200
    for name in (marked, other):
        assert client.delete_host_groups(names=[name]).status_code == 200
    # A protection group with an hourly schedule takes snapshots on the simulator's clock.
    _ok(client.post_protection_groups(names=[pg]))
    schedule = flasharray.ProtectionGroup(
        snapshot_schedule=flasharray.SnapshotSchedule(enabled=True, frequency=3_600_000),
        source_retention=flasharray.RetentionPolicy(all_for_sec=86_400),
    )
    _ok(client.patch_protection_groups(names=[pg], protection_group=schedule))
    _ok(client.post_protection_groups_volumes(group_names=[pg], member_names=[vol]))
    _control("POST", "/clock/advance", {"ms": 2 * 3_600_000 + 1000})
    client = _fa()  # sessions expired with the clock
    snaps = _ok(client.get_protection_group_snapshots(source_names=[pg]))
    assert len(snaps) == 2 and all(s.source.name == pg for s in snaps)
    assert client.delete_protection_groups_volumes(group_names=[pg], member_names=[vol]).status_code == 200
    _ok(client.patch_protection_groups(names=[pg], protection_group=flasharray.ProtectionGroup(destroyed=True)))
    assert client.delete_protection_groups(names=[pg]).status_code == 200
    assert client.delete_hosts(names=[h]).status_code == 200


# --- FlashBlade --------------------------------------------------------------


def test_flashblade_arrays_space_and_performance():
    client = _fb()
    arrays = _ok(client.get_arrays())
    assert arrays[0].name == "fb-py-1"
    assert arrays[0].os == "Purity//FB"
    space = _ok(client.get_arrays_space())[0]
    assert space.capacity == 200 * 2**40
    assert space.space.total_physical > 0
    perf = _ok(client.get_arrays_performance())[0]
    assert perf.reads_per_sec > 0
    vips = [n for n in _ok(client.get_network_interfaces()) if "data" in n.services]
    assert vips and vips[0].address == _array("fb-py-1")["nfsEndpoint"]


def test_flashblade_file_system_lifecycle():
    client = _fb()
    name = _unique("py-fs")
    created = _ok(
        client.post_file_systems(
            names=[name],
            file_system=flashblade.FileSystemPost(
                provisioned=50 * 2**30,
                hard_limit_enabled=True,
                nfs=flashblade.Nfs(v3_enabled=True, v4_1_enabled=True, rules="10.0.0.0/8(rw,no_root_squash)"),
            ),
        )
    )
    fs = created[0]
    assert fs.name == name
    assert fs.provisioned == 50 * 2**30
    assert fs.nfs.v3_enabled and fs.nfs.v4_1_enabled
    assert fs.nfs.rules == "10.0.0.0/8(rw,no_root_squash)"

    # Change the export, then destroy with NFS disabled in the same PATCH (as Ansible and Manila do).
    exported = _ok(
        client.patch_file_systems(
            names=[name], file_system=flashblade.FileSystemPatch(nfs=flashblade.NfsPatch(rules="*(ro)"))
        )
    )
    assert exported[0].nfs.rules == "*(ro)"
    assert "exported" in _messages(
        client.patch_file_systems(names=[name], file_system=flashblade.FileSystemPatch(destroyed=True))
    )
    destroyed = _ok(
        client.patch_file_systems(
            names=[name],
            file_system=flashblade.FileSystemPatch(
                destroyed=True, nfs=flashblade.NfsPatch(v3_enabled=False, v4_1_enabled=False)
            ),
        )
    )
    assert destroyed[0].destroyed is True
    assert destroyed[0].time_remaining > 0
    assert client.delete_file_systems(names=[name]).status_code == 200
    assert "does not exist" in _messages(client.get_file_systems(names=[name]))


def test_flashblade_export_policy_rules_edited_in_place_and_attached_to_a_file_system():
    client = _fb()
    policy = _unique("py-pol")
    created = _ok(
        client.post_nfs_export_policies(
            names=[policy],
            policy=flashblade.NfsExportPolicyPost(
                rules=[flashblade.NfsExportPolicyRuleInPolicy(client="10.1.0.0/16", permission="rw", access="no-squash")]
            ),
        )
    )
    assert created[0].name == policy
    rules = _ok(client.get_nfs_export_policies_rules(policy_names=[policy]))
    assert [(r.client, r.permission) for r in rules] == [("10.1.0.0/16", "rw")]
    rule_id = rules[0].id

    # A rule edited in place keeps its id; the fields not sent stay as they were.
    edited = _ok(
        client.patch_nfs_export_policies_rules(
            names=[f"{policy}.1"], rule=flashblade.NfsExportPolicyRulePatch(permission="ro")
        )
    )
    assert edited[0].id == rule_id
    assert (edited[0].client, edited[0].permission, edited[0].access) == ("10.1.0.0/16", "ro", "no-squash")

    # Setting the policy on a file system clears its inline rules, as the spec says.
    fs = _unique("py-fs-pol")
    _ok(
        client.post_file_systems(
            names=[fs], file_system=flashblade.FileSystemPost(nfs=flashblade.Nfs(v3_enabled=True, rules="10.2.0.0/16(rw)"))
        )
    )
    attached = _ok(
        client.patch_file_systems(
            names=[fs],
            file_system=flashblade.FileSystemPatch(
                nfs=flashblade.NfsPatch(export_policy=flashblade.ReferenceWritable(name=policy))
            ),
        )
    )
    assert attached[0].nfs.rules == ""
    assert attached[0].nfs.export_policy.name == policy
    assert "in use" in _messages(client.delete_nfs_export_policies(names=[policy]))
    _ok(
        client.patch_file_systems(
            names=[fs],
            file_system=flashblade.FileSystemPatch(
                destroyed=True, nfs=flashblade.NfsPatch(v3_enabled=False, v4_1_enabled=False)
            ),
        )
    )
    assert client.delete_file_systems(names=[fs]).status_code == 200
    assert client.delete_nfs_export_policies(names=[policy]).status_code == 200


def test_flashblade_snapshot_policy_takes_snapshots_on_the_clock_and_a_destroy_detaches_the_export_policy():
    client = _fb()
    pol, fs = _unique("py-snap"), _unique("py-fs-snap")
    hour = 3_600_000
    _ok(client.post_file_systems(names=[fs], file_system=flashblade.FileSystemPost(provisioned=2**30)))
    # The rules FlashBlade refuses: a too frequent schedule, a keep_for below every.
    too_often = flashblade.Policy(rules=[flashblade.PolicyRule(every=60_000, keep_for=hour)])
    assert "5 minutes" in _messages(client.post_policies(names=[pol], policy=too_often))
    short = flashblade.Policy(rules=[flashblade.PolicyRule(every=hour, keep_for=60_000)])
    assert "keep_for" in _messages(client.post_policies(names=[pol], policy=short))
    hourly = flashblade.Policy(rules=[flashblade.PolicyRule(every=hour, keep_for=2 * hour)])
    created = _ok(client.post_policies(names=[pol], policy=hourly))
    assert (created[0].rules[0].every, created[0].rules[0].keep_for) == (hour, 2 * hour)
    _ok(client.post_policies_file_systems(policy_names=[pol], member_names=[fs]))
    assert "already a member" in _messages(client.post_file_systems_policies(policy_names=[pol], member_names=[fs]))
    assert [m.member.name for m in _ok(client.get_file_systems_policies(policy_names=[pol]))] == [fs]
    _control("POST", "/clock/advance", {"ms": 3 * hour + 1000})
    client = _fb()  # sessions expired with the clock
    snaps = _ok(client.get_file_system_snapshots(names_or_owner_names=[fs], sort=["-created"]))
    assert [s.name for s in snaps] == [f"{fs}.{pol}.3", f"{fs}.{pol}.2"]
    assert all(s.policy.name == pol and s.owner.name == fs for s in snaps)
    assert "in use" in _messages(client.delete_policies(names=[pol]))
    assert client.delete_policies_file_systems(policy_names=[pol], member_names=[fs]).status_code == 200
    assert client.delete_policies(names=[pol]).status_code == 200

    # Destroyed with nfs.rules = "" in the same PATCH, a file system leaves its export policy, which
    # can then be deleted while the file system waits in the eradication bin.
    exports = _unique("py-exp")
    _ok(client.post_nfs_export_policies(names=[exports]))
    _ok(
        client.patch_file_systems(
            names=[fs],
            file_system=flashblade.FileSystemPatch(
                nfs=flashblade.NfsPatch(v3_enabled=True, export_policy=flashblade.ReferenceWritable(name=exports))
            ),
        )
    )
    destroyed = _ok(
        client.patch_file_systems(
            names=[fs],
            file_system=flashblade.FileSystemPatch(
                destroyed=True, nfs=flashblade.NfsPatch(v3_enabled=False, v4_1_enabled=False, rules="")
            ),
        )
    )
    assert destroyed[0].destroyed and destroyed[0].nfs.export_policy is None
    assert client.delete_nfs_export_policies(names=[exports]).status_code == 200
    assert all(s.destroyed for s in _ok(client.get_file_system_snapshots(names_or_owner_names=[fs])))
    assert client.delete_file_systems(names=[fs]).status_code == 200


def test_flashblade_qos_policies_limits_members_and_the_in_use_rule():
    client = _fb()
    policy = _unique("py-qos")
    created = _ok(
        client.post_qos_policies(
            names=[policy],
            policy=flashblade.QosPolicy(max_total_ops_per_sec=5000, max_total_bytes_per_sec=1073741824),
        )
    )
    assert (created[0].name, created[0].enabled) == (policy, True)
    assert (created[0].max_total_ops_per_sec, created[0].max_total_bytes_per_sec) == (5000, 1073741824)
    changed = _ok(client.patch_qos_policies(names=[policy], policy=flashblade.QosPolicy(max_total_ops_per_sec=20000)))
    assert (changed[0].max_total_ops_per_sec, changed[0].max_total_bytes_per_sec) == (20000, 1073741824)
    assert [p.name for p in _ok(client.get_qos_policies(names=[policy]))] == [policy]

    # Attached at creation and through qos-policies/members; listed both ways.
    fs_a, fs_b = _unique("py-fs-qos"), _unique("py-fs-qos")
    _ok(
        client.post_file_systems(
            names=[fs_a], file_system=flashblade.FileSystemPost(qos_policy=flashblade.Reference(name=policy))
        )
    )
    _ok(client.post_file_systems(names=[fs_b], file_system=flashblade.FileSystemPost()))
    _ok(client.post_qos_policies_members(policy_names=[policy], member_names=[fs_b], member_types=["file-systems"]))
    assert "already" in _messages(
        client.post_qos_policies_members(policy_names=[policy], member_names=[fs_b], member_types=["file-systems"])
    )
    members = _ok(client.get_qos_policies_file_systems(policy_names=[policy]))
    assert sorted(m.member.name for m in members) == sorted([fs_a, fs_b])
    assert [m.policy.name for m in _ok(client.get_qos_policies_members(member_names=[fs_a]))] == [policy]
    assert _ok(client.get_file_systems(names=[fs_a]))[0].qos_policy.name == policy

    # In use: not deleted. Detached through members and through the file system: deleted.
    assert "in use" in _messages(client.delete_qos_policies(names=[policy]))
    assert client.delete_qos_policies_members(policy_names=[policy], member_names=[fs_b]).status_code == 200
    _ok(client.patch_file_systems(names=[fs_a], file_system=flashblade.FileSystemPatch(qos_policy=flashblade.Reference(name=""))))
    assert _ok(client.get_qos_policies_file_systems(policy_names=[policy])) == []
    assert client.delete_qos_policies(names=[policy]).status_code == 200
    assert "does not exist" in _messages(client.get_qos_policies(names=[policy]))
    for fs in (fs_a, fs_b):
        _ok(client.patch_file_systems(names=[fs], file_system=flashblade.FileSystemPatch(destroyed=True)))
        assert client.delete_file_systems(names=[fs]).status_code == 200


# --- Faults as the real client sees them --------------------------------------


def test_rate_limit_burst_is_retried_by_the_client_exactly_as_configured():
    client = _fa()
    _control("DELETE", "/arrays/fa-py-1/counters")
    _control("PATCH", "/arrays/fa-py-1/faults", {"rateLimitBurst": 2, "match": ["GET /api/2.x/arrays"]})
    try:
        started = time.monotonic()
        arrays = _ok(client.get_arrays())
        waited = time.monotonic() - started
    finally:
        _control("DELETE", "/arrays/fa-py-1/faults")
    assert arrays[0].name == "fa-py-1"
    # Two 429s with Retry-After: 1, then success: three calls, at least two seconds of waiting.
    counts = _control("GET", "/arrays/fa-py-1/counters")["endpoints"]["GET /api/2.x/arrays"]
    assert counts == {"count": 3, "byStatus": {"429": 2, "200": 1}}
    assert waited >= 2.0


def test_server_errors_reach_the_client_with_pure_error_bodies():
    client = _fa()
    _control("PATCH", "/arrays/fa-py-1/faults", {"failNext": 1, "errorStatus": 400, "errorMessage": "Injected failure."})
    try:
        resp = client.get_volumes()
    finally:
        _control("DELETE", "/arrays/fa-py-1/faults")
    assert resp.status_code == 400
    assert _messages(resp) == "Injected failure."


def test_an_older_client_module_drives_an_older_array():
    client = _fa("fa-py-old")
    name = _unique("py-old")
    created = _ok(client.post_volumes(names=[name], volume=flasharray.VolumePost(provisioned=2**30)))
    assert created[0].provisioned == 2**30
    _ok(client.patch_volumes(names=[name], volume=flasharray.VolumePatch(destroyed=True)))
    assert client.delete_volumes(names=[name]).status_code == 200


# --- API clients (OAuth 2.0 token exchange) --------------------------------------


def _register_api_client(array, tmp_path):
    """A fresh RSA key pair registered on the array as an API client; returns the Client kwargs."""
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import rsa

    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    pem = key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    public = key.public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    ).decode()
    key_file = tmp_path / "client.pem"
    key_file.write_bytes(pem)
    client_id, key_id = str(uuid.uuid4()), str(uuid.uuid4())
    _control(
        "POST",
        f"/arrays/{array}/api-clients",
        {"id": client_id, "keyId": key_id, "issuer": "py-pure-client", "publicKey": public},
    )
    return {
        "client_id": client_id,
        "key_id": key_id,
        "issuer": "py-pure-client",
        "username": "pureuser",
        "private_key_file": str(key_file),
    }


@pytest.mark.parametrize("array,family", [("fa-py-1", flasharray), ("fb-py-1", flashblade)])
def test_api_client_logs_in_by_token_exchange(array, family, tmp_path, monkeypatch):
    # The client caches its access token in a file in the working directory.
    monkeypatch.chdir(tmp_path)
    kwargs = _register_api_client(array, tmp_path)
    a = _array(array)
    client = family.Client(target=a["mgmtEndpoint"], verify_ssl=True, configuration=_config(), **kwargs)
    arrays = list(client.get_arrays().items)
    assert arrays[0].name == array
    # The access token was used (and kept: the client decodes its exp), not exchanged per call.
    counts = _control("GET", f"/arrays/{array}/counters")["endpoints"]
    assert counts["POST /oauth2/1.0/token"]["byStatus"].get("200", 0) >= 1
    before = counts["POST /oauth2/1.0/token"]["count"]
    list(client.get_arrays().items)
    after = _control("GET", f"/arrays/{array}/counters")["endpoints"]["POST /oauth2/1.0/token"]["count"]
    assert after == before


def test_api_client_with_an_unregistered_key_is_refused(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    kwargs = _register_api_client("fa-py-1", tmp_path)
    kwargs["client_id"] = str(uuid.uuid4())
    a = _array("fa-py-1")
    with pytest.raises(Exception) as err:
        flasharray.Client(target=a["mgmtEndpoint"], verify_ssl=True, configuration=_config(), **kwargs)
    assert "401" in str(err.value) or "invalid_client" in str(err.value)
