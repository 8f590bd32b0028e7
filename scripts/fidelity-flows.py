"""The local endpoint's contact flows and flow modules against botocore's model, through boto3
(a client nobody here wrote): each operation round-trips and each refusal is the modeled
exception. Prints one line per case ("ok ..." or "BAD ...") and exits 1 when any fails.

    pip install boto3
    connect-views serve --listen 127.0.0.1:8799 --db /tmp/flows.sqlite3 &
    python3 scripts/fidelity-flows.py http://127.0.0.1:8799
"""
import json
import sys
import uuid

import boto3
import botocore

URL = sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:8799"
c = boto3.client("connect", endpoint_url=URL, region_name="us-east-1",
                 aws_access_key_id="x", aws_secret_access_key="x")
I = "00000000-0000-4000-8000-000000000000"
tag = uuid.uuid4().hex[:8]
res = {}


def refused(f, **kw):
    try:
        f(**kw)
        return None
    except botocore.exceptions.ClientError as e:
        return e.response["Error"]["Code"]


flow = {"Version": "2019-10-30", "StartAction": "a", "Actions": [
    {"Identifier": "a", "Type": "DisconnectParticipant", "Parameters": {}, "Transitions": {}}]}
saved = dict(flow, StartAction="b")
content = json.dumps(flow)
# Flows: create, describe plain and :$SAVED, list, search with content, update, rename, delete.
made = c.create_contact_flow(InstanceId=I, Name="flow-" + tag, Type="CONTACT_FLOW", Content=content,
                             Description="first", Tags={"team": "ops"})
fid, farn = made["ContactFlowId"], made["ContactFlowArn"]
res["CreateContactFlow returns id, ARN and checksum"] = farn.endswith("/contact-flow/" + fid) and len(made["FlowContentSha256"]) == 64
d = c.describe_contact_flow(InstanceId=I, ContactFlowId=fid)["ContactFlow"]
res["DescribeContactFlow gives the content as given"] = d["Content"] == content and d["Status"] == "PUBLISHED" and d["Type"] == "CONTACT_FLOW" and d["Tags"] == {"team": "ops"}
c.update_contact_flow_content(InstanceId=I, ContactFlowId=fid + ":$SAVED", Content=json.dumps(saved))
res["content saved to :$SAVED leaves the published content"] = c.describe_contact_flow(InstanceId=I, ContactFlowId=fid)["ContactFlow"]["Content"] == content
s = c.describe_contact_flow(InstanceId=I, ContactFlowId=farn + ":$SAVED")["ContactFlow"]
res["an ARN:$SAVED describes the saved content"] = json.loads(s["Content"]) == saved and s["Status"] == "SAVED"
c.update_contact_flow_content(InstanceId=I, ContactFlowId=fid, Content=json.dumps(saved))
res["content updated unqualified is published"] = json.loads(c.describe_contact_flow(InstanceId=I, ContactFlowId=fid)["ContactFlow"]["Content"]) == saved
res["content that is not JSON is InvalidContactFlowException"] = refused(c.update_contact_flow_content, InstanceId=I, ContactFlowId=fid, Content="{not json") == "InvalidContactFlowException"
c.update_contact_flow_name(InstanceId=I, ContactFlowId=fid, Name="flow-" + tag + "-renamed")
c.update_contact_flow_metadata(InstanceId=I, ContactFlowId=fid, Description="second", ContactFlowState="ARCHIVED")
d = c.describe_contact_flow(InstanceId=I, ContactFlowId=fid)["ContactFlow"]
res["UpdateContactFlowName and Metadata change what they name"] = d["Name"].endswith("-renamed") and d["Description"] == "second" and d["State"] == "ARCHIVED"
res["a taken name is DuplicateResourceException"] = refused(c.create_contact_flow, InstanceId=I, Name="flow-" + tag + "-renamed", Type="CONTACT_FLOW", Content=content) == "DuplicateResourceException"
listed = [f["Id"] for p in c.get_paginator("list_contact_flows").paginate(InstanceId=I, ContactFlowTypes=["CONTACT_FLOW"], PaginationConfig={"PageSize": 1}) for f in p["ContactFlowSummaryList"]]
res["ListContactFlows pages through the flows"] = fid in listed
found = c.search_contact_flows(InstanceId=I, SearchCriteria={"StringCondition": {"FieldName": "name", "Value": tag, "ComparisonType": "CONTAINS"}})
res["SearchContactFlows returns each flow whole, content included"] = [f["Id"] for f in found["ContactFlows"]] == [fid] and "Content" in found["ContactFlows"][0] and found["ApproximateTotalCount"] == 1
res["versions are for CAMPAIGN flows only"] = refused(c.create_contact_flow_version, InstanceId=I, ContactFlowId=fid) == "InvalidRequestException"
camp = c.create_contact_flow(InstanceId=I, Name="campaign-" + tag, Type="CAMPAIGN", Content=content)
v = c.create_contact_flow_version(InstanceId=I, ContactFlowId=camp["ContactFlowId"], Description="v1", FlowContentSha256=camp["FlowContentSha256"])
res["CreateContactFlowVersion numbers from 1"] = v["Version"] == 1
vd = c.describe_contact_flow(InstanceId=I, ContactFlowId=camp["ContactFlowArn"] + ":1")["ContactFlow"]
res["an ARN:N describes the version"] = vd["Version"] == 1 and vd["Content"] == content
res["ListContactFlowVersions lists it"] = [x["Version"] for x in c.list_contact_flow_versions(InstanceId=I, ContactFlowId=camp["ContactFlowId"])["ContactFlowVersionSummaryList"]] == [1]
c.delete_contact_flow_version(InstanceId=I, ContactFlowId=camp["ContactFlowId"], ContactFlowVersion=1)
res["a deleted version is ResourceNotFoundException"] = refused(c.describe_contact_flow, InstanceId=I, ContactFlowId=camp["ContactFlowId"] + ":1") == "ResourceNotFoundException"
c.delete_contact_flow(InstanceId=I, ContactFlowId=fid)
res["a deleted flow is ResourceNotFoundException"] = refused(c.describe_contact_flow, InstanceId=I, ContactFlowId=fid) == "ResourceNotFoundException"

# Modules: create, version, aliases, search.
m = c.create_contact_flow_module(InstanceId=I, Name="module-" + tag, Content=content)
mid = m["Id"]
res["CreateContactFlowModule returns id and ARN"] = m["Arn"].endswith("/flow-module/" + mid)
md = c.describe_contact_flow_module(InstanceId=I, ContactFlowModuleId=mid)["ContactFlowModule"]
res["DescribeContactFlowModule gives the content"] = md["Content"] == content and md["State"] == "ACTIVE"
mv = c.create_contact_flow_module_version(InstanceId=I, ContactFlowModuleId=mid, Description="first")
res["a module version numbers from 1"] = mv["Version"] == 1
a = c.create_contact_flow_module_alias(InstanceId=I, ContactFlowModuleId=mid, AliasName="prod", ContactFlowModuleVersion=1)
al = c.describe_contact_flow_module_alias(InstanceId=I, ContactFlowModuleId=mid, AliasId=a["Id"])["ContactFlowModuleAlias"]
res["an alias points at its version"] = al["Version"] == 1 and al["Name"] == "prod"
res["an alias of a missing version is ResourceNotFoundException"] = refused(c.create_contact_flow_module_alias, InstanceId=I, ContactFlowModuleId=mid, AliasName="next", ContactFlowModuleVersion=9) == "ResourceNotFoundException"
res["a taken alias name is DuplicateResourceException"] = refused(c.create_contact_flow_module_alias, InstanceId=I, ContactFlowModuleId=mid, AliasName="prod", ContactFlowModuleVersion=1) == "DuplicateResourceException"
aliases = c.list_contact_flow_module_aliases(InstanceId=I, ContactFlowModuleId=mid)["ContactFlowModuleAliasSummaryList"]
res["ListContactFlowModuleAliases lists it"] = [(x["AliasName"], x["Version"]) for x in aliases] == [("prod", 1)]
res["module content that is not JSON is InvalidContactFlowModuleException"] = refused(c.update_contact_flow_module_content, InstanceId=I, ContactFlowModuleId=mid, Content="nope") == "InvalidContactFlowModuleException"
ms = c.search_contact_flow_modules(InstanceId=I, SearchCriteria={"StringCondition": {"FieldName": "name", "Value": "module-" + tag, "ComparisonType": "EXACT"}})
res["SearchContactFlowModules finds it with its content"] = [x["Id"] for x in ms["ContactFlowModules"]] == [mid] and ms["ContactFlowModules"][0]["Content"] == content
c.delete_contact_flow_module_alias(InstanceId=I, ContactFlowModuleId=mid, AliasId=a["Id"])
c.delete_contact_flow_module(InstanceId=I, ContactFlowModuleId=mid)
res["a deleted module is ResourceNotFoundException"] = refused(c.describe_contact_flow_module, InstanceId=I, ContactFlowModuleId=mid) == "ResourceNotFoundException"

bad = 0
for k, v in res.items():
    print(("ok  " if v else "BAD ") + k)
    bad += not v
sys.exit(1 if bad else 0)
