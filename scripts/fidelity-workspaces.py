"""The local endpoint's workspaces and pages against botocore's model, through boto3: each
operation round-trips, a page's InputData is checked against its view's input schema
(InvalidParameterException naming the problem), an instance holds at most 17 custom pages, and
SearchWorkspaceAssociations finds each user and routing profile associated with a workspace.
Prints one line per case ("ok ..." or "BAD ...") and exits 1 when any fails.

    pip install boto3
    connect-views serve --listen 127.0.0.1:8799 --db /tmp/ws.sqlite3 &
    python3 scripts/fidelity-workspaces.py http://127.0.0.1:8799
"""
import json
import sys
import uuid

import boto3
import botocore

URL = sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:8799"
c = boto3.client("connect", endpoint_url=URL, region_name="us-east-1",
                 aws_access_key_id="x", aws_secret_access_key="x")
I = sys.argv[2] if len(sys.argv) > 2 else "00000000-0000-4000-8000-000000000000"
tag = uuid.uuid4().hex[:8]
res = {}


def refused(f, **kw):
    try:
        f(**kw)
        return None, ""
    except botocore.exceptions.ClientError as e:
        return e.response["Error"]["Code"], e.response["Error"].get("Message", "")


# A view with one text input, CustomerName.
template = {"Head": {"Title": "Greeting", "Configuration": {}}, "Body": [
    {"_id": "h", "Type": "Header", "Props": {}, "Content": ["$.CustomerName"]}]}
view = c.create_view(InstanceId=I, Name="greeting-" + tag, Status="PUBLISHED",
                     Content={"Template": json.dumps(template), "Actions": []})["View"]
varn = view["Arn"]

w = c.create_workspace(InstanceId=I, Name="desk-" + tag, Description="agents", Title="Desk")
wid = w["WorkspaceId"]
res["CreateWorkspace returns its id and ARN"] = w["WorkspaceArn"].endswith("/workspace/" + wid)
d = c.describe_workspace(InstanceId=I, WorkspaceId=wid)["Workspace"]
res["DescribeWorkspace gives it back"] = d["Name"] == "desk-" + tag and d["Title"] == "Desk" and d["Visibility"] == "ALL"
c.update_workspace_metadata(InstanceId=I, WorkspaceId=wid, Description="all agents")
c.update_workspace_visibility(InstanceId=I, WorkspaceId=wid, Visibility="ASSIGNED")
c.update_workspace_theme(InstanceId=I, WorkspaceId=wid, Theme={"Light": {"Palette": {"Primary": {"Default": "#123456"}}}})
d = c.describe_workspace(InstanceId=I, WorkspaceId=wid)["Workspace"]
res["metadata, visibility and theme change what they name"] = d["Description"] == "all agents" and d["Visibility"] == "ASSIGNED" and d["Theme"]["Light"]["Palette"]["Primary"]["Default"] == "#123456"
res["ListWorkspaces lists it"] = wid in [x["Id"] for x in c.list_workspaces(InstanceId=I)["WorkspaceSummaryList"]]
found = c.search_workspaces(InstanceId=I, SearchCriteria={"StringCondition": {"FieldName": "name", "Value": tag, "ComparisonType": "CONTAINS"}})
res["SearchWorkspaces finds it"] = [x["Id"] for x in found["Workspaces"]] == [wid] and found["ApproximateTotalCount"] == 1

# Pages: InputData checked against the view's input schema.
c.create_workspace_page(InstanceId=I, WorkspaceId=wid, ResourceArn=varn, Page="greeting", Slug="greet",
                        InputData=json.dumps({"CustomerName": "Ana"}))
pages = c.list_workspace_pages(InstanceId=I, WorkspaceId=wid)["WorkspacePageList"]
res["CreateWorkspacePage stores the page"] = [(p["Page"], p["ResourceArn"], json.loads(p["InputData"])) for p in pages] == [("greeting", varn, {"CustomerName": "Ana"})]
code, msg = refused(c.create_workspace_page, InstanceId=I, WorkspaceId=wid, ResourceArn=varn, Page="bad", InputData=json.dumps({"CustomerName": {"First": "Ana"}}))
res["InputData the schema refuses is InvalidParameterException naming it"] = code == "InvalidParameterException" and "/CustomerName" in msg
code, msg = refused(c.create_workspace_page, InstanceId=I, WorkspaceId=wid, ResourceArn=varn, Page="bad", InputData="{not json")
res["InputData that is not JSON is refused"] = code == "InvalidParameterException"
code, _ = refused(c.create_workspace_page, InstanceId=I, WorkspaceId=wid, ResourceArn=varn + "x", Page="ghost")
res["a page of a view that does not exist is ResourceNotFoundException"] = code == "ResourceNotFoundException"
code, _ = refused(c.create_workspace_page, InstanceId=I, WorkspaceId=wid, ResourceArn=varn, Page="aws:mine")
res["a custom page with the aws: prefix is refused"] = code == "InvalidParameterException"
c.update_workspace_page(InstanceId=I, WorkspaceId=wid, Page="greeting", NewPage="hello", InputData=json.dumps({"CustomerName": "Bo"}))
pages = c.list_workspace_pages(InstanceId=I, WorkspaceId=wid)["WorkspacePageList"]
res["UpdateWorkspacePage renames the page and keeps its view"] = [(p["Page"], p["ResourceArn"], p.get("Slug")) for p in pages] == [("hello", varn, "greet")]
code, _ = refused(c.update_workspace_page, InstanceId=I, WorkspaceId=wid, Page="hello", InputData=json.dumps({"CustomerName": 3}))
res["an update's InputData is checked too"] = code is None  # a number is one of the schema's kinds
code, _ = refused(c.update_workspace_page, InstanceId=I, WorkspaceId=wid, Page="hello", InputData=json.dumps({"CustomerName": [1]}))
res["an update's InputData the schema refuses is refused"] = code == "InvalidParameterException"

# The quota: 17 custom pages an instance (one is there already).
for n in range(16):
    c.create_workspace_page(InstanceId=I, WorkspaceId=wid, ResourceArn=varn, Page="p%d" % n)
code, msg = refused(c.create_workspace_page, InstanceId=I, WorkspaceId=wid, ResourceArn=varn, Page="one-too-many")
res["the 18th custom page is ServiceQuotaExceededException"] = code == "ServiceQuotaExceededException"
c.create_workspace_page(InstanceId=I, WorkspaceId=wid, ResourceArn=varn, Page="HOME")
res["a system page is no custom page"] = "HOME" in [p["Page"] for p in c.list_workspace_pages(InstanceId=I, WorkspaceId=wid, MaxResults=100)["WorkspacePageList"]]
c.delete_workspace_page(InstanceId=I, WorkspaceId=wid, Page="p0")
code, _ = refused(c.delete_workspace_page, InstanceId=I, WorkspaceId=wid, Page="p0")
res["a deleted page is ResourceNotFoundException"] = code == "ResourceNotFoundException"

user = "arn:aws:connect:us-east-1:000000000000:instance/%s/agent/u1" % I
a = c.associate_workspace(InstanceId=I, WorkspaceId=wid, ResourceArns=[user])
res["AssociateWorkspace succeeds for each ARN"] = [x["ResourceArn"] for x in a["SuccessfulList"]] == [user] and a["FailedList"] == []
profile = "arn:aws:connect:us-east-1:000000000000:instance/%s/routing-profile/rp1" % I
c.associate_workspace(InstanceId=I, WorkspaceId=wid, ResourceArns=[profile])
found = c.search_workspace_associations(InstanceId=I, SearchCriteria={"StringCondition": {"FieldName": "workspaceId", "Value": wid, "ComparisonType": "EXACT"}})
res["SearchWorkspaceAssociations lists a workspace's users and routing profiles"] = sorted((x["ResourceType"], x["ResourceId"], x["WorkspaceArn"] == w["WorkspaceArn"]) for x in found["WorkspaceAssociations"]) == [("ROUTING_PROFILE", "rp1", True), ("USER", "u1", True)] and found["ApproximateTotalCount"] == 2
found = c.search_workspace_associations(InstanceId=I, SearchCriteria={"AndConditions": [{"StringCondition": {"FieldName": "workspaceId", "Value": wid, "ComparisonType": "EXACT"}}, {"StringCondition": {"FieldName": "resourceType", "Value": "USER", "ComparisonType": "EXACT"}}]})
res["its criteria filter by resource type"] = [x["ResourceArn"] for x in found["WorkspaceAssociations"]] == [user]
pages = list(c.get_paginator("search_workspace_associations").paginate(InstanceId=I, PaginationConfig={"PageSize": 1}))
res["its pages follow NextToken"] = sum(len(p["WorkspaceAssociations"]) for p in pages) == 2 and len(pages) == 2
code, msg = refused(c.search_workspace_associations, InstanceId=I, SearchCriteria={"StringCondition": {"FieldName": "colour", "Value": "x"}})
res["a field it does not know is InvalidParameterException naming the ones it does"] = code == "InvalidParameterException" and "resourceType" in msg
c.disassociate_workspace(InstanceId=I, WorkspaceId=wid, ResourceArns=[user, profile])
found = c.search_workspace_associations(InstanceId=I)
res["DisassociateWorkspace removes them"] = found["WorkspaceAssociations"] == [] and found["ApproximateTotalCount"] == 0
c.delete_workspace(InstanceId=I, WorkspaceId=wid)
code, _ = refused(c.describe_workspace, InstanceId=I, WorkspaceId=wid)
res["a deleted workspace is ResourceNotFoundException"] = code == "ResourceNotFoundException"

bad = 0
for k, v in res.items():
    print(("ok  " if v else "BAD ") + k)
    bad += not v
sys.exit(1 if bad else 0)
